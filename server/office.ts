import type { Kysely } from 'kysely';
import type { ServerConfig } from './config';
import { openDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { Mailer } from './mail/mailer';
import { AccessTokens } from './accounts/tokens';
import { LoginThrottle } from './accounts/login-throttle';
import { PasswordRecovery } from './accounts/recovery';
import { LockoutNotices } from './accounts/lockout-notice';
import { CompanySettings } from './directory/company-settings';
import { DirectoryEvents } from './directory/events';
import { bootstrapOffice, type FirstAdmin } from './bootstrap';
import { serverSecret } from './db/server-secrets';
import { systemClock, type Clock } from './time';
import type { Logger } from './logger';
import { SecretBox } from './secrets/secret-box';
import { PushHub } from './push/hub';
import { liveSessionIds } from './accounts/sessions';
import { sealPlaintextSipPasswords } from './directory/sealed-sip-passwords';
import { announceNewVoicemail } from './voicemail/notice';
import { VoicemailFiles } from './voicemail/voicemail-files';
import { keepDataFolderPrivate, musicFolderIn, sqliteFileIn, voicemailFolderIn } from './data-folder';
import { MusicFolder } from './music/music-folder';
import type { Office } from './office-services';
import { RunningSip } from './sip/running-sip';
import { TrunkStatusBoard } from './sip/trunks/status-board';

/** Often enough that proxies keep idle streams open and a forced sign-out arrives quickly. */
const PUSH_HEARTBEAT_MS = 20_000;

export interface OpenOfficeOptions {
  clock?: Clock;
  logger: Logger;
  /** Receives the generated first super admin password; without it, it is printed once. */
  onFirstAdmin?: (admin: FirstAdmin) => void;
}

/** Opens the database, migrates it, creates the company on first start, and wires the services. */
export async function openOffice(config: ServerConfig, options: OpenOfficeOptions): Promise<Office> {
  const clock = options.clock ?? systemClock;
  await keepDataFolderPrivate(config.dataDir, options.logger);
  const secrets = await SecretBox.forDataDir(config.dataDir);
  const voicemailFiles = await VoicemailFiles.openFolder(
    voicemailFolderIn(config.dataDir),
    secrets,
    options.logger,
  );
  const { db } = openDatabase(
    config.databaseUrl ? { postgresUrl: config.databaseUrl } : { sqliteFile: sqliteFileIn(config.dataDir) },
    options.logger,
  );
  let tokenKey: string;
  try {
    await migrateToLatest(db as Kysely<unknown>, secrets);
    await sealPlaintextSipPasswords(db, secrets);
    tokenKey = await serverSecret(db, 'access-token-key');
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const { logger } = options;
  const mailer = new Mailer(db, clock, logger, secrets, config.smtpUrl, config.mailFrom);
  const loginThrottle = new LoginThrottle(clock);
  const company = new CompanySettings(db, clock);
  const office: Office = {
    config,
    db,
    clock,
    logger,
    mailer,
    accessTokens: new AccessTokens(Buffer.from(tokenKey, 'base64url')),
    loginThrottle,
    recovery: new PasswordRecovery({ db, clock, logger, company, mailer, loginThrottle, config }),
    lockoutNotices: new LockoutNotices({ db, logger, mailer, company, config }),
    company,
    events: new DirectoryEvents(),
    secrets,
    push: new PushHub((ids) => liveSessionIds(office, ids)),
    voicemailFiles,
    runningSip: new RunningSip(),
    trunkStatus: new TrunkStatusBoard(clock),
    music: await MusicFolder.open(musicFolderIn(config.dataDir)),
    async close() {
      clearInterval(heartbeat);
      office.push.endAll();
      await office.recovery.settled();
      await office.lockoutNotices.settled();
      await mailer.settled();
      mailer.close();
      await db.destroy();
    },
  };
  const heartbeat = setInterval(() => {
    office.push
      .heartbeat()
      .catch((error: unknown) => office.logger.warn({ error: String(error) }, 'push heartbeat failed'));
  }, PUSH_HEARTBEAT_MS);
  heartbeat.unref();
  office.events.on('sessions-ended', (userId) => {
    office.push
      .recheck(userId)
      .catch((error: unknown) => office.logger.warn({ error: String(error) }, 'push recheck failed'));
  });
  announceNewVoicemail(office);
  try {
    await bootstrapOffice(office, options.onFirstAdmin);
  } catch (error) {
    await office.close();
    throw error;
  }
  return office;
}
