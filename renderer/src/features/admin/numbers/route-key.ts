import type { NumberRouteType } from '../../../../../common/api/directory';

const KEYS: Record<NumberRouteType, string> = {
  extension: 'admin.numbers.routeExtension',
  'ring-group': 'admin.numbers.routeRingGroup',
  receptionist: 'admin.numbers.routeReceptionist',
  conference: 'admin.numbers.routeConference',
  voicemail: 'admin.numbers.routeVoicemail',
};

export const ROUTE_TYPES = Object.keys(KEYS) as NumberRouteType[];

/** The i18n key of where a number rings. */
export const routeKey = (type: NumberRouteType) => KEYS[type];
