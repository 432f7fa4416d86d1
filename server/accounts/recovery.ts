// Self-service "forgot password": a single-use code by mail, stored only as a hash.
import { randomInt, randomUUID } from 'node:crypto';
import type { PasswordRecoveryConfirm } from '../../common/api/auth';
import { OfficeError } from '../errors';
import { isoAt, type Clock } from '../time';
import type { Logger } from '../logger';
import type { OfficeDb } from '../db/database';
import type { ServerConfig } from '../config';
import type { Mailer } from '../mail/mailer';
import type { CompanySettings } from '../directory/company-settings';
import type { LoginThrottle } from './login-throttle';
import { writeAudit } from '../directory/audit';
import { signInNumbersOf } from '../directory/phone-numbers';
import { findUserByLogin, findUserRow } from '../directory/users';
import { readLoginName } from '../directory/login-name';
import { pickTemplate, renderMail } from '../mail/templates';
import { mailLanguage } from '../mail/language';
import { recoveryPageUrl, startPageUrl } from '../pages/page-links';
import { hashPassword } from './passwords';
import { assertPasswordAllowed } from './password-policy';
import { replacePassword } from './replace-password';
import { addressBlocked } from './login';
import { hashSecret } from './tokens';
import { SlidingWindow } from './sliding-window';
import { BackgroundWork } from '../background-work';

export const RECOVERY_CODE_MINUTES = 30;
const WINDOW_MS = 15 * 60_000;
const MAX_PER_ADDRESS = 10;
const MAX_PER_ACCOUNT = 3;
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export const RECOVERY_ACCEPTED = {
  message: 'If an account matches, a mail with a reset code is on its way.',
};

/** 12 characters of a 32-letter alphabet: 60 bits, typed from a mail without look-alikes. */
function newCode(): string {
  let code = '';
  for (let i = 0; i < 12; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** What recovery reads, writes and mails with. */
export interface RecoveryServices {
  db: OfficeDb;
  clock: Clock;
  logger: Logger;
  company: CompanySettings;
  mailer: Mailer;
  loginThrottle: LoginThrottle;
  config: Pick<ServerConfig, 'portalUrl'>;
}

export class PasswordRecovery {
  private readonly byAddress: SlidingWindow;
  private readonly byAccount: SlidingWindow;
  private readonly mailing: BackgroundWork;

  constructor(private readonly services: RecoveryServices) {
    this.byAddress = new SlidingWindow(services.clock, WINDOW_MS, { limit: MAX_PER_ADDRESS });
    this.byAccount = new SlidingWindow(services.clock, WINDOW_MS, { limit: MAX_PER_ACCOUNT });
    this.mailing = new BackgroundWork(services.logger);
  }

  /**
   * Answers at once and identically for every login; looking the account up and mailing
   * happen afterwards, so neither the answer nor its timing tells whether the account exists.
   */
  request(login: string, address: string): typeof RECOVERY_ACCEPTED {
    if (!this.byAddress.take(address)) {
      throw new OfficeError(
        429,
        'too_many_requests',
        'Too many recovery requests from this address; try again later',
      );
    }
    this.mailing.start('password recovery failed', () => this.issue(login.trim().toLowerCase()));
    return RECOVERY_ACCEPTED;
  }

  /** Resolves when every recovery started so far has been handled (tests, shutdown). */
  settled(): Promise<void> {
    return this.mailing.settled();
  }

  private async issue(login: string): Promise<void> {
    const { db, clock, company, mailer, config } = this.services;
    const user = await findUserByLogin(db, readLoginName(login));
    if (!user || user.status !== 'active' || user.portal_access !== 1) return;
    if (!this.byAccount.take(user.id)) return;
    const code = newCode();
    const now = clock();
    await db.transaction().execute(async (trx) => {
      // A newer request replaces any older code.
      await trx.deleteFrom('password_recoveries').where('user_id', '=', user.id).execute();
      await trx
        .insertInto('password_recoveries')
        .values({
          id: randomUUID(),
          user_id: user.id,
          code_hash: hashSecret(code),
          created_at: isoAt(now),
          expires_at: isoAt(now + RECOVERY_CODE_MINUTES * 60_000),
          used_at: null,
        })
        .execute();
    });
    const language = await mailLanguage(db, user.id);
    const template = await pickTemplate(db, 'password-recovery', language);
    const { name: companyName } = await company.get();
    const values = {
      name: user.name,
      email: user.email,
      code,
      link: recoveryPageUrl(config.portalUrl, code, language),
      minutes: String(RECOVERY_CODE_MINUTES),
      portalUrl: startPageUrl(config.portalUrl, language),
      companyName,
    };
    await mailer.send(renderMail(template, { email: user.email, userId: user.id }, values));
  }

  /** Sets the new password with a valid code: once, before it expires, then never again. */
  async confirm(request: PasswordRecoveryConfirm, address: string): Promise<void> {
    const { db, clock, company, loginThrottle } = this.services;
    if (!loginThrottle.takeAddressAttempt(address)) throw addressBlocked();
    const now = clock();
    const codeHash = hashSecret(request.code.toUpperCase());
    const recovery = await db
      .selectFrom('password_recoveries')
      .selectAll()
      .where('code_hash', '=', codeHash)
      .executeTakeFirst();
    if (!recovery || recovery.used_at !== null || Date.parse(recovery.expires_at) <= now) {
      throw new OfficeError(
        400,
        'invalid_code',
        'This code is wrong, already used or expired; ask for a new one',
        'body.code',
      );
    }
    loginThrottle.giveBackAddressAttempt(address);
    const owner = await findUserRow(db, recovery.user_id);
    assertPasswordAllowed(
      request.newPassword,
      (await company.get()).min_password_length,
      owner,
      'body.newPassword',
    );
    const passwordHash = await hashPassword(request.newPassword);
    await db.transaction().execute(async (trx) => {
      const used = await trx
        .updateTable('password_recoveries')
        .set({ used_at: isoAt(now) })
        .where('id', '=', recovery.id)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1) {
        throw new OfficeError(400, 'invalid_code', 'This code was just used', 'body.code');
      }
      await replacePassword(trx, owner.id, passwordHash, now, {
        mustChange: false,
        reason: 'password-changed',
        knownDevices: 'forget',
      });
      await writeAudit(trx, now, { id: owner.id, name: owner.name }, 'user.password-recovered', {
        type: 'user',
        id: owner.id,
      });
    });
    loginThrottle.clearLogins(owner.email, owner.extension, ...(await signInNumbersOf(db, owner)));
  }
}
