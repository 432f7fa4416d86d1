// The mail that tells the owner of an account that wrong passwords locked it: how many, from
// which addresses, when, until when, that their own devices still sign in, and what to do.
import type { ServerConfig } from '../config';
import type { OfficeDb } from '../db/database';
import type { CompanySettings } from '../directory/company-settings';
import type { Logger } from '../logger';
import type { Mailer } from '../mail/mailer';
import { BackgroundWork } from '../background-work';
import { mailLanguage, mailTime } from '../mail/language';
import { LOCKOUT_NOTICE } from '../mail/security-notices';
import { renderMail } from '../mail/templates';
import { takeFailedSignIns } from './account-lockout';

/** What the lockout mail reads and is sent with. */
export interface LockoutNoticeServices {
  db: OfficeDb;
  logger: Logger;
  mailer: Mailer;
  company: CompanySettings;
  config: Pick<ServerConfig, 'portalUrl'>;
}

export class LockoutNotices {
  private readonly mailing: BackgroundWork;

  constructor(private readonly services: LockoutNoticeServices) {
    this.mailing = new BackgroundWork(services.logger);
  }

  /**
   * Tells the owner their account was just locked. In the background: the answer to the guess
   * that locked it neither waits for the mail nor shows by its timing that the account exists.
   */
  announce(userId: string): void {
    this.mailing.start('lockout notice failed', () => this.send(userId));
  }

  /** Resolves when every notice started so far has been handled (tests, shutdown). */
  settled(): Promise<void> {
    return this.mailing.settled();
  }

  private async send(userId: string): Promise<void> {
    const { db, mailer, config } = this.services;
    const failures = await takeFailedSignIns(db, userId);
    const user = await db
      .selectFrom('users')
      .select(['name', 'email', 'locked_until'])
      .where('id', '=', userId)
      .executeTakeFirst();
    const [first, last] = [failures.at(0), failures.at(-1)];
    if (!user?.locked_until || !first || !last) return;
    const language = await mailLanguage(db, userId);
    const addresses = [...new Set(failures.map((failure) => failure.address))];
    await mailer.send(
      renderMail(
        { kind: 'lockout-notice', ...LOCKOUT_NOTICE[language] },
        { email: user.email, userId },
        {
          name: user.name,
          companyName: (await this.services.company.get()).name,
          tries: String(failures.length),
          addresses: new Intl.ListFormat(language, { type: 'conjunction' }).format(addresses),
          firstAt: mailTime(language, first.at),
          lastAt: mailTime(language, last.at),
          until: mailTime(language, user.locked_until),
          portalUrl: config.portalUrl,
        },
      ),
    );
  }
}
