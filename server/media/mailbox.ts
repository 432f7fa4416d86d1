// A voicemail box as a caller on the phone uses it: its messages (read, deleted and announced
// exactly as the voicemail API does, so message-waiting and the apps follow), and its PIN,
// checked through the sign-in throttle with the caller's SIP source address.
import type { Logger } from '../logger';
import { OfficeError } from '../errors';
import { findOwnMessage, messageCounts, messagesToPlay, type MessageReader } from '../directory/voicemail';
import { markMessageRead, removeMessage, type MessageServices } from '../voicemail/messages';
import { findVoicemailBox, type VoicemailBoxTarget } from '../directory/voicemail-boxes';
import { checkBoxPin, checkVoicemailPin, type PinServices } from '../voicemail/pin';
import { mailLanguage } from '../mail/language';
import { messageSamples } from './message-audio';
import type { LockedMailbox, OpenMailbox } from './mailbox-session';
import type { PromptLanguage } from './prompts';

/**
 * What a box on the phone works with: its messages and their audio, the events that keep
 * message-waiting and the apps in step, and the PIN's throttle.
 */
export interface MailboxServices extends PinServices, MessageServices {
  logger: Logger;
}

/** Messages one call plays at most (a caller has the call's time limit, not all day). */
const MAX_MESSAGES_PER_CALL = 200;

/** A message deleted meanwhile (in the app, on another phone) is simply passed over. */
function unlessGone(error: unknown): void {
  if (!(error instanceof OfficeError && error.status === 404)) throw error;
}

/** A box, open: the user's own (and their groups'), or one box opened by its PIN. */
export function openMailbox(
  services: Pick<MailboxServices, 'db' | 'voicemailFiles' | 'events' | 'logger'>,
  reader: MessageReader,
  language: PromptLanguage,
): OpenMailbox {
  return {
    language,
    contents: async () => {
      const counts = await messageCounts(services.db, reader);
      const rows = await messagesToPlay(services.db, reader, MAX_MESSAGES_PER_CALL);
      return {
        fresh: counts.unread,
        saved: counts.read,
        messages: rows.map((row) => ({ id: row.id, callerNumber: row.caller_number, read: row.read === 1 })),
      };
    },
    audio: async (id, rate) => {
      try {
        const row = await findOwnMessage(services.db, reader, id);
        const bytes = await services.voicemailFiles.read(row.audio_file);
        return messageSamples(bytes, row.audio_type, rate);
      } catch (error) {
        // The caller still hears the message's header and menu, and may delete it.
        services.logger.warn(
          { error: String(error), messageId: id },
          'voicemail message not playable by phone',
        );
        return new Int16Array(0);
      }
    },
    markRead: async (id) => {
      await markMessageRead(services, reader, id, true).catch(unlessGone);
    },
    remove: async (id) => {
      await removeMessage(services, reader, id).catch(unlessGone);
    },
  };
}

/**
 * A box, to be opened with its PIN: every try goes through the PIN throttle. An owned box opens
 * as its owner's (with their groups' messages); a box nobody owns (a ring group's) opens alone.
 */
export function pinLockedMailbox(
  services: MailboxServices,
  box: Pick<VoicemailBoxTarget, 'id' | 'userId' | 'hasPin'>,
  language: PromptLanguage,
  sourceAddress: string,
): LockedMailbox {
  const { userId, id: boxId } = box;
  return {
    language,
    hasPin: box.hasPin,
    unlock: async (pin) => {
      const check = userId
        ? await checkVoicemailPin(services, userId, pin, sourceAddress)
        : await checkBoxPin(services, boxId, pin, sourceAddress);
      if (check !== 'ok') return { result: check };
      return { result: 'ok', mailbox: openMailbox(services, userId ?? { boxId }, language) };
    },
  };
}

/**
 * The box behind a mailbox number (a user's or a ring group's), to be opened with its PIN. A
 * number with no box is answered like a box whose PIN never matches, each try counted all the
 * same, and so is a box nobody set a PIN for: the menu tells a caller nothing about which
 * numbers exist.
 */
export async function lockedMailbox(
  services: MailboxServices,
  number: string,
  sourceAddress: string,
): Promise<LockedMailbox> {
  const box = await findVoicemailBox(services.db, number);
  const language = await mailLanguage(services.db, box?.userId ?? null);
  if (box) return pinLockedMailbox(services, box, language, sourceAddress);
  return {
    language,
    hasPin: true,
    unlock: async (pin) => {
      const check = await checkVoicemailPin(services, `no-box:${number}`, pin, sourceAddress);
      return { result: check === 'locked' ? 'locked' : 'wrong' };
    },
  };
}
