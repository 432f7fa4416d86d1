// Row types of every table. One schema serves SQLite and PostgreSQL, so it keeps to what both
// store the same way: text ids (UUIDs), ISO-8601 text timestamps (they sort as text),
// integers for counts and 0/1 for booleans, JSON as text.
import type { SessionEndReason } from '../../common/api/auth';
import type { ColumnType } from 'kysely';
import type { MailKind } from '../../common/api/directory';
import type { OutboundCalls } from '../../common/api/preferences';

export type Flag = 0 | 1;

export interface CompanyTable {
  id: number;
  name: string;
  address: string;
  admin_contact_name: string;
  admin_contact_email: string;
  admin_contact_phone: string;
  min_password_length: number;
  lockout_threshold: number;
  lockout_minutes: number;
  idle_session_timeout_minutes: number;
  /** The idle limit of an elevated (admin) session. */
  admin_idle_timeout_minutes: number;
  /** The absolute limit of a remembered session, which has no idle limit. */
  remembered_session_days: number;
  extension_length: number;
  /** The language of mail to users who chose none (`en`, `es`, `fr`). */
  language: string;
  /** The digest challenges SIP devices get: `md5`, `sha-256` or `both` (migration 0010). */
  sip_digest_algorithms: DigestChoice;
  /** ISO 3166-1 alpha-2, or empty where nobody said. */
  country: string;
  /** IANA time zone name: the office writes times in it (mail), desk phones' clocks follow it. */
  time_zone: string;
  /** Toll-fraud caps (migration 0022): outside calls at once per person and in all. */
  outside_calls_per_user: number;
  outside_calls_total: number;
  international_minutes_per_day: number;
  premium_numbers_allowed: Flag;
  updated_at: string;
}

export interface ServerSecretTable {
  name: string;
  value: string;
}

export interface UserTable {
  id: string;
  name: string;
  email: string;
  role: 'user' | 'admin' | 'superadmin';
  status: 'active' | 'suspended';
  portal_access: Flag;
  password_hash: string;
  must_change_password: Flag;
  failed_login_count: number;
  locked_until: string | null;
  user_group_id: string | null;
  /** The language they chose for their mail; null follows the company's. */
  language: string | null;
  created_at: string;
  updated_at: string;
}

export interface ExtensionTable {
  id: string;
  number: string;
  caller_id_name: string;
  user_id: string | null;
  created_at: string;
}

export interface VoicemailBoxTable {
  id: string;
  extension_id: string;
  pin_hash: string;
  greeting_file: string | null;
  notification_email: string | null;
  max_message_seconds: number;
  created_at: string;
}

export interface VoicemailMessageTable {
  id: string;
  box_id: string;
  caller_number: string;
  caller_name: string | null;
  received_at: string;
  duration_seconds: number;
  read: Flag;
  audio_file: string;
  audio_type: string;
}

export interface DeviceTable {
  id: string;
  kind: 'softphone' | 'desk-phone';
  label: string;
  model: string;
  mac: string | null;
  sip_username: string;
  /** Sealed by office.secrets; never plaintext (migration 0004). */
  sip_password_sealed: string;
  /** This device's digest challenges; null follows the company (migration 0010). */
  sip_digest_algorithms: DigestChoice | null;
  extension_id: string | null;
  /** A provisioned desk phone's own provisioning username (migration 0011); null otherwise. */
  provisioning_username: string | null;
  /** The digest hash (HA1) of its provisioning password, sealed by office.secrets; never the password. */
  provisioning_secret_sealed: string | null;
  sip_transport: 'udp' | 'tcp';
  /** The phone's last fetch of a configuration file: when, from where, which file, as what. */
  last_fetch_at: string | null;
  last_fetch_address: string | null;
  last_fetch_file: string | null;
  last_fetch_user_agent: string | null;
  created_at: string;
  updated_at: string;
}

/** A colleague's extension on a desk phone's BLF key (keys in `position` order). */
export interface DeviceBlfKeyTable {
  device_id: string;
  position: number;
  extension_id: string;
}

export interface PhoneNumberTable {
  id: string;
  number: string;
  label: string;
  route_type: 'extension' | 'ring-group' | 'receptionist' | 'conference' | 'voicemail';
  route_target: string;
  /** The company's main number (migration 0016): at most one row has 1. */
  is_main: Flag;
  created_at: string;
}

/** A SIP trunk to a carrier (migration 0016). */
export interface TrunkTable {
  id: string;
  name: string;
  kind: 'registration' | 'ip';
  enabled: Flag;
  host: string;
  port: number | null;
  transport: 'UDP' | 'TCP' | 'TLS';
  codecs_json: string;
  dtmf_mode: 'rfc4733' | 'info' | 'inband';
  number_format: 'e164' | 'national';
  caller_id_header: 'from' | 'p-asserted-identity';
  privacy: Flag;
  redirection_json: string;
  max_channels: number;
  failover_order: number;
  addresses_json: string;
  /** Registration trunks only, like the four after it. */
  username: string | null;
  auth_username: string | null;
  domain: string | null;
  register_expires: number | null;
  /** Sealed by office.secrets; never plaintext. */
  password_sealed: string | null;
  /** The user part of the Contact the office registers: calls to it are the trunk's. */
  contact_user: string;
  created_at: string;
  updated_at: string;
}

