// The admin console: each channel is the office API route it names, with that route's schemas.
import { AuditPage, Company, CompanyPatch, OutboxPage } from '../../api/company';
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
import { PageQuery } from '../../api/primitives';
import { CreateRingGroup, RingGroup, UpdateRingGroup } from '../../api/ring-groups';
import { Conference, CreateConference, UpdateConference } from '../../api/conferences';
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
import { NoContent, rest, type DomainSpec } from '../channel';

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

    listConferences: rest('GET', '/admin/conferences', ListOf(Conference)),
    createConference: rest('POST', '/admin/conferences', Conference, { body: CreateConference }),
    updateConference: rest('PATCH', '/admin/conferences/:id', Conference, { body: UpdateConference }),
    deleteConference: rest('DELETE', '/admin/conferences/:id', NoContent),

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

    company: rest('GET', '/admin/company', Company),
    updateCompany: rest('PATCH', '/admin/company', Company, { body: CompanyPatch }),
    auditLog: rest('GET', '/admin/audit-log', AuditPage, { query: PageQuery }),
    outbox: rest('GET', '/admin/outbox', OutboxPage, { query: PageQuery }),
    callLog: rest('GET', '/admin/call-log', OfficeCallPage, { query: OfficeCallQuery }),
  },
  events: {},
} satisfies DomainSpec;
