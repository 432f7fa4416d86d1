// The admin console: each channel is the office API route it names, with that route's schemas.
import { Type } from 'typebox';
import { AuditPage, Company, CompanyPatch, OutboxPage } from '../../api/company';
import { NumberingPlan, NumberingPlanChange } from '../../api/numbering-plan';
import {
  CreateDeviceRequest,
  CreatedDevice,
  Device,
  DeviceList,
  DeviceListQuery,
  SipServer,
  UpdateDeviceRequest,
  UpdatedDevice,
} from '../../api/devices';
import {
  CreateEmailTemplate,
  CreatePhoneNumber,
  CreateSettingsTemplate,
  CreateUserGroup,
  EmailTemplate,
  ListOf,
  PhoneNumber,
  RouteTarget,
  SettingsTemplate,
  UpdateEmailTemplate,
  UpdatePhoneNumber,
  UpdateSettingsTemplate,
  UpdateUserGroup,
  UserGroup,
} from '../../api/directory';
import { Id, Nullable, PageQuery, StrictObject } from '../../api/primitives';
import { CreateTrunk, Trunk, TrunkList, UpdateTrunk } from '../../api/trunks';
import {
  CreateReceptionist,
  MenuId,
  Receptionist,
  ReceptionistNow,
  ReceptionistNowQuery,
  UpdateReceptionist,
} from '../../api/receptionists';
import { Conference, CreateConference, UpdateConference } from '../../api/conferences';
import { CreateRingGroup, RingGroup, RingGroupVoicemail, UpdateRingGroup } from '../../api/ring-groups';
import { VoicemailPinRequest } from '../../api/voicemail';
import { DefaultMusic, MUSIC_MAX_BYTES, MusicFile, MusicName, RenameMusic } from '../../api/music';
import { GREETING_PART_BYTES, GreetingPart, VoicemailAudio } from './voicemail';
import { OfficeCallPage, OfficeCallQuery } from '../../api/usage';
import {
  CreatedUser,
  CreateUserRequest,
  DeleteUserRequest,
  PasswordResetRequest,
  UpdateUserRequest,
  UserListQuery,
  UserPage,
  UserSummary,
} from '../../api/users';
import { NoContent, channel, rest, type DomainSpec } from '../channel';

const MAX_MUSIC_PARTS = Math.ceil(MUSIC_MAX_BYTES / GREETING_PART_BYTES);

/** One part of a ring group's greeting, as a person's own greeting goes, with the group's id. */
export const RingGroupGreetingPart = StrictObject({ id: Id, ...GreetingPart.properties });

/** One part of a receptionist menu's recorded greeting, as a person's own greeting goes, with the receptionist's and menu's ids. */
export const MenuGreetingPart = StrictObject({ id: Id, menuId: MenuId, ...GreetingPart.properties });

/**
 * One part of a music file the admin uploads, in order from 0, as a greeting's parts go (each
 * fits a frame of the browser host's socket); main sends the file with the last part.
 */
export const MusicPart = StrictObject({
  name: MusicName,
  type: Type.Union([Type.Literal('audio/wav'), Type.Literal('audio/mpeg')]),
  index: Type.Integer({ minimum: 0, maximum: MAX_MUSIC_PARTS - 1 }),
  count: Type.Integer({ minimum: 1, maximum: MAX_MUSIC_PARTS }),
  /** This part's bytes, base64. */
  data: Type.String({ minLength: 1, maxLength: Math.ceil(GREETING_PART_BYTES / 3) * 4 }),
});

