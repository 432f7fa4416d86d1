import type { Weekday } from '../../../../../common/api/receptionists';
import type { ActionType } from './receptionist-draft';

const ACTION_KEYS: Record<ActionType, string> = {
  extension: 'admin.receptionists.form.doExtension',
  'ring-group': 'admin.receptionists.form.doRingGroup',
  voicemail: 'admin.receptionists.form.doVoicemail',
  conference: 'admin.receptionists.form.doConference',
  receptionist: 'admin.receptionists.form.doReceptionist',
  menu: 'admin.receptionists.form.doMenu',
  directory: 'admin.receptionists.form.doDirectory',
  repeat: 'admin.receptionists.form.doRepeat',
  'hang-up': 'admin.receptionists.form.doHangUp',
  outside: 'admin.receptionists.form.doOutside',
};

export const ACTION_TYPES = Object.keys(ACTION_KEYS) as ActionType[];

/** The i18n key of an action as a choice ("Ring a ring group"). */
export const actionKey = (type: ActionType) => ACTION_KEYS[type];

const DAY_KEYS: Record<Weekday, string> = {
  mon: 'admin.receptionists.form.mon',
  tue: 'admin.receptionists.form.tue',
  wed: 'admin.receptionists.form.wed',
  thu: 'admin.receptionists.form.thu',
  fri: 'admin.receptionists.form.fri',
  sat: 'admin.receptionists.form.sat',
  sun: 'admin.receptionists.form.sun',
};

export const dayKey = (day: Weekday) => DAY_KEYS[day];
