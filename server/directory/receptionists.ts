// Virtual receptionists. Like a ring group, a receptionist owns an extension row with no user
// (its number, the name its calls show); deleting it deletes that row, and the database cascades
// to the receptionist and its greetings' rows. The plan (hours, holidays, menus) is one JSON
// document, checked here against the office as it is: every menu a key names exists, no menu
// leads back to itself, and every number a key rings is what the key says it is.
import { randomUUID } from 'node:crypto';
import type {
  CreateReceptionist,
  Menu,
  MenuAction,
  Receptionist,
  UpdateReceptionist,
} from '../../common/api/receptionists';
import { WEEKDAYS, officeNumberOf } from '../../common/api/receptionists';
import type { RouteType } from '../../common/api/directory';
import type { CallerHears } from '../../common/api/music';
import type { OfficeDb } from '../db/database';
import { OfficeError, notFound } from '../errors';
import { checkedMusic } from '../music/music-library';
import { isoAt } from '../time';
import { readDialled } from '../sip/trunks/dial-plan';
import { readCompany } from './company';
import { checkFreeExtension, insertExtension, nextFreeExtension, updateExtension } from './extensions';
import { assertNumberUnused } from './number-uses';
import { findRouteTarget } from './route-targets';
import { findVoicemailBox } from './voicemail-boxes';

/** What the plan column holds: everything of the API's receptionist but its identity. */
export type ReceptionistPlan = Pick<
  Receptionist,
  'hours' | 'holidays' | 'menus' | 'openMenu' | 'closedMenu' | 'holidayMenu'
>;

/** Menus a caller can go down through from the top one, at most (the top one counts). */
export const MAX_MENU_DEPTH = 5;

const invalid = (message: string, field: string) => new OfficeError(400, 'invalid_field', message, field);

function receptionistsQuery(db: OfficeDb) {
  return db
    .selectFrom('receptionists')
    .innerJoin('extensions', 'extensions.id', 'receptionists.extension_id')
    .selectAll('receptionists')
    .select('extensions.number as extension');
}

async function toReceptionists(
  db: OfficeDb,
  rows: {
    id: string;
    name: string;
    extension: string;
    plan: string;
    music_id: string | null;
    caller_hears: CallerHears;
    created_at: string;
  }[],
): Promise<Receptionist[]> {
  const greetings =
    rows.length === 0
      ? []
      : await db
          .selectFrom('receptionist_greetings')
          .select(['receptionist_id', 'menu_id', 'duration_ms'])
          .where(
            'receptionist_id',
            'in',
            rows.map((row) => row.id),
          )
          .orderBy('menu_id')
          .execute();
  return rows.map((row) => {
    const plan = JSON.parse(row.plan) as ReceptionistPlan;
    const menus = new Set(plan.menus.map((menu) => menu.id));
    const own = greetings.filter((g) => g.receptionist_id === row.id && menus.has(g.menu_id));
    return {
      id: row.id,
      name: row.name,
      extension: row.extension,
      ...plan,
      musicId: row.music_id,
      callerHears: row.caller_hears,
      uploadedGreetings: own.map((g) => g.menu_id),
      greetingLengths: own.flatMap((g) =>
        g.duration_ms === null ? [] : [{ menu: g.menu_id, seconds: g.duration_ms / 1000 }],
      ),
      createdAt: row.created_at,
    };
  });
}

export async function listReceptionists(db: OfficeDb): Promise<Receptionist[]> {
  return toReceptionists(db, await receptionistsQuery(db).orderBy('extensions.number').execute());
}

export async function getReceptionist(db: OfficeDb, id: string): Promise<Receptionist> {
  const row = await receptionistsQuery(db).where('receptionists.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Receptionist');
  return (await toReceptionists(db, [row]))[0]!;
}

const ROUTE_OF: Partial<Record<MenuAction['type'], RouteType>> = {
  extension: 'extension',
  'ring-group': 'ring-group',
  conference: 'conference',
  receptionist: 'receptionist',
};

/** A key's number is what the key says: a colleague's extension, a group, a box, a bridge. */
/**
 * A key's outside number, read with the company's dial plan and kept in E.164. Emergency numbers
 * are refused (a stranger's key press must not put strangers through to the emergency services
 * in the company's name), and so are premium-rate ones whatever the company allows its people: a
 * caller nobody knows would be calling them at the company's cost, which is toll fraud's way in.
 */
async function checkOutsideAction(db: OfficeDb, action: { number: string }, field: string) {
  const dialled = readDialled(action.number, (await readCompany(db)).country);
  if (!dialled || dialled.kind === 'invalid') throw invalid(`${action.number} is not a phone number`, field);
  if (dialled.kind === 'emergency')
    throw invalid('A receptionist cannot put callers through to an emergency number', field);
  if (dialled.kind === 'premium')
    throw invalid('A receptionist cannot put callers through to a premium-rate number', field);
  action.number = dialled.e164;
}

