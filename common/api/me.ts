import { Type, type Static } from 'typebox';
import {
  Email,
  ExtensionNumber,
  Id,
  Nullable,
  Password,
  PersonName,
  Role,
  ShortText,
  StrictObject,
} from './primitives';

export const Me = StrictObject({
  id: Id,
  name: PersonName,
  email: Email,
  role: Role,
  extension: Nullable(ExtensionNumber),
  mustChangePassword: Type.Boolean(),
  companyName: ShortText,
});
export type Me = Static<typeof Me>;

export const ChangePasswordRequest = StrictObject({ currentPassword: Password, newPassword: Password });
export type ChangePasswordRequest = Static<typeof ChangePasswordRequest>;

export const IceServer = StrictObject({
  urls: Type.Array(Type.String()),
  username: Type.Optional(Type.String()),
  credential: Type.Optional(Type.String()),
});

/** Everything the softphone needs to register; only main ever holds it, never the renderer. */
export const SoftphoneConfig = StrictObject({
  sipUri: Type.String(),
  authorizationUsername: Type.String(),
  password: Type.String(),
  realm: Type.String(),
  websocketServers: Type.Array(Type.String()),
  iceServers: Type.Array(IceServer),
});
export type SoftphoneConfig = Static<typeof SoftphoneConfig>;
