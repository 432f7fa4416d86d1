// The user's own portal: each channel is the office API route of the same name.
import { CallLogEntry, CallLogPage, CallLogQuery } from '../../api/call-log';
import { ColleaguePage, ColleagueQuery } from '../../api/colleagues';
import { Me } from '../../api/me';
import { Preferences, PreferencesPatch } from '../../api/preferences';
import { rest, type DomainSpec } from '../channel';

export const portal = {
  requests: {
    me: rest('GET', '/me', Me),
    preferences: rest('GET', '/me/preferences', Preferences),
    updatePreferences: rest('PATCH', '/me/preferences', Preferences, { body: PreferencesPatch }),
    callLog: rest('GET', '/me/call-log', CallLogPage, { query: CallLogQuery }),
    /** Colleagues to call, by name or the start of their extension. */
    directory: rest('GET', '/directory', ColleaguePage, { query: ColleagueQuery }),
  },
  events: {
    /** A call of this person's, made, answered or missed, as the office logged it (its push). */
    callLogged: CallLogEntry,
    /** The person's preferences as they now are, changed from any of their apps (its push). */
    preferencesChanged: Preferences,
  },
} satisfies DomainSpec;