async function checkAction(db: OfficeDb, action: MenuAction, field: string, ownExtension: string | null) {
  if (action.type === 'outside') return checkOutsideAction(db, action, field);
  if (!('number' in action)) return;
  if (action.type === 'voicemail') {
    if (!(await findVoicemailBox(db, action.number)))
      throw invalid(`Extension ${action.number} has no voicemail box`, field);
    return;
  }
  if (action.type === 'receptionist' && action.number === ownExtension)
    throw invalid('A receptionist cannot send callers to itself', field);
  const kind = ROUTE_OF[action.type]!;
  if (!(await findRouteTarget(db, kind, action.number)))
    throw invalid(`There is no ${kind.replace('-', ' ')} ${action.number}`, field);
}

/** The menus a menu's keys and fallback open. */
const submenusOf = (menu: Menu) =>
  [...menu.options.map((option) => option.action), menu.fallback].flatMap((action) =>
    action.type === 'menu' ? [action.menu] : [],
  );

/** Refuses a plan that names menus it lacks, leads a caller round in circles or too deep. */
function checkMenus(plan: ReceptionistPlan): void {
  const byId = new Map<string, Menu>();
  plan.menus.forEach((menu, i) => {
    if (byId.has(menu.id)) throw invalid(`Two menus are called ${menu.id}`, `body.menus.${i}.id`);
    byId.set(menu.id, menu);
    const keys = new Set<string>();
    menu.options.forEach((option, j) => {
      if (keys.has(option.key))
        throw invalid(
          `Key ${option.key} is used twice in menu ${menu.id}`,
          `body.menus.${i}.options.${j}.key`,
        );
      keys.add(option.key);
    });
    if (menu.fallback.type === 'repeat')
      throw invalid(
        'A fallback cannot repeat the menu (the caller would never leave)',
        `body.menus.${i}.fallback`,
      );
  });
  for (const field of ['openMenu', 'closedMenu', 'holidayMenu'] as const)
    if (!byId.has(plan[field])) throw invalid(`There is no menu ${plan[field]}`, `body.${field}`);
  plan.menus.forEach((menu, i) => {
    for (const id of submenusOf(menu))
      if (!byId.has(id))
        throw invalid(`Menu ${menu.id} opens a menu ${id} that does not exist`, `body.menus.${i}`);
  });
  // Depth-first from each menu: a menu met again on its own path is a cycle.
  const walk = (id: string, path: string[]): void => {
    if (path.includes(id))
      throw invalid(`Menus lead round in a circle: ${[...path, id].join(' → ')}`, 'body.menus');
    if (path.length >= MAX_MENU_DEPTH)
      throw invalid(
        `Menus nest more than ${MAX_MENU_DEPTH} deep: ${[...path, id].join(' → ')}`,
        'body.menus',
      );
    for (const next of submenusOf(byId.get(id)!)) walk(next, [...path, id]);
  };
  for (const menu of plan.menus) walk(menu.id, []);
}

function checkCalendar(plan: ReceptionistPlan): void {
  for (const day of WEEKDAYS)
    plan.hours[day].forEach((span, i) => {
      if (span.from >= span.to)
        throw invalid(`Opening at ${span.from} must end after it starts`, `body.hours.${day}.${i}`);
    });
  plan.holidays.forEach((holiday, i) => {
    if (holiday.to && holiday.to < holiday.from)
      throw invalid(`Holiday ${holiday.name} ends before it starts`, `body.holidays.${i}.to`);
  });
}

/** The whole plan against the schema's rules beyond shape, and against the office's numbers (outside ones rewritten in E.164). */
export async function checkPlan(
  db: OfficeDb,
  plan: ReceptionistPlan,
  ownExtension: string | null,
): Promise<void> {
  checkCalendar(plan);
  checkMenus(plan);
  for (const [i, menu] of plan.menus.entries()) {
    for (const [j, option] of menu.options.entries())
      await checkAction(db, option.action, `body.menus.${i}.options.${j}.action`, ownExtension);
    await checkAction(db, menu.fallback, `body.menus.${i}.fallback`, ownExtension);
  }
}

const planOf = (body: ReceptionistPlan): ReceptionistPlan => ({
  hours: body.hours,
  holidays: body.holidays,
  menus: body.menus,
  openMenu: body.openMenu,
  closedMenu: body.closedMenu,
  holidayMenu: body.holidayMenu,
});

export async function insertReceptionist(
  db: OfficeDb,
  body: CreateReceptionist,
  now: number,
): Promise<string> {
  if (body.extension) await checkFreeExtension(db, 'receptionist', body.extension);
  const number = body.extension ?? (await nextFreeExtension(db, 'receptionist'));
  const plan = planOf(body);
  await checkPlan(db, plan, number);
  const extensionId = randomUUID();
  await insertExtension(db, { id: extensionId, number, callerIdName: body.name, userId: null }, now);
  const id = randomUUID();
  await db
    .insertInto('receptionists')
    .values({
      id,
      extension_id: extensionId,
      name: body.name,
      plan: JSON.stringify(plan),
      music_id: await checkedMusic(db, body.musicId ?? null),
      caller_hears: body.callerHears ?? 'ringing',
      created_at: isoAt(now),
    })
    .execute();
  return id;
}

