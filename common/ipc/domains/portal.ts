// The user's own portal: each channel is the office API route of the same name.
import { CallLogEntry, CallLogPage, CallLogQuery } from '../../api/call-log';
import { ColleaguePage, ColleagueQuery } from '../../api/colleagues';
import { Me } from '../../api/me';
import { ListOf, RouteTarget } from '../../api/directory';
import { Preferences, PreferencesPatch } from '../../api/preferences';
import { MyRingGroup, MyRingGroupMembership } from '../../api/ring-groups';
import { LiveConference, ParticipantMute } from '../../api/conferences';
import { ConferenceEvent } from '../../api/push';
import { NoContent, rest, type DomainSpec } from '../channel';

export const portal = {
  requests: {
    me: rest('GET', '/me', Me),
    preferences: rest('GET', '/me/preferences', Preferences),
    updatePreferences: rest('PATCH', '/me/preferences', Preferences, { body: PreferencesPatch }),
    callLog: rest('GET', '/me/call-log', CallLogPage, { query: CallLogQuery }),
    /** Colleagues to call, by name or the start of their extension. */
    directory: rest('GET', '/directory', ColleaguePage, { query: ColleagueQuery }),
    /** Where this person may forward calls: colleagues and the office's services (ring groups…). */
    destinations: rest('GET', '/directory/destinations', ListOf(RouteTarget)),
    /** The ring groups this person's extension belongs to, and whether they take their calls. */
    ringGroups: rest('GET', '/me/ring-groups', ListOf(MyRingGroup)),
    setRingGroupMembership: rest('PUT', '/me/ring-groups/:id/membership', MyRingGroup, {
      body: MyRingGroupMembership,
    }),
    /** The conferences this person is in now, with their participants. */
    conferences: rest('GET', '/me/conferences', ListOf(LiveConference)),
    /** A moderator's actions on a participant of their conference. */
    muteConferenceParticipant: rest('PUT', '/me/conference-participants/:id/mute', NoContent, {
      body: ParticipantMute,
    }),
    removeConferenceParticipant: rest('DELETE', '/me/conference-participants/:id', NoContent),
  },
  events: {
    /** A call of this person's, made, answered or missed, as the office logged it (its push). */
    callLogged: CallLogEntry,
    /** The person's preferences as they now are, changed from any of their apps (its push). */
    preferencesChanged: Preferences,
    /** A conference this person is in changed, or they left it (its push). */
    conferenceChanged: ConferenceEvent,
  },
} satisfies DomainSpec;
