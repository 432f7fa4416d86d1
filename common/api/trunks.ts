// SIP trunks: how the office reaches its carriers. A registration trunk registers to the carrier
// with a username and password; an IP trunk is recognised by the carrier's addresses. Super admins
// only: a trunk carries the office's outside calls and the carrier's credentials.
import { Type, type Static } from 'typebox';
import { Id, Nullable, PATCH_OPTIONS, StrictObject, Timestamp } from './primitives';

export const TrunkKind = Type.Union([Type.Literal('registration'), Type.Literal('ip')]);
export type TrunkKind = Static<typeof TrunkKind>;

export const TrunkTransport = Type.Union([Type.Literal('UDP'), Type.Literal('TCP'), Type.Literal('TLS')]);
export type TrunkTransport = Static<typeof TrunkTransport>;

export const Codec = Type.Union([
  Type.Literal('PCMU'),
  Type.Literal('PCMA'),
  Type.Literal('G722'),
  Type.Literal('opus'),
  Type.Literal('telephone-event'),
]);
export type Codec = Static<typeof Codec>;

/** RFC 4733 events in the media, SIP INFO, or tones in the audio itself. */
export const DtmfMode = Type.Union([Type.Literal('rfc4733'), Type.Literal('info'), Type.Literal('inband')]);
export type DtmfMode = Static<typeof DtmfMode>;

/** How the carrier wants numbers written: `+34912345678`, or as dialled in the company's country. */
export const NumberFormat = Type.Union([Type.Literal('e164'), Type.Literal('national')]);
export type NumberFormat = Static<typeof NumberFormat>;

/** Where the caller's number goes on a call out: the From header, or P-Asserted-Identity (RFC 3325). */
export const CallerIdHeader = Type.Union([Type.Literal('from'), Type.Literal('p-asserted-identity')]);
export type CallerIdHeader = Static<typeof CallerIdHeader>;

/** What a forwarded call carries about who it was for: Diversion (RFC 5806), History-Info (RFC 7044). */
export const RedirectionHeader = Type.Union([Type.Literal('diversion'), Type.Literal('history-info')]);
export type RedirectionHeader = Static<typeof RedirectionHeader>;

export const Port = Type.Integer({ minimum: 1, maximum: 65_535 });

/** A carrier's host: a DNS name or an IP address (IPv6 without brackets). Checked exactly by the office. */
export const TrunkHost = Type.String({ minLength: 1, maxLength: 253, pattern: '^[A-Za-z0-9.:-]+$' });

/**
 * Where a carrier's calls come from: an IP address, a CIDR block (`203.0.113.0/28`) or a DNS name
 * (resolved when saved, and again every few minutes). Checked exactly by the office.
 */
export const TrunkAddress = Type.String({
  minLength: 1,
  maxLength: 257,
  pattern: '^[A-Za-z0-9.:-]+(/[0-9]{1,3})?$',
});

/** The user part of a SIP address, without the characters that would need escaping in one. */
const SipUser = Type.String({ minLength: 1, maxLength: 64, pattern: "^[A-Za-z0-9_.!~*'()&=+$,-]+$" });
const CarrierPassword = Type.String({
  minLength: 1,
  maxLength: 128,
  description: 'Write-only: the office keeps it sealed and never shows it',
});
const RegisterExpires = Type.Integer({ minimum: 60, maximum: 3600 });

export const TrunkName = Type.String({ minLength: 1, maxLength: 80, pattern: '\\S' });
export const ChannelLimit = Type.Integer({ minimum: 1, maximum: 10_000 });
/** Lower first: calls out try the trunks in this order and go on to the next when one refuses or is down. */
export const FailoverOrder = Type.Integer({ minimum: 1, maximum: 1_000 });
export const Codecs = Type.Array(Codec, { minItems: 1, maxItems: 5, uniqueItems: true });
export const TrunkAddresses = Type.Array(TrunkAddress, { maxItems: 50, uniqueItems: true });
export const RedirectionHeaders = Type.Array(RedirectionHeader, { maxItems: 2, uniqueItems: true });

/** What a registration trunk registers as; the password is never in it. */
export const TrunkRegistration = StrictObject({
  username: SipUser,
  /** The digest username when the carrier's differs from the username. */
  authUsername: Nullable(SipUser),
  /** The domain of the address registered (`sip:username@domain`); the host when null. */
  domain: Nullable(TrunkHost),
  /** The registration's lifetime asked for, in seconds; the carrier may grant less. */
  expires: RegisterExpires,
  passwordSet: Type.Boolean(),
});
export type TrunkRegistration = Static<typeof TrunkRegistration>;

export const TrunkRegistrationInput = StrictObject({
  username: SipUser,
  authUsername: Type.Optional(Nullable(SipUser)),
  domain: Type.Optional(Nullable(TrunkHost)),
  expires: Type.Optional(RegisterExpires),
  password: CarrierPassword,
});
export type TrunkRegistrationInput = Static<typeof TrunkRegistrationInput>;

export const TrunkRegistrationPatch = Type.Partial(TrunkRegistrationInput, PATCH_OPTIONS);
export type TrunkRegistrationPatch = Static<typeof TrunkRegistrationPatch>;

/**
 * How a trunk is doing: a registration trunk registers (`registering`, `registered`, `failed`), an
 * IP trunk answers the office's OPTIONS (`checking`, `reachable`, `unreachable`). `stopped` when
 * the office's SIP service is not running.
 */
