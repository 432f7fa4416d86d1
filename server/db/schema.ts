// Row types of every table. One schema serves SQLite and PostgreSQL, so it keeps to what both
// store the same way: text ids (UUIDs), ISO-8601 text timestamps (they sort as text),
// integers for counts and 0/1 for booleans, JSON as text.
import type { MailKind } from '../../common/api/directory';

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
  first_extension: string;
  /** The language of mail to users who chose none (`en`, `es`, `fr`). */
  language: string;
  /** ISO 3166-1 alpha-2, or empty where nobody said. */
  country: string;
  /** IANA time zone name. */
  time_zone: string;
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
  extension_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface PhoneNumberTable {
  id: string;
  number: string;
  label: string;
  route_type: 'extension' | 'ring-group' | 'receptionist' | 'conference';
  route_target: string;
  created_at: string;
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
}

export interface RingGroupTable {
  id: string;
  extension_id: string;
  name: string;
  strategy: 'all' | 'hunt' | 'round-robin';
  member_ring_seconds: number;
  group_ring_seconds: number;
  skip_busy: Flag;
  overflow_type: 'voicemail' | 'extension' | 'ring-group';
  overflow_extension_id: string | null;
  last_answered_extension_id: string | null;
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

export interface Database {
  company: CompanyTable;
  server_secrets: ServerSecretTable;
  users: UserTable;
  extensions: ExtensionTable;
  voicemail_boxes: VoicemailBoxTable;
  voicemail_messages: VoicemailMessageTable;
  devices: DeviceTable;
  phone_numbers: PhoneNumberTable;
  user_groups: UserGroupTable;
  settings_templates: SettingsTemplateTable;
  email_templates: EmailTemplateTable;
  preferences: PreferencesTable;
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
  ring_groups: RingGroupTable;
  ring_group_members: RingGroupMemberTable;
}
