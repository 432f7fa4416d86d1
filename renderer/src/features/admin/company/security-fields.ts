import { SecuritySettings } from '../../../../../common/api/company';

interface SecurityField {
  key: keyof SecuritySettings;
  label: string;
  hint: string;
  min: number;
  max: number;
}

const limits = (key: keyof SecuritySettings) => {
  const schema = SecuritySettings.properties[key] as unknown as { minimum: number; maximum: number };
  return { min: schema.minimum, max: schema.maximum };
};

/** The security settings in the order the panel shows them, with the office's own limits. */
export const SECURITY_FIELDS: SecurityField[] = [
  {
    key: 'minPasswordLength',
    label: 'admin.company.minPasswordLength',
    hint: 'admin.company.range',
    ...limits('minPasswordLength'),
  },
  {
    key: 'lockoutThreshold',
    label: 'admin.company.lockoutThreshold',
    hint: 'admin.company.lockoutThresholdHint',
    ...limits('lockoutThreshold'),
  },
  {
    key: 'lockoutMinutes',
    label: 'admin.company.lockoutMinutes',
    hint: 'admin.company.range',
    ...limits('lockoutMinutes'),
  },
  {
    key: 'adminIdleTimeoutMinutes',
    label: 'admin.company.adminIdle',
    hint: 'admin.company.adminIdleHint',
    ...limits('adminIdleTimeoutMinutes'),
  },
  {
    key: 'idleSessionTimeoutMinutes',
    label: 'admin.company.userIdle',
    hint: 'admin.company.range',
    ...limits('idleSessionTimeoutMinutes'),
  },
  {
    key: 'rememberedSessionDays',
    label: 'admin.company.rememberedDays',
    hint: 'admin.company.rememberedDaysHint',
    ...limits('rememberedSessionDays'),
  },
];
