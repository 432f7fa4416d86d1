// A voicemail box as a caller on the phone uses it: its messages (read, deleted and announced
// exactly as the voicemail API does, so message-waiting and the apps follow), and its PIN,
// checked through the sign-in throttle with the caller's SIP source address.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { OfficeServices } from '../office-services';
import { OfficeError } from '../errors';
import {
  deleteVoicemail,
  findOwnMessage,
  markVoicemailRead,
  messageCounts,
  messagesToPlay,
} from '../directory/voicemail';
import { findVoicemailBox } from '../directory/voicemail-boxes';
import { checkVoicemailPin } from '../voicemail/pin';
import { mailLanguage } from '../mail/language';
import { messageSamples } from './message-audio';
import type { LockedMailbox, OpenMailbox } from './mailbox-session';
import type { PromptLanguage } from './prompts';

/** Messages one call plays at most (a caller has the call's time limit, not all day). */
const MAX_MESSAGES_PER_CALL = 200;

/** A message deleted meanwhile (in the app, on another phone) is simply passed over. */
function unlessGone(error: unknown): void {
  if (!(error instanceof OfficeError && error.status === 404)) throw error;
}

/** The user's own box, open. Prompts speak the owner's language. */
export async function openMailbox(office: OfficeServices, userId: string): Promise<OpenMailbox> {
  const changed = () => office.events.emit('voicemail-changed', userId);
  return {
    language: await mailLanguage(office.db, userId),
    contents: async () => {
      const counts = await messageCounts(office.db, userId);
      const rows = await messagesToPlay(office.db, userId, MAX_MESSAGES_PER_CALL);
      return {
        fresh: counts.unread,
        saved: counts.read,
        messages: rows.map((row) => ({ id: row.id, callerNumber: row.caller_number, read: row.read === 1 })),
      };
    },
    audio: async (id, rate) => {
      try {
        const row = await findOwnMessage(office.db, userId, id);
        const bytes = await readFile(path.join(office.voicemailDir, row.audio_file));
        return messageSamples(bytes, row.audio_type, rate);
      } catch (error) {
        // The caller still hears the message's header and menu, and may delete it.
        office.logger.warn(
          { error: String(error), messageId: id },
          'voicemail message not playable by phone',
        );
        return new Int16Array(0);
      }
    },
    markRead: async (id) => {
      await markVoicemailRead(office.db, userId, id, true).then(changed, unlessGone);
    },
    remove: async (id) => {
      await deleteVoicemail(office.db, office.voicemailDir, userId, id).then(changed, unlessGone);
    },
  };
}

/** An owned box, to be opened with its PIN: every try goes through the PIN throttle. */
export function pinLockedMailbox(
  office: OfficeServices,
  box: { userId: string; hasPin: boolean },
  language: PromptLanguage,
  sourceAddress: string,
): LockedMailbox {
  return {
    language,
    hasPin: box.hasPin,
    unlock: async (pin) => {
      const check = await checkVoicemailPin(office, box.userId, pin, sourceAddress);
      if (check === 'ok') return { result: 'ok', mailbox: await openMailbox(office, box.userId) };
      return { result: check };
    },
  };
}

/**
 * The box behind a mailbox number, to be opened with its PIN. A number with no box (or a box
 * nobody owns) is answered like a box whose PIN never matches, each try counted all the same:
 * the menu tells a caller nothing about which numbers exist.
 */
export async function lockedMailbox(
  office: OfficeServices,
  number: string,
  sourceAddress: string,
): Promise<LockedMailbox> {
  const box = await findVoicemailBox(office.db, number);
  const userId = box?.userId ?? null;
  const language = await mailLanguage(office.db, userId);
  if (box && userId) return pinLockedMailbox(office, { userId, hasPin: box.hasPin }, language, sourceAddress);
  return {
    language,
    hasPin: true,
    unlock: async (pin) => {
      const check = await checkVoicemailPin(office, `no-box:${number}`, pin, sourceAddress);
      return { result: check === 'locked' ? 'locked' : 'wrong' };
    },
  };
}
