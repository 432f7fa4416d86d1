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
  sipPassword: Type.String(),
  /** The extension the device rings for; null when it is in the free pool. */
  extension: Nullable(ExtensionNumber),
  createdAt: Timestamp,
});
export type Device = Static<typeof Device>;

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
  regenerateCredentials: Type.Optional(Type.Boolean()),
});
export type UpdateDeviceRequest = Static<typeof UpdateDeviceRequest>;
