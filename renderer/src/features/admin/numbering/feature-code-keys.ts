import type { FeatureAction } from '../../../../../common/api/feature-codes';

const KEYS: Record<FeatureAction, string> = {
  'own-voicemail': 'featureCodes.ownVoicemail',
  'any-voicemail': 'featureCodes.anyVoicemail',
  'group-log-in': 'featureCodes.groupLogIn',
  'group-log-out': 'featureCodes.groupLogOut',
};

/** The i18n key of what a feature code does. */
export const featureCodeKey = (action: FeatureAction) => KEYS[action];