export interface UserGroupTable {
  id: string;
  name: string;
  description: string;
  settings_template_id: string | null;
  created_at: string;
}

export interface SettingsTemplateTable {
  id: string;
  name: string;
  description: string;
  preferences_json: string;
  created_at: string;
}

export interface EmailTemplateTable {
  id: string;
  kind: 'welcome' | 'password-reset' | 'password-recovery';
  name: string;
  subject: string;
  body: string;
  is_default: Flag;
  created_at: string;
  updated_at: string;
}

export interface PreferencesTable {
  user_id: string;
  do_not_disturb: Flag;
  forward_always_enabled: Flag;
  forward_always_target: string | null;
  forward_busy_enabled: Flag;
  forward_busy_target: string | null;
  forward_no_answer_enabled: Flag;
  forward_no_answer_target: string | null;
  ring_timeout_seconds: number;
  /** Where they may call outside (migration 0022). */
  outbound_calls: OutboundCalls;
  hide_caller_id: Flag;
}

export interface InternationalSecondsDailyTable {
  day: string;
  seconds: number;
}

export interface TollAlertTable {
  day: string;
  cap: string;
  sent_at: string;
}

export interface RingGroupTable {
  id: string;
  extension_id: string;
  name: string;
  strategy: 'all' | 'hunt' | 'round-robin';
  member_ring_seconds: number;
  group_ring_seconds: number;
  skip_busy: Flag;
  overflow_type: PhoneNumberTable['route_type'];
  overflow_extension_id: string | null;
  last_answered_extension_id: string | null;
  created_at: string;
  /** The group's own music (migration 0020); null: the company's default. */
  music_id: string | null;
  /** Defaults to 'ringing' (rows from before migration 0020). */
  caller_hears: ColumnType<'ringing' | 'music', 'ringing' | 'music' | undefined>;
}

/** An uploaded music-on-hold file (migration 0020); its audio is music/<id>.wav in the data folder. */
export interface MusicFileTable {
  id: string;
  name: string;
  duration_ms: number;
  is_default: Flag;
  created_at: string;
}

/** The range of one kind of extension (migration 0021); a kind without a row has the default range. */
export interface ExtensionRangeTable {
  kind: 'extension' | 'ring-group' | 'receptionist' | 'conference';
  first_number: string;
  last_number: string;
}

export interface ReceptionistTable {
  id: string;
  extension_id: string;
  name: string;
  /** JSON: hours, holidays, menus and which menu answers when. */
  plan: string;
  created_at: string;
  /** Its own music on hold for the calls it puts through; null: the company's default. */
  music_id: string | null;
  /** What callers hear while a key's number rings; defaults to 'ringing' (rows from before 0023). */
  caller_hears: ColumnType<'ringing' | 'music', 'ringing' | 'music' | undefined>;
}

export interface ReceptionistGreetingTable {
  receptionist_id: string;
  menu_id: string;
  file: string;
  /** How long it plays; null for one uploaded before lengths were kept. */
  duration_ms: number | null;
}

export interface ConferenceTable {
  id: string;
  extension_id: string;
  name: string;
  /** Hashed like a password; null without a PIN. */
  pin_hash: string | null;
  moderator_pin_hash: string | null;
  end_with_moderator: Flag;
  max_participants: number;
  created_at: string;
}

export interface RingGroupMemberTable {
  ring_group_id: string;
  extension_id: string;
  position: number;
  logged_in: Flag;
}

/** One row per call of the office: what the admin's usage view counts. */
export interface CallTable {
  id: string;
  caller_number: string;
  callee_number: string;
  started_at: string;
  answered_at: string | null;
  ended_at: string | null;
  duration_seconds: number;
  result: 'answered' | 'missed' | 'busy' | 'failed' | 'cancelled' | 'voicemail';
  /** What went wrong beside the result (migration 0012): see CallFault. */
  fault: 'media-not-acceptable' | 'unavailable' | 'bridge-full' | null;
  /** For a call to a ring group: the member's extension that answered it. */
  answered_by_number: string | null;
}

/** One row per party of a call: what a user's own call log shows. */
export interface CallLogTable {
  id: string;
  call_id: string;
  user_id: string;
  direction: 'incoming' | 'outgoing';
  other_number: string;
  other_name: string | null;
  started_at: string;
  answered_at: string | null;
  ended_at: string | null;
  duration_seconds: number;
  result: 'answered' | 'missed' | 'busy' | 'failed' | 'cancelled' | 'voicemail';
  /** Who transferred the call to this party (migration 0015); null when nobody did. */
  transferred_by_number: string | null;
  transferred_by_name: string | null;
  fault: 'media-not-acceptable' | 'unavailable' | 'bridge-full' | null;
}