/**
 * Changes what the body names. A menu that is gone keeps its uploaded greeting's file until the
 * receptionist is deleted (it is no longer listed, and a menu of the same id gets it back).
 */
export async function patchReceptionist(db: OfficeDb, id: string, body: UpdateReceptionist): Promise<void> {
  const current = await getReceptionist(db, id);
  const row = await db
    .selectFrom('receptionists')
    .select('extension_id')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const extension = body.extension ?? current.extension;
  if (extension !== current.extension) await checkFreeExtension(db, 'receptionist', extension);
  const plan = planOf({ ...current, ...body });
  await checkPlan(db, plan, extension);
  if (body.extension !== undefined || body.name !== undefined)
    await updateExtension(db, row.extension_id, { number: body.extension, callerIdName: body.name });
  await db
    .updateTable('receptionists')
    .set({
      name: body.name ?? current.name,
      plan: JSON.stringify(plan),
      ...(body.musicId !== undefined && { music_id: await checkedMusic(db, body.musicId) }),
      ...(body.callerHears !== undefined && { caller_hears: body.callerHears }),
    })
    .where('id', '=', id)
    .execute();
}

/** The names of receptionists with a key or fallback that sends callers to `number` (but `exceptId`). */
export async function receptionistsSendingTo(db: OfficeDb, number: string, exceptId: string | null = null) {
  return (await listReceptionists(db))
    .filter(
      (receptionist) =>
        receptionist.id !== exceptId &&
        receptionist.menus.some((menu) =>
          [...menu.options.map((option) => option.action), menu.fallback].some(
            (action) => officeNumberOf(action) === number,
          ),
        ),
    )
    .map((receptionist) => receptionist.name);
}

/** The extension row of the receptionist answering `number`, if one does. */
export async function receptionistExtensionId(db: OfficeDb, number: string): Promise<string | undefined> {
  const row = await receptionistsQuery(db).where('extensions.number', '=', number).executeTakeFirst();
  return row?.extension_id;
}

/** Refused while something still sends calls to it. Answers its greeting files, to remove once committed. */
export async function removeReceptionist(db: OfficeDb, id: string): Promise<string[]> {
  const receptionist = await getReceptionist(db, id);
  await assertNumberUnused(
    db,
    receptionist.extension,
    'receptionist',
    (use) => use.kind === 'receptionist' && use.number === receptionist.extension,
  );
  const files = await db
    .selectFrom('receptionist_greetings')
    .select('file')
    .where('receptionist_id', '=', id)
    .execute();
  const row = await db
    .selectFrom('receptionists')
    .select('extension_id')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  await db.deleteFrom('extensions').where('id', '=', row.extension_id).execute();
  return files.map((file) => file.file);
}

/** Records the uploaded greeting of one of the receptionist's menus, and how long it plays; 404 for a menu it lacks. */
export async function setMenuGreetingFile(
  db: OfficeDb,
  id: string,
  menuId: string,
  file: string,
  durationMs: number,
): Promise<void> {
  const receptionist = await getReceptionist(db, id);
  if (!receptionist.menus.some((menu) => menu.id === menuId)) throw notFound('Menu');
  await db
    .deleteFrom('receptionist_greetings')
    .where('receptionist_id', '=', id)
    .where('menu_id', '=', menuId)
    .execute();
  await db
    .insertInto('receptionist_greetings')
    .values({ receptionist_id: id, menu_id: menuId, file, duration_ms: durationMs })
    .execute();
}

/** What call control needs to answer the receptionist's extension. */
export interface ReceptionistCallPlan {
  id: string;
  name: string;
  extension: string;
  plan: ReceptionistPlan;
  callerHears: CallerHears;
  /** Menu id → its uploaded greeting's file. */
  uploaded: Map<string, string>;
}

/** The receptionist behind a dialled extension, or null when it is not one's. */
export async function findReceptionistPlan(
  db: OfficeDb,
  number: string,
): Promise<ReceptionistCallPlan | null> {
  const row = await receptionistsQuery(db).where('extensions.number', '=', number).executeTakeFirst();
  if (!row) return null;
  const greetings = await db
    .selectFrom('receptionist_greetings')
    .select(['menu_id', 'file'])
    .where('receptionist_id', '=', row.id)
    .execute();
  return {
    id: row.id,
    name: row.name,
    extension: row.extension,
    plan: JSON.parse(row.plan) as ReceptionistPlan,
    callerHears: row.caller_hears,
    uploaded: new Map(greetings.map((g) => [g.menu_id, g.file])),
  };
}

/** Every extension a caller may type at a receptionist: colleagues', groups', receptionists'. */
export async function dialableNumbers(db: OfficeDb): Promise<Set<string>> {
  const rows = await db.selectFrom('extensions').select('number').execute();
  return new Set(rows.map((row) => row.number));
}

/** The colleagues dial by name finds: every user with an extension, by their name. */
export async function directoryColleagues(db: OfficeDb): Promise<{ name: string; extension: string }[]> {
  return db
    .selectFrom('users')
    .innerJoin('extensions', 'extensions.user_id', 'users.id')
    .select(['users.name', 'extensions.number as extension'])
    .orderBy('users.name')
    .execute();
}
