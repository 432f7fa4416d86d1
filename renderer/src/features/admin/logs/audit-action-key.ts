// An audit entry's action in words: the office logs `noun.verb` codes ("user.deleted"); each the
// office writes has its sentence here. A code from a newer office shows as it is.
const KEYS: Record<string, string> = {
  'user.created': 'admin.audit.userCreated',
  'user.updated': 'admin.audit.userUpdated',
  'user.deleted': 'admin.audit.userDeleted',
  'user.password-reset': 'admin.audit.userPasswordReset',
  'user.password-recovered': 'admin.audit.userPasswordRecovered',
  'device.created': 'admin.audit.deviceCreated',
  'device.updated': 'admin.audit.deviceUpdated',
  'device.deleted': 'admin.audit.deviceDeleted',
  'phone-number.created': 'admin.audit.phoneNumberCreated',
  'phone-number.updated': 'admin.audit.phoneNumberUpdated',
  'phone-number.deleted': 'admin.audit.phoneNumberDeleted',
  'user-group.created': 'admin.audit.userGroupCreated',
  'user-group.updated': 'admin.audit.userGroupUpdated',
  'user-group.deleted': 'admin.audit.userGroupDeleted',
  'settings-template.created': 'admin.audit.settingsTemplateCreated',
  'settings-template.updated': 'admin.audit.settingsTemplateUpdated',
  'settings-template.deleted': 'admin.audit.settingsTemplateDeleted',
  'email-template.created': 'admin.audit.emailTemplateCreated',
  'email-template.updated': 'admin.audit.emailTemplateUpdated',
  'email-template.deleted': 'admin.audit.emailTemplateDeleted',
  'company.updated': 'admin.audit.companyUpdated',
};

/** The i18n key of an audit action, or null for a code this app does not know. */
export const auditActionKey = (action: string): string | null => KEYS[action] ?? null;
