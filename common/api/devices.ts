import { Type, type Static } from 'typebox';
import { ExtensionNumber, Id, Nullable, ShortText, StrictObject, Timestamp } from './primitives';
import { DigestAlgorithms } from './company';
import { DeskPhoneVendor, MAX_BLF_KEYS } from './desk-phone-models';

export const DeviceKind = Type.Union([Type.Literal('softphone'), Type.Literal('desk-phone')]);
export type DeviceKind = Static<typeof DeviceKind>;

export const MacAddress = Type.String({
  pattern: '^[0-9A-Fa-f]{2}([:-]?[0-9A-Fa-f]{2}){5}$',
  maxLength: 17,
});

/** How a provisioned desk phone reaches the office's SIP service. */
export const SipTransport = Type.Union([Type.Literal('udp'), Type.Literal('tcp')]);
export type SipTransport = Static<typeof SipTransport>;

/** Colleagues' extensions on the phone's keys, in key order, each lit while that line is busy. */
export const BlfKeys = Type.Array(ExtensionNumber, { maxItems: MAX_BLF_KEYS, uniqueItems: true });

/** The last time the phone fetched a file of its configuration. */
export const ProvisioningFetch = StrictObject({
  at: Timestamp,
  /** The address the request came from. */
  address: Type.String(),
  /** The file it asked for, e.g. `001565aabbcc.cfg`. */
  file: Type.String(),
  userAgent: Type.String(),
});
export type ProvisioningFetch = Static<typeof ProvisioningFetch>;

/** A desk phone of a model the office provisions: where and as whom it fetches its configuration. */
export const DeviceProvisioning = StrictObject({
  vendor: DeskPhoneVendor,
  /** Where the phone fetches its files (its provisioning server URL). */
  url: Type.String(),
  /** The phone's own provisioning username; null until credentials are issued. */
  username: Nullable(Type.String()),
  lastFetch: Nullable(ProvisioningFetch),
});
export type DeviceProvisioning = Static<typeof DeviceProvisioning>;

/** A live registration of the device with the office's registrar. */
export const DeviceRegistration = StrictObject({
  transport: Type.String(),
  /** The address and port its REGISTER came from. */
  address: Type.String(),
  port: Type.Integer(),
  /** Its last REGISTER (a refresh counts). */
  registeredAt: Timestamp,
  expiresAt: Timestamp,
});
export type DeviceRegistration = Static<typeof DeviceRegistration>;

export const Device = StrictObject({
  id: Id,
  kind: DeviceKind,
  label: ShortText,
  model: ShortText,
  mac: Nullable(Type.String()),
  sipUsername: Type.String(),
  /** The extension the device rings for; null when it is in the free pool. */
  extension: Nullable(ExtensionNumber),
  /** The digest challenges this device gets; null follows the company's security settings. */
  sipDigestAlgorithms: Nullable(DigestAlgorithms),
  sipTransport: SipTransport,
  blfKeys: BlfKeys,
  /** Null for a softphone, or a desk phone of a model the office does not provision. */
  provisioning: Nullable(DeviceProvisioning),
  registrations: Type.Array(DeviceRegistration),
  createdAt: Timestamp,
});
export type Device = Static<typeof Device>;

const SipPassword = Type.String({
  description: 'Shown only here, once: the office keeps it sealed and never shows it again',
});

const ProvisioningPassword = Type.String({
  description:
    'The desk phone’s provisioning password, shown only here, once: the office keeps only a hash of it',
});

/** A device just created: with its SIP password, and a provisioned desk phone's provisioning password. */
export const CreatedDevice = StrictObject({
  ...Device.properties,
  sipPassword: SipPassword,
  provisioningPassword: Type.Optional(ProvisioningPassword),
});
export type CreatedDevice = Static<typeof CreatedDevice>;

/** A device just edited: with the passwords the edit issued, if any. */
export const UpdatedDevice = StrictObject({
  ...Device.properties,
  sipPassword: Type.Optional(SipPassword),
  provisioningPassword: Type.Optional(ProvisioningPassword),
});
export type UpdatedDevice = Static<typeof UpdatedDevice>;

export const DeviceListQuery = StrictObject({ assigned: Type.Optional(Type.Boolean()) });
export type DeviceListQuery = Static<typeof DeviceListQuery>;

export const DeviceList = StrictObject({ items: Type.Array(Device) });

const Model = Type.String({ minLength: 1, maxLength: 80 });

export const CreateDeviceRequest = StrictObject({
  kind: DeviceKind,
  /** A model id of the catalogue (common/api/desk-phone-models) for a phone the office provisions. */
  model: Model,
  label: Type.Optional(ShortText),
  /** Required for a desk phone the office provisions: the phone asks for its files by it. */
  mac: Type.Optional(MacAddress),
  extension: Type.Optional(ExtensionNumber),
  sipTransport: Type.Optional(SipTransport),
  blfKeys: Type.Optional(BlfKeys),
});
export type CreateDeviceRequest = Static<typeof CreateDeviceRequest>;

export const UpdateDeviceRequest = StrictObject({
  label: Type.Optional(ShortText),
  model: Type.Optional(Model),
  mac: Type.Optional(Nullable(MacAddress)),
  /** Assign to an extension, or null to release the device to the free pool. */
  extension: Type.Optional(Nullable(ExtensionNumber)),
  sipTransport: Type.Optional(SipTransport),
  blfKeys: Type.Optional(BlfKeys),
  /** New SIP username and password (the old ones stop working); the answer shows the password once. */
  regenerateCredentials: Type.Optional(Type.Boolean()),
  /** This device's digest challenges, or null to follow the company. */
  sipDigestAlgorithms: Type.Optional(Nullable(DigestAlgorithms)),
  /**
   * A new provisioning username and password for a provisioned desk phone (the old ones stop
   * working at once); the answer shows the password once.
   */
  regenerateProvisioningCredentials: Type.Optional(Type.Boolean()),
});
export type UpdateDeviceRequest = Static<typeof UpdateDeviceRequest>;

/** A transport a desk phone may register over, and the port the office listens on for it. */
export const SipTransportPort = StrictObject({
  transport: Type.Union([Type.Literal('udp'), Type.Literal('tcp'), Type.Literal('tls')]),
  port: Type.Integer({ minimum: 1, maximum: 65_535 }),
});

/** Where a desk phone registers: the office's public address, its SIP domain, its transports. */
export const SipServer = StrictObject({
  /** The host name or IP address phones reach the office at. */
  address: Type.String({ maxLength: 253 }),
  /** The SIP domain (realm) of the office's accounts. */
  domain: Type.String({ maxLength: 253 }),
  transports: Type.Array(SipTransportPort),
});
export type SipServer = Static<typeof SipServer>;
