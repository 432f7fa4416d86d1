// The voicemail box the greeting and PIN forms set up: the person's own, or a ring group's shared
// box an admin sets up in the console. Only the channels and a few words differ.
import type { SwitchboardApi } from '../../../../../common/ipc/contract';
import type { IpcResult } from '../../../../../common/ipc/result';

type GreetingAnswer = { data: string; audioType: string } | null;
type PartOf<Channel extends (request: never) => unknown> = Parameters<Channel>[0];
type Part = PartOf<SwitchboardApi['voicemail']['uploadGreeting']>;

/** The i18n keys of what each box says in its own words ("your greeting", "the group's greeting"). */
export interface BoxWords {
  greetingLoading: string;
  greetingOwn: string;
  greetingPlayOwn: string;
  greetingUseStandardMessage: string;
  greetingSave: string;
  greetingSaved: string;
  pinLead: string;
  pinSaved: string;
  pinNotEasy: string;
  pinEasyExtension: string;
}

export interface VoicemailBox {
  /** What the box's greeting is loaded as (useIpc's key). */
  key: string;
  words: BoxWords;
  greeting: () => Promise<IpcResult<GreetingAnswer>>;
  uploadGreetingPart: (part: Part) => Promise<IpcResult<null>>;
  deleteGreeting: () => Promise<IpcResult<null>>;
  setPin: (pin: string) => Promise<IpcResult<null>>;
}

export function ownVoicemailBox(api: SwitchboardApi): VoicemailBox {
  return {
    key: 'greeting',
    words: {
      greetingLoading: 'preferences.greeting.loading',
      greetingOwn: 'preferences.greeting.own',
      greetingPlayOwn: 'preferences.greeting.playOwn',
      greetingUseStandardMessage: 'preferences.greeting.useStandardMessage',
      greetingSave: 'preferences.greeting.save',
      greetingSaved: 'preferences.greeting.saved',
      pinLead: 'preferences.pin.lead',
      pinSaved: 'preferences.pin.saved',
      pinNotEasy: 'preferences.pin.rules.notEasy',
      pinEasyExtension: 'preferences.pin.easy.extension',
    },
    greeting: () => api.voicemail.greeting({}),
    uploadGreetingPart: (part) => api.voicemail.uploadGreeting(part),
    deleteGreeting: () => api.voicemail.deleteGreeting({}),
    setPin: (pin) => api.voicemail.setPin({ body: { pin } }),
  };
}

export function ringGroupVoicemailBox(api: SwitchboardApi, id: string): VoicemailBox {
  return {
    key: `ring-group-greeting:${id}`,
    words: {
      greetingLoading: 'admin.ringGroups.box.greetingLoading',
      greetingOwn: 'admin.ringGroups.box.greetingOwn',
      greetingPlayOwn: 'admin.ringGroups.box.greetingPlayOwn',
      greetingUseStandardMessage: 'admin.ringGroups.box.greetingUseStandardMessage',
      greetingSave: 'admin.ringGroups.box.greetingSave',
      greetingSaved: 'admin.ringGroups.box.greetingSaved',
      pinLead: 'admin.ringGroups.box.pinLead',
      pinSaved: 'admin.ringGroups.box.pinSaved',
      pinNotEasy: 'admin.ringGroups.box.pinNotEasy',
      pinEasyExtension: 'admin.ringGroups.box.pinEasyExtension',
    },
    greeting: () => api.admin.ringGroupGreeting({ id }),
    uploadGreetingPart: (part) => api.admin.uploadRingGroupGreeting({ id, ...part }),
    deleteGreeting: () => api.admin.deleteRingGroupGreeting({ id }),
    setPin: (pin) => api.admin.setRingGroupPin({ id, body: { pin } }),
  };
}
