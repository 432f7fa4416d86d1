// A real SMTP receiver on loopback: mails the office sends arrive here, parsed.
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
}

export class SmtpReceiver {
  readonly mails: ReceivedMail[] = [];
  private waiters: { match: (mail: ReceivedMail) => boolean; resolve: (mail: ReceivedMail) => void }[] = [];
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, session, callback) => {
      simpleParser(stream)
        .then((parsed) => {
          const mail = {
            to: session.envelope.rcptTo.map((r) => r.address).join(','),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
          };
          this.mails.push(mail);
          this.waiters = this.waiters.filter((w) => (w.match(mail) ? (w.resolve(mail), false) : true));
          callback();
        })
        .catch(callback);
    },
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  /** The first mail to `to` (already received or still to come) matching `match`. */
  next(to: string, match: (mail: ReceivedMail) => boolean = () => true): Promise<ReceivedMail> {
    const wanted = (mail: ReceivedMail) => mail.to === to && match(mail);
    const already = this.mails.find(wanted);
    if (already) {
      this.mails.splice(this.mails.indexOf(already), 1);
      return Promise.resolve(already);
    }
    return new Promise((resolve) =>
      this.waiters.push({
        match: wanted,
        resolve: (mail) => {
          this.mails.splice(this.mails.indexOf(mail), 1);
          resolve(mail);
        },
      }),
    );
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
