// A person changes their own call preferences. A forwarding target must be a colleague's
// extension or one of the office's services (a ring group…, route-targets.ts): a call forwarded
// to a number nobody has could only fail. Every app the person has
// signed in hears of the change, so a do-not-disturb switched in one window (or on another
// computer) shows in the others. Their language and caller-ID name are in desk phones'
// configurations (their own phone's language and name, colleagues' BLF key labels), so those
// phones are told to fetch it again.
import type { Preferences, PreferencesPatch } from '../../common/api/preferences';
import type { OfficeDb } from '../db/database';
import { findColleague } from '../directory/colleagues';
import { deskPhonesShowingUser } from '../directory/desk-phones';
import type { DirectoryEvents } from '../directory/events';
import { FORWARD_RULES, readPreferences, updatePreferences } from '../directory/preferences';
import { findServiceTarget } from '../directory/route-targets';
import { readCompany } from '../directory/company';
import { mayCall, readDialled } from '../sip/trunks/dial-plan';
import { OfficeError } from '../errors';
import type { PushHub } from '../push/hub';

export interface PreferencesServices {
  db: OfficeDb;
  push: PushHub;
  events: DirectoryEvents;
}

/**
 * A forwarding target that is no colleague's extension must be an outside number the person may
 * call themselves (their outbound permission): forwarding is no way round it.
 */
async function assertOutsideTarget(
  db: OfficeDb,
  userId: string,
  target: string,
  field: string,
): Promise<void> {
  const { country } = await readCompany(db);
  const dialled = readDialled(target, country);
  if (!dialled || dialled.kind === 'invalid')
    throw new OfficeError(
      400,
      'unknown_extension',
      `No colleague or service of the office has extension ${target}`,
      field,
    );
  const { outboundCalls } = await readPreferences(db, userId);
  if (dialled.kind === 'emergency' || !mayCall(outboundCalls, dialled))
    throw new OfficeError(
      400,
      'outbound_not_allowed',
      `Calls to ${target} are not allowed for you, so they cannot be forwarded there`,
      field,
    );
}

export async function changeOwnPreferences(
  services: PreferencesServices,
  userId: string,
  patch: PreferencesPatch,
): Promise<Preferences> {
  for (const rule of FORWARD_RULES) {
    const target = patch[rule]?.enabled ? patch[rule].target : null;
    if (
      target &&
      !(await findColleague(services.db, target)) &&
      !(await findServiceTarget(services.db, target))
    )
      await assertOutsideTarget(services.db, userId, target, `body.${rule}.target`);
  }
  const preferences = await updatePreferences(services.db, userId, patch);
  services.push.publish(userId, { type: 'preferences-changed', preferences });
  if (patch.language !== undefined || patch.callerIdName !== undefined)
    services.events.emit('desk-phone-configs-changed', await deskPhonesShowingUser(services.db, userId));
  return preferences;
}
