// Music on hold: audio files the admin uploads (MP3 or WAV), one of them the company's default;
// a ring group or a receptionist may choose its own. The office re-encodes each once, at upload,
// to what the media agent sends.
import { Type, type Static } from 'typebox';
import { Id, Nullable, StrictObject, Timestamp } from './primitives';

/** The largest music file the office takes. */
export const MUSIC_MAX_BYTES = 20 * 1024 * 1024;
/** The longest music the office takes (it loops). */
export const MUSIC_MAX_SECONDS = 600;
/** Music files the office keeps at most: each is held ready in the agent's memory while used. */
export const MAX_MUSIC_FILES = 50;

/** The longest name a music file may have. */
export const MUSIC_NAME_MAX = 120;
export const MusicName = Type.String({ minLength: 1, maxLength: MUSIC_NAME_MAX, pattern: '\\S' });

export const MusicFile = StrictObject({
  id: Id,
  name: MusicName,
  durationSeconds: Type.Number({ minimum: 0 }),
  /** Whether callers of the company hear it on hold (and groups that chose none). */
  isDefault: Type.Boolean(),
  createdAt: Timestamp,
});
export type MusicFile = Static<typeof MusicFile>;

export const RenameMusic = StrictObject({ name: MusicName });
export type RenameMusic = Static<typeof RenameMusic>;

/** The company's default music; null: calls on hold hear silence. */
export const DefaultMusic = StrictObject({ musicId: Nullable(Id) });
export type DefaultMusic = Static<typeof DefaultMusic>;

/** What a caller to a ring group hears while its members ring. */
export const CallerHears = Type.Union([Type.Literal('ringing'), Type.Literal('music')]);
export type CallerHears = Static<typeof CallerHears>;
