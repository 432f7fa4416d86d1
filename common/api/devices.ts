import { Type, type Static } from 'typebox';
import { ExtensionNumber, Id, Nullable, ShortText, StrictObject, Timestamp } from './primitives';

export const DeviceKind = Type.Union([Type.Literal('softphone'), Type.Literal('desk-phone')]);
export type DeviceKind = Static<typeof DeviceKind>;

export const MacAddress = Type.String({
  pattern: '^[0-9A-Fa-f]{2}([:-]?[0-9A-Fa-f]{2}){5}$',
  maxLength: 17,
});

export const Device = StrictObject({
  id: Id,
  kind: DeviceKind,
  label: ShortText,
  model: ShortText,
  mac: Nullable(Type.String()),
  sipUsername: Type.String(),
  /** The extension the device rings for; null when it is in the free pool. */
  extension: Nullable(ExtensionNumber),
  createdAt: Timestamp,
});
export type Device = Static<typeof Device>;

const SipPassword = Type.String({
  description: 'Shown only here, once: the office keeps it sealed and never shows it again',
});

/** A device just created: with its SIP password. */
export const CreatedDevice = StrictObject({ ...Device.properties, sipPassword: SipPassword });
export type CreatedDevice = Static<typeof CreatedDevice>;

/** A device just edited: with its SIP password when the edit issued new credentials. */
export const UpdatedDevice = StrictObject({ ...Device.properties, sipPassword: Type.Optional(SipPassword) });
export type UpdatedDevice = Static<typeof UpdatedDevice>;

export const DeviceListQuery = StrictObject({ assigned: Type.Optional(Type.Boolean()) });
export type DeviceListQuery = Static<typeof DeviceListQuery>;

export const DeviceList = StrictObject({ items: Type.Array(Device) });

export const CreateDeviceRequest = StrictObject({
  kind: DeviceKind,
  model: Type.String({ minLength: 1, maxLength: 80 }),
  label: Type.Optional(ShortText),
  mac: Type.Optional(MacAddress),
  extension: Type.Optional(ExtensionNumber),
});
export type CreateDeviceRequest = Static<typeof CreateDeviceRequest>;

export const UpdateDeviceRequest = StrictObject({
  label: Type.Optional(ShortText),
  model: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
  mac: Type.Optional(Nullable(MacAddress)),
  /** Assign to an extension, or null to release the device to the free pool. */
  extension: Type.Optional(Nullable(ExtensionNumber)),
  /** New SIP username and password (the old ones stop working); the answer shows the password once. */
  regenerateCredentials: Type.Optional(Type.Boolean()),
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
