import type { OverflowType, RingStrategy } from '../../../../../common/api/ring-groups';

const STRATEGY_KEYS: Record<RingStrategy, string> = {
  all: 'admin.ringGroups.strategyAll',
  hunt: 'admin.ringGroups.strategyHunt',
  'round-robin': 'admin.ringGroups.strategyRoundRobin',
};

const OVERFLOW_KEYS: Record<OverflowType, string> = {
  voicemail: 'admin.ringGroups.overflowVoicemail',
  extension: 'admin.ringGroups.overflowExtension',
  'ring-group': 'admin.ringGroups.overflowRingGroup',
  receptionist: 'admin.ringGroups.overflowReceptionist',
};

export const STRATEGIES = Object.keys(STRATEGY_KEYS) as RingStrategy[];
export const OVERFLOW_TYPES = Object.keys(OVERFLOW_KEYS) as OverflowType[];

/** The i18n key of how a group rings its members. */
export const strategyKey = (strategy: RingStrategy) => STRATEGY_KEYS[strategy];
/** The i18n key of where a call nobody answered goes. */
export const overflowKey = (type: OverflowType) => OVERFLOW_KEYS[type];
