// What the receptionist dialog edits, and the plan it sends. Numbers the admin types stay text
// until sent; an action keeps both a destination and a menu so switching its type loses nothing.
import {
  WEEKDAYS,
  type BusinessHours,
  type CreateReceptionist,
  type MenuAction,
  type MenuGreeting,
  type Receptionist,
} from '../../../../../common/api/receptionists';
import type { IpcError } from '../../../../../common/ipc/result';
import type { CallerHears } from '../../../../../common/api/music';

export type ActionType = MenuAction['type'];

/** The actions that send the caller to a number, and the kind of destination each picks. */
export const NUMBERED = {
  extension: 'extension',
  'ring-group': 'ring-group',
  voicemail: 'voicemail',
  conference: 'conference',
  receptionist: 'receptionist',
} as const;
type NumberedType = keyof typeof NUMBERED;

export const isNumbered = (type: ActionType): type is NumberedType => type in NUMBERED;

export interface ActionDraft {
  type: ActionType;
  /** The destination of a numbered action; '' until chosen. */
  number: string;
  /** The menu a 'menu' action opens; '' until chosen. */
  menu: string;
}

export interface MenuDraft {
  id: string;
  greeting: MenuGreeting;
  timeoutSeconds: string;
  options: { key: string; action: ActionDraft }[];
  fallback: ActionDraft;
}

export interface HolidayDraft {
  name: string;
  from: string;
  /** '' for a single day. */
  to: string;
}

export interface ReceptionistDraft {
  name: string;
  extension: string;
  hours: BusinessHours;
  holidays: HolidayDraft[];
  menus: MenuDraft[];
  openMenu: string;
  closedMenu: string;
  holidayMenu: string;
  /** Its own music on hold's id; '' for the company's default. */
  musicId: string;
  callerHears: CallerHears;
}

export const MENU_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'] as const;

const draftAction = (action: MenuAction): ActionDraft => ({
  type: action.type,
  number: 'number' in action ? action.number : '',
  menu: action.type === 'menu' ? action.menu : '',
});

export const emptyAction = (type: ActionType): ActionDraft => ({ type, number: '', menu: '' });

export const newMenu = (id: string): MenuDraft => ({
  id,
  greeting: { kind: 'text', text: '' },
  timeoutSeconds: '5',
  options: [],
  fallback: emptyAction('hang-up'),
});

/** A new receptionist opens on weekdays 9 to 5 with one menu answering at all times. */
const WEEKDAY_HOURS = [{ from: '09:00', to: '17:00' }];
const NEW_HOURS = Object.fromEntries(
  WEEKDAYS.map((day) => [day, day === 'sat' || day === 'sun' ? [] : WEEKDAY_HOURS]),
) as BusinessHours;

export function draftOf(receptionist?: Receptionist): ReceptionistDraft {
  if (!receptionist)
    return {
      name: '',
      extension: '',
      hours: NEW_HOURS,
      holidays: [],
      menus: [newMenu('main')],
      openMenu: 'main',
      closedMenu: 'main',
      holidayMenu: 'main',
      musicId: '',
      callerHears: 'ringing',
    };
  return {
    name: receptionist.name,
    extension: receptionist.extension,
    hours: receptionist.hours,
    holidays: receptionist.holidays.map((holiday) => ({ ...holiday, to: holiday.to ?? '' })),
    menus: receptionist.menus.map((menu) => ({
      id: menu.id,
      greeting: menu.greeting,
      timeoutSeconds: String(menu.timeoutSeconds),
      options: menu.options.map((option) => ({ key: option.key, action: draftAction(option.action) })),
      fallback: draftAction(menu.fallback),
    })),
    openMenu: receptionist.openMenu,
    closedMenu: receptionist.closedMenu,
    holidayMenu: receptionist.holidayMenu,
    musicId: receptionist.musicId ?? '',
    callerHears: receptionist.callerHears,
  };
}

export function actionOf({ type, number, menu }: ActionDraft): MenuAction {
  if (isNumbered(type)) return { type, number };
  if (type === 'outside') return { type, number: number.trim() };
  if (type === 'menu') return { type, menu };
  return { type };
}

/** The whole plan as the office takes it: on an edit too, since menus name each other. */
export function bodyOf(draft: ReceptionistDraft): CreateReceptionist {
  return {
    name: draft.name.trim(),
    ...(draft.extension.trim() && { extension: draft.extension.trim() }),
    hours: draft.hours,
    holidays: draft.holidays.map(({ name, from, to }) => ({ name: name.trim(), from, ...(to && { to }) })),
    menus: draft.menus.map((menu) => ({
      id: menu.id.trim(),
      greeting: { ...menu.greeting, text: menu.greeting.text.trim() },
      options: menu.options.map((option) => ({ key: option.key, action: actionOf(option.action) })),
      timeoutSeconds: Number(menu.timeoutSeconds),
      fallback: actionOf(menu.fallback),
    })),
    openMenu: draft.openMenu,
    closedMenu: draft.closedMenu,
    holidayMenu: draft.holidayMenu,
    musicId: draft.musicId || null,
    callerHears: draft.callerHears,
  };
}

/**
 * Whether the office's refusal concerns the field at `path` (`menus.0.options.1.action`): the
 * field itself, a part of it (the action's number), or what holds it (an opening span refused
 * whole marks both its times).
 */
export function refusedAt(error: IpcError | null, path: string): boolean {
  const field = error?.field;
  if (!field) return false;
  const own = `body.${path}`;
  return field === own || field.startsWith(`${own}.`) || (field !== 'body' && own.startsWith(`${field}.`));
}

/**
 * A menu's new id, followed by every key, fallback and schedule entry that named it, unless the
 * old or new id is another menu's too (then what names it cannot tell which menu it meant).
 */
export function renameMenu(draft: ReceptionistDraft, index: number, id: string): ReceptionistDraft {
  const old = draft.menus[index]!.id;
  const others = draft.menus.filter((_, i) => i !== index).map((menu) => menu.id);
  const follow = !others.includes(old) && !others.includes(id);
  const ref = (menu: string) => (follow && menu === old ? id : menu);
  const action = (draftAction: ActionDraft) => ({ ...draftAction, menu: ref(draftAction.menu) });
  return {
    ...draft,
    menus: draft.menus.map((menu, i) => ({
      ...menu,
      id: i === index ? id : menu.id,
      options: menu.options.map((option) => ({ ...option, action: action(option.action) })),
      fallback: action(menu.fallback),
    })),
    openMenu: ref(draft.openMenu),
    closedMenu: ref(draft.closedMenu),
    holidayMenu: ref(draft.holidayMenu),
  };
}
