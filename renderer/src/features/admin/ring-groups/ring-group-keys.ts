import type { RingStrategy } from '../../../../../common/api/ring-groups';

const STRATEGY_KEYS: Record<RingStrategy, string> = {
  all: 'admin.ringGroups.strategyAll',
  hunt: 'admin.ringGroups.strategyHunt',
  'round-robin': 'admin.ringGroups.strategyRoundRobin',
};

export const STRATEGIES = Object.keys(STRATEGY_KEYS) as RingStrategy[];

/** The i18n key of how a group rings its members. */
export const strategyKey = (strategy: RingStrategy) => STRATEGY_KEYS[strategy];
