// The office's services, built once by openOffice (server/office.ts) and handed out from the top:
// buildApp and startSipService take them, and pass each route file, service and repository only
// the members it uses. Nothing below the top imports this type to reach one or two of them.
import type { ServerConfig } from './config';
import type { OfficeDb } from './db/database';
import type { Clock } from './time';
import type { Logger } from './logger';
import type { Mailer } from './mail/mailer';
import type { AccessTokens } from './accounts/tokens';
import type { LoginThrottle } from './accounts/login-throttle';
import type { PasswordRecovery } from './accounts/recovery';
import type { LockoutNotices } from './accounts/lockout-notice';
import type { CompanySettings } from './directory/company-settings';
import type { DirectoryEvents } from './directory/events';
import type { SecretBox } from './secrets/secret-box';
import type { PushHub } from './push/hub';
import type { VoicemailFiles } from './voicemail/voicemail-files';
import type { RunningSip } from './sip/running-sip';
import type { TrunkStatusBoard } from './sip/trunks/status-board';
import type { MusicFolder } from './music/music-folder';

export interface OfficeServices {
  config: ServerConfig;
  db: OfficeDb;
  clock: Clock;
  logger: Logger;
  mailer: Mailer;
  accessTokens: AccessTokens;
  loginThrottle: LoginThrottle;
  recovery: PasswordRecovery;
  /** Mails the owner of an account that wrong passwords just locked. */
  lockoutNotices: LockoutNotices;
  company: CompanySettings;
  events: DirectoryEvents;
  /** Encrypts secrets the server must read back, under a key kept outside the database. */
  secrets: SecretBox;
  /** Open event streams of signed-in apps (GET /me/events). */
  push: PushHub;
  /** Recordings and greetings, sealed at rest. */
  voicemailFiles: VoicemailFiles;
  /** The SIP service's ports and registrations while it runs (it attaches itself). */
  runningSip: RunningSip;
  /** How each trunk is doing: the SIP service writes it, the API shows it. */
  trunkStatus: TrunkStatusBoard;
  /** Music-on-hold files, re-encoded for the media agent. */
  music: MusicFolder;
}

/** An open office: its services, and the one way to stop them all. */
export interface Office extends OfficeServices {
  close(): Promise<void>;
}
