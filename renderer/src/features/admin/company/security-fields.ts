import { SecuritySettings } from '../../../../../common/api/company';
import { schemaLimits } from '../../../ui/field-limits';

/** The security settings that are numbers (the digest choice is a list of its own). */
export type NumericSecurityKey = Exclude<keyof SecuritySettings, 'sipDigestAlgorithms'>;

interface SecurityField {
  key: NumericSecurityKey;
  label: string;
  hint: string;
  min: number;
  max: number;
}

/** A setting's field, with the office's own limits; the hint says the range unless told otherwise. */
const field = (key: NumericSecurityKey, label: string, hint = 'admin.company.range'): SecurityField => {
  const { minimum, maximum } = schemaLimits(SecuritySettings.properties[key]);
  if (minimum === undefined || maximum === undefined) throw new Error(`${key} has no range in its schema`);
  return { key, label, hint, min: minimum, max: maximum };
};

/** The security settings in the order the panel shows them. */
export const SECURITY_FIELDS: SecurityField[] = [
  field('minPasswordLength', 'admin.company.minPasswordLength'),
  field('lockoutThreshold', 'admin.company.lockoutThreshold', 'admin.company.lockoutThresholdHint'),
  field('lockoutMinutes', 'admin.company.lockoutMinutes'),
  field('adminIdleTimeoutMinutes', 'admin.company.adminIdle', 'admin.company.adminIdleHint'),
  field('idleSessionTimeoutMinutes', 'admin.company.userIdle'),
  field('rememberedSessionDays', 'admin.company.rememberedDays', 'admin.company.rememberedDaysHint'),
];
