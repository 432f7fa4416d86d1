// Where a forwarding rule sends a call, named as "Where will my calls go?" says it: a colleague's
// extension, one of the office's services by its name (a ring group…), or a number outside the
// office, written the way it is read aloud.
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import type { RouteTarget, RouteType } from '../../../../common/api/directory';
import { EXTENSION } from './validate';

export type CallTarget =
  { kind: RouteType; number: string; name: string | null } | { kind: 'outside'; number: string };

/**
 * What `target` is, from the office's list of destinations (null while it loads: an extension
 * number is then simply an extension). Anything else is an outside number, grouped by its
 * country's rules when it is written with its country code.
 */
export function callTarget(target: string, destinations: readonly RouteTarget[] | null): CallTarget {
  // A voicemail box shares its extension's number; forwarding goes to the extension.
  const found = destinations?.find(
    (destination): destination is RouteTarget & { kind: RouteType } =>
      destination.number === target && destination.kind !== 'voicemail',
  );
  if (found) return found;
  if (EXTENSION.test(target)) return { kind: 'extension', number: target, name: null };
  const parsed = parsePhoneNumberFromString(target);
  return { kind: 'outside', number: parsed?.isValid() ? parsed.formatInternational() : target };
}