export const TrunkState = Type.Union([
  Type.Literal('disabled'),
  Type.Literal('stopped'),
  Type.Literal('registering'),
  Type.Literal('registered'),
  Type.Literal('failed'),
  Type.Literal('checking'),
  Type.Literal('reachable'),
  Type.Literal('unreachable'),
]);
export type TrunkState = Static<typeof TrunkState>;

/** Why a trunk failed, for the console to say in words. */
export const TrunkErrorCode = Type.Union([
  Type.Literal('wrong-credentials'),
  Type.Literal('refused'),
  Type.Literal('no-answer'),
  Type.Literal('unreachable'),
  Type.Literal('dns'),
  Type.Literal('tls'),
  Type.Literal('tls-not-configured'),
  Type.Literal('connection-closed'),
  Type.Literal('unsupported-challenge'),
]);
export type TrunkErrorCode = Static<typeof TrunkErrorCode>;

export const TrunkError = StrictObject({
  code: TrunkErrorCode,
  /**
   * What the carrier or the network said (`403 Forbidden`, `ECONNREFUSED`) or the address it
   * concerns, shown as it came after the code's words; empty when there is nothing to add.
   */
  detail: Type.String({ maxLength: 200 }),
  at: Timestamp,
});
export type TrunkError = Static<typeof TrunkError>;

export const TrunkStatus = StrictObject({
  state: TrunkState,
  /** Since when it is in this state. */
  since: Timestamp,
  lastError: Nullable(TrunkError),
  /** When the office tries again after a failure. */
  retryAt: Nullable(Timestamp),
  /** When the carrier's registration ends unless refreshed (the office refreshes before). */
  registeredUntil: Nullable(Timestamp),
  channelsInUse: Type.Integer({ minimum: 0 }),
});
export type TrunkStatus = Static<typeof TrunkStatus>;

/** The settings every trunk has. */
const TRUNK_SETTINGS = {
  name: TrunkName,
  enabled: Type.Boolean(),
  /** The carrier's registrar (registration trunk) or where calls out go (IP trunk). */
  host: TrunkHost,
  /** The carrier's port; null for the transport's usual one (5060, 5061 over TLS). */
  port: Nullable(Port),
  transport: TrunkTransport,
  /** The codecs offered and accepted, preferred first. */
  codecs: Codecs,
  dtmfMode: DtmfMode,
  numberFormat: NumberFormat,
  callerIdHeader: CallerIdHeader,
  /** The carrier honours `Privacy: id` (RFC 3323): a hidden caller ID still carries the number for it. */
  privacy: Type.Boolean(),
  redirectionHeaders: RedirectionHeaders,
  /** Calls at once through the trunk, in and out. */
  maxChannels: ChannelLimit,
  order: FailoverOrder,
  /**
   * Where the carrier's calls come from. An IP trunk needs one at least; a registration trunk's
   * calls are also taken from its registrar's own addresses.
   */
  addresses: TrunkAddresses,
};

export const Trunk = StrictObject({
  id: Id,
  kind: TrunkKind,
  ...TRUNK_SETTINGS,
  /** Present on a registration trunk only. */
  registration: Nullable(TrunkRegistration),
  status: TrunkStatus,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Trunk = Static<typeof Trunk>;

export const CreateTrunk = StrictObject({
  kind: TrunkKind,
  name: TRUNK_SETTINGS.name,
  host: TRUNK_SETTINGS.host,
  enabled: Type.Optional(TRUNK_SETTINGS.enabled),
  port: Type.Optional(TRUNK_SETTINGS.port),
  transport: Type.Optional(TRUNK_SETTINGS.transport),
  codecs: Type.Optional(TRUNK_SETTINGS.codecs),
  dtmfMode: Type.Optional(TRUNK_SETTINGS.dtmfMode),
  numberFormat: Type.Optional(TRUNK_SETTINGS.numberFormat),
  callerIdHeader: Type.Optional(TRUNK_SETTINGS.callerIdHeader),
  privacy: Type.Optional(TRUNK_SETTINGS.privacy),
  redirectionHeaders: Type.Optional(TRUNK_SETTINGS.redirectionHeaders),
  maxChannels: Type.Optional(TRUNK_SETTINGS.maxChannels),
  order: Type.Optional(TRUNK_SETTINGS.order),
  addresses: Type.Optional(TRUNK_SETTINGS.addresses),
  /** Required for a registration trunk, refused on an IP trunk. */
  registration: Type.Optional(TrunkRegistrationInput),
});
export type CreateTrunk = Static<typeof CreateTrunk>;

/** A trunk's kind stays what it was created as; the password changes only when one is given. */
export const UpdateTrunk = Type.Object(
  {
    ...Type.Partial(Type.Omit(CreateTrunk, ['kind', 'registration'])).properties,
    registration: Type.Optional(TrunkRegistrationPatch),
  },
  PATCH_OPTIONS,
);
export type UpdateTrunk = Static<typeof UpdateTrunk>;

/** What a trunk is set to when the admin says nothing (what most carriers take): the console shows it too. */
export const TRUNK_DEFAULTS = {
  enabled: true,
  port: null,
  transport: 'UDP',
  codecs: ['PCMA', 'PCMU', 'telephone-event'],
  dtmfMode: 'rfc4733',
  numberFormat: 'e164',
  callerIdHeader: 'p-asserted-identity',
  privacy: true,
  redirectionHeaders: ['diversion'],
  maxChannels: 10,
  order: 10,
  addresses: [],
  registrationExpires: 600,
} as const;

export const TrunkList = StrictObject({ items: Type.Array(Trunk) });
export type TrunkList = Static<typeof TrunkList>;
