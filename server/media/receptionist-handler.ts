// The receptionist's extension as a call the media agent answers: the menu for the moment the
// call arrives (the office's clock, the company's time zone), spoken in the company's language
// from files made when the receptionist was saved.
import type { PromptLanguage } from './prompts';
import { wavAt } from './prompts';
import { findVoicemailBox } from '../directory/voicemail-boxes';
import {
  dialableNumbers,
  directoryColleagues,
  findReceptionistPlan,
  type ReceptionistCallPlan,
} from '../directory/receptionists';
import { readCompany } from '../directory/company';
import { mailLanguage } from '../mail/language';
import { menuAt } from '../receptionist/schedule';
import { colleagueText, phraseText } from '../receptionist/phrases';
import type { Speech } from '../receptionist/speech';
import type { ReceptionistHandler } from '../sip/calls/receptionist-access';
import { NO_SDP_OFFER, answeringWith, sdpOffer, type MediaAgent } from './agent';
import { resample } from './resample';
import { MUSIC_SAMPLE_RATE } from '../music/music-folder';
import type { MailboxLimits } from './mailbox-session';
import { messageSession, type VoicemailServices } from './voicemail-handler';
import { ReceptionistSession, type MenuStart, type ReceptionistLimits } from './receptionist-session';

/** Spoken files kept decoded (each is named by what it says, so never stale); the oldest go first past it. */
const MAX_DECODED = 500;

/** What the receptionist plays: spoken text (from files speech.ts made) and uploaded greetings. */
export class ReceptionistVoice {
  private readonly decoded = new Map<string, Promise<Int16Array>>();

  constructor(
    private readonly speech: Speech,
    private readonly files: VoicemailServices['voicemailFiles'],
  ) {}

  async spoken(language: PromptLanguage, text: string, rate: number): Promise<Int16Array> {
    const file = await this.speech.spoken(language, text);
    const key = `${file}@${rate}`;
    let samples = this.decoded.get(key);
    if (!samples) {
      samples = this.files.read(file).then((wav) => wavAt(wav, rate));
      samples.catch(() => this.decoded.delete(key));
      if (this.decoded.size >= MAX_DECODED) this.decoded.delete(this.decoded.keys().next().value!);
      this.decoded.set(key, samples);
    }
    return samples;
  }

  /** An uploaded greeting: replaced in place by the next upload, so read each time. */
  async uploaded(file: string, rate: number): Promise<Int16Array> {
    return wavAt(await this.files.read(file), rate);
  }
}

export function receptionistHandler(
  services: VoicemailServices,
  agent: MediaAgent,
  voice: ReceptionistVoice,
  limits: ReceptionistLimits,
  mailboxLimits: MailboxLimits,
  /** The 8 kHz music the receptionist's callers hear (its own, else the company's default); null for none. */
  music: (receptionistId: string) => Promise<Int16Array | null>,
): ReceptionistHandler {
  const startOf = async (found: ReceptionistCallPlan): Promise<MenuStart> => {
    const company = await readCompany(services.db);
    return { plan: found.plan, menu: menuAt(found.plan, company.time_zone, services.clock()).menu };
  };
  return async (call) => {
    const found = await findReceptionistPlan(services.db, call.number);
    if (!found) return null;
    const offer = sdpOffer(call.offer);
    if (offer === null) return NO_SDP_OFFER;
    const [language, opening, dialable, colleagues] = await Promise.all([
      mailLanguage(services.db, null),
      startOf(found),
      dialableNumbers(services.db),
      directoryColleagues(services.db),
    ]);
    // Greetings uploaded for this receptionist's menus, and for any it hands the caller on to,
    // whose own music then plays on hold in the calls it puts through.
    const uploaded = new Map(found.uploaded);
    let answering = found;
    const outcome = await agent.open(
      offer,
      (endpoint) =>
        new ReceptionistSession(
          endpoint,
          opening,
          {
            greeting: async (menu, rate) => {
              const file = menu.greeting.kind === 'upload' ? uploaded.get(menu.id) : undefined;
              if (file) {
                try {
                  return await voice.uploaded(file, rate);
                } catch (error) {
                  services.logger.warn(
                    { file, error: String(error) },
                    'menu greeting unreadable: its text is spoken',
                  );
                }
              }
              return voice.spoken(language, menu.greeting.text, rate);
            },
            phrase: (name, rate) => voice.spoken(language, phraseText(language, name), rate),
            colleague: (colleague, rate) =>
              voice.spoken(language, colleagueText(language, colleague.name, colleague.extension), rate),
            dialable,
            colleagues,
            transfer: (target, answered) =>
              call.transfer({ ...target, receptionistId: answering.id }, answered),
            // Ringing (null) unless the receptionist says its callers hear music while they wait.
            waiting: async (rate) => {
              if (answering.callerHears !== 'music') return null;
              const samples = await music(answering.id);
              return samples && resample(samples, MUSIC_SAMPLE_RATE, rate);
            },
            leaveMessage: async (number, stream) => {
              const box = await findVoicemailBox(services.db, number);
              if (!box) return null;
              const callee = { number, name: null, userId: box.userId };
              return messageSession(
                services,
                agent,
                mailboxLimits,
                { caller: call.caller, callee, sourceAddress: call.sourceAddress },
                box,
                stream,
              );
            },
            receptionist: async (number) => {
              const other = await findReceptionistPlan(services.db, number);
              if (!other) return null;
              answering = other;
              uploaded.clear();
              for (const [menu, file] of other.uploaded) uploaded.set(menu, file);
              return startOf(other);
            },
            logger: services.logger,
          },
          limits,
        ),
    );
    return answeringWith(outcome);
  };
}
