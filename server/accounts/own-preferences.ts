// A user changing their own preferences. Their language and caller-ID name are in desk phones'
// configurations (their own phone's language and name, colleagues' BLF key labels), so those
// phones are told to fetch it again.
import type { Preferences, PreferencesPatch } from '../../common/api/preferences';
import type { OfficeDb } from '../db/database';
import type { DirectoryEvents } from '../directory/events';
import { updatePreferences } from '../directory/preferences';
import { deskPhonesShowingUser } from '../directory/desk-phones';

export async function changeOwnPreferences(
  services: { db: OfficeDb; events: DirectoryEvents },
  userId: string,
  patch: PreferencesPatch,
): Promise<Preferences> {
  const preferences = await updatePreferences(services.db, userId, patch);
  if (patch.language !== undefined || patch.callerIdName !== undefined)
    services.events.emit('desk-phone-configs-changed', await deskPhonesShowingUser(services.db, userId));
  return preferences;
}