export const admin = {
  requests: {
    listUsers: rest('GET', '/admin/users', UserPage, { query: UserListQuery }),
    createUser: rest('POST', '/admin/users', CreatedUser, { body: CreateUserRequest }),
    updateUser: rest('PATCH', '/admin/users/:id', UserSummary, { body: UpdateUserRequest }),
    deleteUser: rest('DELETE', '/admin/users/:id', NoContent, { body: DeleteUserRequest }),
    resetPassword: rest('POST', '/admin/users/:id/password-reset', NoContent, { body: PasswordResetRequest }),

    listDevices: rest('GET', '/admin/devices', DeviceList, { query: DeviceListQuery }),
    getDevice: rest('GET', '/admin/devices/:id', Device),
    createDevice: rest('POST', '/admin/devices', CreatedDevice, { body: CreateDeviceRequest }),
    updateDevice: rest('PATCH', '/admin/devices/:id', UpdatedDevice, { body: UpdateDeviceRequest }),
    deleteDevice: rest('DELETE', '/admin/devices/:id', NoContent),
    /** Where desk phones register, for the SIP credentials dialog. */
    sipServer: rest('GET', '/admin/sip-server', SipServer),

    listUserGroups: rest('GET', '/admin/user-groups', ListOf(UserGroup)),
    createUserGroup: rest('POST', '/admin/user-groups', UserGroup, { body: CreateUserGroup }),
    updateUserGroup: rest('PATCH', '/admin/user-groups/:id', UserGroup, { body: UpdateUserGroup }),
    deleteUserGroup: rest('DELETE', '/admin/user-groups/:id', NoContent),

    listRingGroups: rest('GET', '/admin/ring-groups', ListOf(RingGroup)),
    createRingGroup: rest('POST', '/admin/ring-groups', RingGroup, { body: CreateRingGroup }),
    updateRingGroup: rest('PATCH', '/admin/ring-groups/:id', RingGroup, { body: UpdateRingGroup }),
    deleteRingGroup: rest('DELETE', '/admin/ring-groups/:id', NoContent),
    listReceptionists: rest('GET', '/admin/receptionists', ListOf(Receptionist)),
    createReceptionist: rest('POST', '/admin/receptionists', Receptionist, { body: CreateReceptionist }),
    updateReceptionist: rest('PATCH', '/admin/receptionists/:id', Receptionist, {
      body: UpdateReceptionist,
    }),
    deleteReceptionist: rest('DELETE', '/admin/receptionists/:id', NoContent),
    receptionistNow: rest('GET', '/admin/receptionists/:id/now', ReceptionistNow, {
      query: ReceptionistNowQuery,
    }),
    /** A menu's recording uploaded in parts: null for each part but the last, which answers the receptionist as kept (with the recording's length). */
    uploadMenuGreeting: channel(MenuGreetingPart, Nullable(Receptionist)),
    /** The group's shared voicemail box: whether it has a PIN and a greeting of its own. */
    ringGroupVoicemail: rest('GET', '/admin/ring-groups/:id/voicemail', RingGroupVoicemail),
    setRingGroupPin: rest('PUT', '/admin/ring-groups/:id/voicemail/pin', NoContent, {
      body: VoicemailPinRequest,
    }),
    /** The group's greeting as callers hear it; null while it is the standard one. */
    ringGroupGreeting: channel(StrictObject({ id: Id }), Nullable(VoicemailAudio)),
    /** A greeting uploaded in parts: the last part's answer is the office's. */
    uploadRingGroupGreeting: channel(RingGroupGreetingPart, NoContent),
    deleteRingGroupGreeting: rest('DELETE', '/admin/ring-groups/:id/voicemail/greeting', NoContent),

    listMusic: rest('GET', '/admin/music', ListOf(MusicFile)),
    renameMusic: rest('PATCH', '/admin/music/:id', MusicFile, { body: RenameMusic }),
    deleteMusic: rest('DELETE', '/admin/music/:id', NoContent),
    setDefaultMusic: rest('PUT', '/admin/music-default', DefaultMusic, { body: DefaultMusic }),
    /** Music uploaded in parts: null for each part but the last, which answers the file as kept. */
    uploadMusic: channel(MusicPart, Nullable(MusicFile)),
    /** The music as callers hear it, for the console's preview. */
    musicAudio: channel(StrictObject({ id: Id }), VoicemailAudio),

    listConferences: rest('GET', '/admin/conferences', ListOf(Conference)),
    createConference: rest('POST', '/admin/conferences', Conference, { body: CreateConference }),
    updateConference: rest('PATCH', '/admin/conferences/:id', Conference, { body: UpdateConference }),
    deleteConference: rest('DELETE', '/admin/conferences/:id', NoContent),
    listTrunks: rest('GET', '/admin/trunks', TrunkList),
    createTrunk: rest('POST', '/admin/trunks', Trunk, { body: CreateTrunk }),
    updateTrunk: rest('PATCH', '/admin/trunks/:id', Trunk, { body: UpdateTrunk }),
    deleteTrunk: rest('DELETE', '/admin/trunks/:id', NoContent),

    listSettingsTemplates: rest('GET', '/admin/settings-templates', ListOf(SettingsTemplate)),
    createSettingsTemplate: rest('POST', '/admin/settings-templates', SettingsTemplate, {
      body: CreateSettingsTemplate,
    }),
    updateSettingsTemplate: rest('PATCH', '/admin/settings-templates/:id', SettingsTemplate, {
      body: UpdateSettingsTemplate,
    }),
    deleteSettingsTemplate: rest('DELETE', '/admin/settings-templates/:id', NoContent),

    listEmailTemplates: rest('GET', '/admin/email-templates', ListOf(EmailTemplate)),
    createEmailTemplate: rest('POST', '/admin/email-templates', EmailTemplate, { body: CreateEmailTemplate }),
    updateEmailTemplate: rest('PATCH', '/admin/email-templates/:id', EmailTemplate, {
      body: UpdateEmailTemplate,
    }),
    deleteEmailTemplate: rest('DELETE', '/admin/email-templates/:id', NoContent),

    listPhoneNumbers: rest('GET', '/admin/phone-numbers', ListOf(PhoneNumber)),
    createPhoneNumber: rest('POST', '/admin/phone-numbers', PhoneNumber, { body: CreatePhoneNumber }),
    updatePhoneNumber: rest('PATCH', '/admin/phone-numbers/:id', PhoneNumber, { body: UpdatePhoneNumber }),
    deletePhoneNumber: rest('DELETE', '/admin/phone-numbers/:id', NoContent),
    /** What a phone number can ring: the picker's choices. */
    routeTargets: rest('GET', '/admin/route-targets', ListOf(RouteTarget)),

    numberingPlan: rest('GET', '/admin/numbering-plan', NumberingPlan),
    changeNumberingPlan: rest('PUT', '/admin/numbering-plan', NumberingPlan, { body: NumberingPlanChange }),
    company: rest('GET', '/admin/company', Company),
    updateCompany: rest('PATCH', '/admin/company', Company, { body: CompanyPatch }),
    auditLog: rest('GET', '/admin/audit-log', AuditPage, { query: PageQuery }),
    outbox: rest('GET', '/admin/outbox', OutboxPage, { query: PageQuery }),
    callLog: rest('GET', '/admin/call-log', OfficeCallPage, { query: OfficeCallQuery }),
  },
  events: {},
} satisfies DomainSpec;
