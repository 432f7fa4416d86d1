import { randomUUID } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { MailKind } from '../../common/api/directory';
import type { OfficeDb } from '../db/database';
import type { Clock } from '../time';
import type { Logger } from '../logger';
import type { SecretBox } from '../secrets/secret-box';
import { insertQueuedMail, markMailFailed, markMailSent } from '../directory/outbox';

export interface MailText {
  subject: string;
  body: string;
}

export interface OutgoingMail extends MailText {
  to: string;
  /** The recipient's account: admins see only mail of users they may manage. */
  userId: string | null;
  kind: MailKind;
  /** The same mail with its secrets redacted: all the outbox keeps readable. */
  shown: MailText;
}

/**
 * Every mail is written to the outbox table first, so admins can always see what was sent,
 * secrets redacted; the text to deliver is kept sealed until it is delivered.
 * With SMTP configured it is then delivered through nodemailer and marked sent or failed;
 * without, it stays queued in the outbox (the embedded default).
 */
export class Mailer {
  private readonly transport: Transporter | null;
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly db: OfficeDb,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly secrets: SecretBox,
    smtpUrl: string | null,
    private readonly from: string,
  ) {
    this.transport = smtpUrl
      ? nodemailer.createTransport(smtpUrl, {
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 20_000,
        })
      : null;
  }

  /** Whether mail leaves the office; without SMTP the outbox is the only way it reaches anyone. */
  get delivers(): boolean {
    return this.transport !== null;
  }

  /** Records the mail and starts delivery; delivery failures are recorded, never thrown. */
  async send(mail: OutgoingMail): Promise<void> {
    const id = randomUUID();
    const hasSecrets = mail.subject !== mail.shown.subject || mail.body !== mail.shown.body;
    await insertQueuedMail(
      this.db,
      {
        id,
        to_address: mail.to,
        subject: mail.shown.subject,
        body: mail.shown.body,
        kind: mail.kind,
        user_id: mail.userId,
        sealed: hasSecrets
          ? this.secrets.seal(JSON.stringify({ subject: mail.subject, body: mail.body }))
          : null,
      },
      this.clock(),
    );
    if (!this.transport) return;
    const delivery = this.deliver(this.transport, id, mail);
    this.pending.add(delivery);
    void delivery.finally(() => this.pending.delete(delivery));
  }

  /** Resolves when every delivery started so far has finished (for shutdown). */
  async settled(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  close(): void {
    this.transport?.close();
  }

  private async deliver(transport: Transporter, id: string, mail: OutgoingMail): Promise<void> {
    try {
      await transport.sendMail({ from: this.from, to: mail.to, subject: mail.subject, text: mail.body });
      await markMailSent(this.db, id, this.clock());
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn({ mailId: id, error: message }, 'mail delivery failed');
      await markMailFailed(this.db, id, message.slice(0, 500)).catch(() => undefined);
    }
  }
}
