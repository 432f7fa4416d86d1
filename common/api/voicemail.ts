import { Type, type Static } from 'typebox';
import { Cursor, Id, Nullable, ShortText, StrictObject, Timestamp } from './primitives';

export const VoicemailMessage = StrictObject({
  id: Id,
  callerNumber: Type.String({ maxLength: 64 }),
  callerName: Nullable(ShortText),
  receivedAt: Timestamp,
  durationSeconds: Type.Integer({ minimum: 0 }),
  read: Type.Boolean(),
  audioType: Type.String(),
  /**
   * The ring group whose shared box took the message (its members all see it); null for one's
   * own box. Absent from copies kept before the office said it.
   */
  ringGroup: Type.Optional(
    Nullable(StrictObject({ name: ShortText, extension: Type.String({ maxLength: 64 }) })),
  ),
});
export type VoicemailMessage = Static<typeof VoicemailMessage>;

/** One page of the box, newest first: pass `nextCursor` as `before` for the next one. */
export const VoicemailList = StrictObject({
  items: Type.Array(VoicemailMessage),
  nextCursor: Nullable(Cursor),
  /** Unread messages in the whole box, not only this page. */
  unread: Type.Integer({ minimum: 0 }),
});
export type VoicemailList = Static<typeof VoicemailList>;

export const VoicemailPatch = StrictObject({ read: Type.Boolean() });
export type VoicemailPatch = Static<typeof VoicemailPatch>;

/** The voicemail PIN typed on a phone's keypad: 4 to 10 digits. */
export const VoicemailPin = Type.String({ pattern: '^[0-9]{4,10}$', minLength: 4, maxLength: 10 });
export const VoicemailPinRequest = StrictObject({ pin: VoicemailPin });
export type VoicemailPinRequest = Static<typeof VoicemailPinRequest>;

/** Why a PIN is too easy to guess (the office refuses such a PIN; the app says which as it is typed). */
export type EasyPin = 'repeated-digit' | 'consecutive' | 'repeated-pair' | 'extension';

/** Each digit one more, or one less, than the one before: 1234, 9876, 0123… */
function isRun(pin: string): boolean {
  const steps = new Set<number>();
  for (let i = 1; i < pin.length; i++) steps.add(Number(pin[i]) - Number(pin[i - 1]));
  return steps.size === 1 && (steps.has(1) || steps.has(-1));
}

/** Why this PIN is too easy to guess for the owner of `extension`, or null when it is not. */
export function easyPin(pin: string, extension: string | null): EasyPin | null {
  if (/^(\d)\1+$/.test(pin)) return 'repeated-digit';
  if (isRun(pin)) return 'consecutive';
  if (/^(\d\d)\1+$/.test(pin)) return 'repeated-pair';
  if (extension && (pin === extension || pin === [...extension].reverse().join(''))) return 'extension';
  return null;
}

/** The largest greeting file the office takes. */
export const GREETING_MAX_BYTES = 5 * 1024 * 1024;
/** The longest greeting the office takes. */
export const GREETING_MAX_SECONDS = 120;
export const WAV_TYPES = ['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave'];
export const MP3_TYPES = ['audio/mpeg', 'audio/mp3'];
