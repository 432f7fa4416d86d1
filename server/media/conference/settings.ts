import { DEFAULT_CONFERENCE_LIMITS, type ConferenceLimits } from './rooms';
import { DEFAULT_CONFERENCE_SESSION_LIMITS, type ConferenceSessionLimits } from './session';

export type ConferenceSettings = ConferenceLimits & ConferenceSessionLimits;

export const DEFAULT_CONFERENCE_SETTINGS: ConferenceSettings = {
  ...DEFAULT_CONFERENCE_LIMITS,
  ...DEFAULT_CONFERENCE_SESSION_LIMITS,
};
