import type { RouteType } from '../../../../../common/api/directory';

const KEYS: Record<RouteType, string> = {
  extension: 'admin.numbers.routeExtension',
  'ring-group': 'admin.numbers.routeRingGroup',
  receptionist: 'admin.numbers.routeReceptionist',
  conference: 'admin.numbers.routeConference',
};

export const ROUTE_TYPES = Object.keys(KEYS) as RouteType[];

/** The i18n key of where a number rings. */
export const routeKey = (type: RouteType) => KEYS[type];