export interface SessionTable {
  id: string;
  user_id: string;
  scope: 'user' | 'admin';
  refresh_hash: string;
  previous_refresh_hash: string | null;
  /** When the refresh token last rotated: the previous one is honoured for a short grace. */
  rotated_at: string | null;
  /** Kept signed in on that device: no idle limit, only the absolute one. */
  remember: Flag;
  created_at: string;
  last_used_at: string;
  expires_at: string;
  revoked_at: string | null;
  /** Why it was revoked (a SessionEndReason); null while live, and for sessions revoked before it was kept. */
  end_reason: SessionEndReason | null;
}

export interface AuditLogTable {
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  target_type: string;
  target_id: string | null;
  details_json: string;
}

export interface MailOutboxTable {
  id: string;
  to_address: string;
  subject: string;
  /** The text admins see: secret values redacted. */
  body: string;
  status: 'queued' | 'sent' | 'failed';
  error: string | null;
  created_at: string;
  sent_at: string | null;
  kind: MailKind | null;
  /** The recipient's account, when the mail is to a user. */
  user_id: string | null;
  /** The subject and body to deliver, sealed with the office's SecretBox; null once delivered. */
  sealed: string | null;
}

export interface PasswordRecoveryTable {
  id: string;
  user_id: string;
  code_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** A device that signed in to an account: the token it was given, hashed, and its own wrong guesses. */
export interface KnownDeviceTable {
  id: string;
  user_id: string;
  token_hash: string;
  failed_count: number;
  created_at: string;
  last_used_at: string;
}

/** A wrong password counted against an account, kept until the lockout mail or the next sign-in. */
export interface FailedSignInTable {
  id: string;
  user_id: string;
  address: string;
  at: string;
}

/** Calls of one UTC day by result: office-wide (number '') and for each extension taking part. */
export interface CallTotalsDailyTable {
  day: string;
  number: string;
  result: CallTable['result'];
  calls: number;
  seconds: number;
}

/** The first outcome of a request sent with an Idempotency-Key, replayed to its repeats. */
export interface IdempotencyKeyTable {
  user_id: string;
  key: string;
  /** What the key was first used for: the same key for another request is refused. */
  fingerprint: string;
  /** Null while the first request is still being answered. */
  status: number | null;
  /** The first answer's JSON body, if it had one. */
  body: string | null;
  created_at: string;
}

export type DigestChoice = 'md5' | 'sha-256' | 'both';

/** A bigint column: PostgreSQL hands it back as text, SQLite as a number. */
type BigintColumn = ColumnType<number | string, number, number>;

/** A registration (migration 0010); the registrar keeps them in memory and writes them behind. */
export interface SipBindingTable {
  id: string;
  extension: string;
  sip_username: string;
  contact: string;
  transport: string;
  address: string;
  port: number;
  call_id: string;
  cseq: BigintColumn;
  instance: string | null;
  reg_id: number | null;
  registered_at: BigintColumn;
  expires_at: BigintColumn;
}

/** An event subscription's dialog, whatever its package (migration 0010). */
export interface SipSubscriptionTable {
  call_id: string;
  local_tag: string;
  remote_tag: string;
  event: string;
  resource: string;
  sip_username: string;
  /** The package's own record of it, as JSON. */
  watch: string;
  notified: BigintColumn;
  local_uri: string;
  remote_uri: string;
  remote_target: string;
  local_seq: BigintColumn;
  transport: string;
  address: string;
  port: number;
  expires_at: BigintColumn;
}

export interface Database {
  company: CompanyTable;
  server_secrets: ServerSecretTable;
  users: UserTable;
  extensions: ExtensionTable;
  voicemail_boxes: VoicemailBoxTable;
  voicemail_messages: VoicemailMessageTable;
  devices: DeviceTable;
  device_blf_keys: DeviceBlfKeyTable;
  phone_numbers: PhoneNumberTable;
  trunks: TrunkTable;
  user_groups: UserGroupTable;
  settings_templates: SettingsTemplateTable;
  email_templates: EmailTemplateTable;
  preferences: PreferencesTable;
  international_seconds_daily: InternationalSecondsDailyTable;
  toll_alerts: TollAlertTable;
  calls: CallTable;
  call_log: CallLogTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
  mail_outbox: MailOutboxTable;
  password_recoveries: PasswordRecoveryTable;
  call_totals_daily: CallTotalsDailyTable;
  idempotency_keys: IdempotencyKeyTable;
  known_devices: KnownDeviceTable;
  failed_sign_ins: FailedSignInTable;
  sip_bindings: SipBindingTable;
  sip_subscriptions: SipSubscriptionTable;
  ring_groups: RingGroupTable;
  ring_group_members: RingGroupMemberTable;
  extension_ranges: ExtensionRangeTable;
  music_files: MusicFileTable;
  receptionists: ReceptionistTable;
  receptionist_greetings: ReceptionistGreetingTable;
  conferences: ConferenceTable;
}
