// The app's own settings, kept by main's SettingsStore. This schema is both the IPC request
// schema and the settings file's schema (conf / electron-store), so the two cannot drift.
import { Type, type Static } from 'typebox';
import { Language } from '../../api/preferences';
import { Id, Login, Nullable, PATCH_OPTIONS, StrictObject } from '../../api/primitives';
import { NoRequest, channel, type DomainSpec } from '../channel';

/** An office server's address: http or https, nothing else. */
export const ServerUrl = Type.String({ minLength: 8, maxLength: 2048, pattern: '^https?://[^\\s/?#]+' });
/** A browser media device id (opaque, as `MediaDeviceInfo.deviceId` gives it). */
export const AudioDeviceId = Type.String({ minLength: 1, maxLength: 256 });

export const AudioDevices = StrictObject({
  /** null: the system default. */
  microphone: Nullable(AudioDeviceId),
  speaker: Nullable(AudioDeviceId),
  /** Where incoming calls ring (often the laptop's speaker while a headset is in use). */
  ringer: Nullable(AudioDeviceId),
});
export type AudioDevices = Static<typeof AudioDevices>;

/** How much voicemail the app keeps for offline listening: the newest messages within both limits. */
export const VoicemailRetention = StrictObject({
  maxMessages: Type.Integer({ minimum: 0, maximum: 1000 }),
  maxMegabytes: Type.Integer({ minimum: 0, maximum: 2048 }),
});
export type VoicemailRetention = Static<typeof VoicemailRetention>;

/** A language for the office's mail chosen while it could not be reached: whose, and which. */
export const PendingMailLanguage = StrictObject({ userId: Id, language: Language });

export const Settings = StrictObject({
  /** The office to use; null runs the embedded office on this computer. */
  serverUrl: Nullable(ServerUrl),
  /** The last login typed, to fill the sign-in form (never a password). */
  lastLogin: Nullable(Login),
  /**
   * Whether the sign-in form's "Keep me signed in" starts ticked: the last choice, unticked after
   * a sign-in that asked for it on a computer with no usable keyring.
   */
  staySignedIn: Type.Boolean(),
  language: Type.Union([Type.Literal('system'), Type.Literal('en'), Type.Literal('es'), Type.Literal('fr')]),
  audio: AudioDevices,
  ringtone: Type.Union([
    Type.Literal('classic'),
    Type.Literal('soft'),
    Type.Literal('digital'),
    Type.Literal('silent'),
  ]),
  launchAtLogin: Type.Boolean(),
  theme: Type.Union([Type.Literal('system'), Type.Literal('light'), Type.Literal('dark')]),
  voicemailRetention: VoicemailRetention,
  /** Sent to the office when the app next reaches it as that person; null when nothing waits. */
  pendingMailLanguage: Nullable(PendingMailLanguage),
});
export type Settings = Static<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  serverUrl: null,
  lastLogin: null,
  staySignedIn: true,
  language: 'system',
  audio: { microphone: null, speaker: null, ringer: null },
  ringtone: 'classic',
  launchAtLogin: false,
  theme: 'system',
  voicemailRetention: { maxMessages: 200, maxMegabytes: 200 },
  pendingMailLanguage: null,
};

/**
 * What the window may change. Not the office: that is app:use-office alone, which checks the
 * address answers as an office and refuses while someone is signed in.
 */
export const SettingsPatch = Type.Partial(Type.Omit(Settings, ['serverUrl']), PATCH_OPTIONS);
export type SettingsPatch = Static<typeof SettingsPatch>;

export const settings = {
  requests: {
    get: channel(NoRequest, Settings),
    update: channel(SettingsPatch, Settings),
  },
  events: { changed: Settings },
} satisfies DomainSpec;
