// The virtual receptionist (auto attendant): an extension the office answers itself with a menu
// chosen by the company's clock (open, closed, holiday). Menus are a flat list named by id; a
// key may open another menu, so nesting is by reference and the server refuses cycles.
import { Type, type Static } from 'typebox';
import { ExtensionNumber, Id, Nullable, PATCH_OPTIONS, StrictObject, Timestamp } from './primitives';
import { CallerHears } from './music';

export const ReceptionistName = Type.String({ minLength: 1, maxLength: 80, pattern: '\\S' });
/** A menu's id within its receptionist: what keys and the schedule name it by. */
export const MenuId = Type.String({ minLength: 1, maxLength: 24, pattern: '^[a-z0-9][a-z0-9-]*$' });
export const MenuKey = Type.String({ pattern: '^[0-9*#]$', maxLength: 1 });
/** `HH:MM`, 24-hour, in the company's time zone. */
export const ClockTime = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$', maxLength: 5 });
const CalendarDate = Type.String({
  pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$',
  maxLength: 10,
});

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Open from `from` until `to` (exclusive), the same day. */
export const OpeningSpan = StrictObject({ from: ClockTime, to: ClockTime });
export type OpeningSpan = Static<typeof OpeningSpan>;
const DaySpans = Type.Array(OpeningSpan, { maxItems: 4 });

export const BusinessHours = StrictObject({
  mon: DaySpans,
  tue: DaySpans,
  wed: DaySpans,
  thu: DaySpans,
  fri: DaySpans,
  sat: DaySpans,
  sun: DaySpans,
});
export type BusinessHours = Static<typeof BusinessHours>;

/** A day off, or several (`to` included); the holiday menu answers all day. */
export const Holiday = StrictObject({
  name: Type.String({ minLength: 1, maxLength: 80, pattern: '\\S' }),
  from: CalendarDate,
  to: Type.Optional(CalendarDate),
});
export type Holiday = Static<typeof Holiday>;

const numbered = <K extends string>(type: K) =>
  StrictObject({ type: Type.Literal(type), number: ExtensionNumber });

/** A number outside the office as people write it (national, `+…` or `00…`); stored in E.164. */
export const OutsideNumber = Type.String({ minLength: 2, maxLength: 32, pattern: '^\\+?[0-9][0-9 ().-]*$' });

/** What a key (or the menu's fallback) does. */
export const MenuAction = Type.Union([
  numbered('extension'),
  numbered('ring-group'),
  /** Straight to the extension's voicemail box, without ringing. */
  numbered('voicemail'),
  numbered('conference'),
  /** Another receptionist's extension. */
  numbered('receptionist'),
  StrictObject({ type: Type.Literal('menu'), menu: MenuId }),
  /** Dial by name: the first letters of a colleague's last name on the keypad. */
  StrictObject({ type: Type.Literal('directory') }),
  /** The menu's greeting again. */
  StrictObject({ type: Type.Literal('repeat') }),
  StrictObject({ type: Type.Literal('hang-up') }),
  /** A number outside the office, rung through the trunks as the company's own call. */
  StrictObject({ type: Type.Literal('outside'), number: OutsideNumber }),
]);
export type MenuAction = Static<typeof MenuAction>;
export type NumberedAction = Exclude<Extract<MenuAction, { number: string }>, { type: 'outside' }>;

/** The office's number an action sends callers to; null for none, or for a number outside. */
export const officeNumberOf = (action: MenuAction): string | null =>
  'number' in action && action.type !== 'outside' ? action.number : null;

export const MenuOption = StrictObject({ key: MenuKey, action: MenuAction });
export type MenuOption = Static<typeof MenuOption>;

export const GreetingText = Type.String({ minLength: 1, maxLength: 600, pattern: '\\S' });

/** Spoken by the office in the company's language, or an uploaded recording. */
export const MenuGreeting = Type.Union([
  StrictObject({ kind: Type.Literal('text'), text: GreetingText }),
  /** The file uploaded for this menu (PUT …/menus/{menuId}/greeting); the text is spoken until then. */
  StrictObject({ kind: Type.Literal('upload'), text: GreetingText }),
]);
export type MenuGreeting = Static<typeof MenuGreeting>;

export const MAX_MENUS = 20;
export const TimeoutSeconds = Type.Integer({ minimum: 2, maximum: 60 });

export const Menu = StrictObject({
  id: MenuId,
  greeting: MenuGreeting,
  options: Type.Array(MenuOption, { maxItems: 12 }),
  /** Seconds of silence after the greeting before the fallback. */
  timeoutSeconds: TimeoutSeconds,
  /** After the timeout, or a wrong key twice. */
  fallback: MenuAction,
});
export type Menu = Static<typeof Menu>;

const ReceptionistFields = {
  name: ReceptionistName,
  hours: BusinessHours,
  holidays: Type.Array(Holiday, { maxItems: 100 }),
  menus: Type.Array(Menu, { minItems: 1, maxItems: MAX_MENUS }),
  openMenu: MenuId,
  closedMenu: MenuId,
  holidayMenu: MenuId,
};

export const Receptionist = StrictObject({
  id: Id,
  extension: ExtensionNumber,
  ...ReceptionistFields,
  /** Its own music on hold for the calls it puts through; null for the company's default. */
  musicId: Nullable(Id),
  /** What callers hear while a key's number rings (music: its own, else the company's default). */
  callerHears: CallerHears,
  /** Menus whose uploaded greeting is stored. */
  uploadedGreetings: Type.Array(MenuId, { maxItems: MAX_MENUS }),
  /** How long each uploaded greeting plays (one uploaded before lengths were kept is left out). */
  greetingLengths: Type.Array(StrictObject({ menu: MenuId, seconds: Type.Number({ minimum: 0 }) }), {
    maxItems: MAX_MENUS,
  }),
  createdAt: Timestamp,
});
export type Receptionist = Static<typeof Receptionist>;

export const CreateReceptionist = StrictObject({
  ...ReceptionistFields,
  /** Taken from the numbering plan when left out. */
  extension: Type.Optional(ExtensionNumber),
  musicId: Type.Optional(Nullable(Id)),
  callerHears: Type.Optional(CallerHears),
});
export type CreateReceptionist = Static<typeof CreateReceptionist>;

export const UpdateReceptionist = Type.Partial(CreateReceptionist, PATCH_OPTIONS);
export type UpdateReceptionist = Static<typeof UpdateReceptionist>;

export const ReceptionistMenuParams = StrictObject({ id: Id, menuId: MenuId });

export const ReceptionistNowQuery = StrictObject({ at: Type.Optional(Timestamp) });
export type ReceptionistNowQuery = Static<typeof ReceptionistNowQuery>;

/** What a call arriving at `at` meets: which part of the schedule, and the menu. */
export const ReceptionistNow = StrictObject({
  at: Timestamp,
  timeZone: Type.String({ maxLength: 64 }),
  /** The company's local date and time, `YYYY-MM-DD HH:MM`. */
  localTime: Type.String({ maxLength: 16 }),
  state: Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('holiday')]),
  holiday: Nullable(Type.String({ maxLength: 80 })),
  menu: MenuId,
});
export type ReceptionistNow = Static<typeof ReceptionistNow>;
