// What still sends calls to a number: phone numbers routed to it, ring groups overflowing to it,
// users forwarding to it. Deleting a route target that something uses is refused with this
// list, and renumbering one takes its uses along (moveUses). A new kind of thing that can send
// calls somewhere (a receptionist's menu keys, menu-uses.ts) adds its source to USE_SOURCES, and every
// deletion check and renumbering hears of it.
import type { Conflict } from '../../common/api/errors';
import type { OfficeDb } from '../db/database';
import { ConflictListError } from '../errors';
import { findMenuUses, moveMenuUses } from './menu-uses';

/** One kind of user of a number. */
interface UseSource {
  /** Each use of `number`, as a conflict (its kind, its own number, its name). */
  find: (db: OfficeDb, number: string) => Promise<Conflict[]>;
  /** Points the uses of `from` at `to` (the extension was renumbered); none for a source that keeps ids. */
  move?: (db: OfficeDb, from: string, to: string) => Promise<void>;
}

const findPhoneNumbers = async (db: OfficeDb, number: string) =>
  (
    await db
      .selectFrom('phone_numbers')
      .select(['number', 'label'])
      .where('route_target', '=', number)
      .orderBy('number')
      .execute()
  ).map((row) => ({ kind: 'phone-number', number: row.number, name: row.label }));

const findRingGroupOverflows = async (db: OfficeDb, number: string) =>
  (
    await db
      .selectFrom('ring_groups')
      .innerJoin('extensions as own', 'own.id', 'ring_groups.extension_id')
      .innerJoin('extensions as overflow', 'overflow.id', 'ring_groups.overflow_extension_id')
      .select(['own.number', 'ring_groups.name'])
      .where('overflow.number', '=', number)
      .where('ring_groups.overflow_type', '!=', 'voicemail')
      .orderBy('own.number')
      .execute()
  ).map((row) => ({ kind: 'ring-group', number: row.number, name: row.name }));

/** A forwarding that is on: one turned off keeps its target but sends nothing there. */
const findForwardings = async (db: OfficeDb, number: string) =>
  (
    await db
      .selectFrom('preferences')
      .innerJoin('users', 'users.id', 'preferences.user_id')
      .innerJoin('extensions', 'extensions.user_id', 'users.id')
      .select(['extensions.number', 'users.name'])
      .where((eb) =>
        eb.or([
          eb.and([eb('forward_always_enabled', '=', 1), eb('forward_always_target', '=', number)]),
          eb.and([eb('forward_busy_enabled', '=', 1), eb('forward_busy_target', '=', number)]),
          eb.and([eb('forward_no_answer_enabled', '=', 1), eb('forward_no_answer_target', '=', number)]),
        ]),
      )
      .orderBy('extensions.number')
      .execute()
  ).map((row) => ({ kind: 'forwarding', number: row.number, name: row.name }));

const FORWARD_TARGETS = ['forward_always_target', 'forward_busy_target', 'forward_no_answer_target'] as const;

const USE_SOURCES: UseSource[] = [
  {
    find: findPhoneNumbers,
    move: async (db, from, to) => {
      await db
        .updateTable('phone_numbers')
        .set({ route_target: to })
        .where('route_target', '=', from)
        .execute();
    },
  },
  // Overflows name the extension row, which keeps its id through a renumbering.
  { find: findRingGroupOverflows },
  // Menus keep numbers in their plan.
  { find: findMenuUses, move: moveMenuUses },
  {
    find: findForwardings,
    // Rules switched off too: turned on again, they go where they went.
    move: async (db, from, to) => {
      for (const column of FORWARD_TARGETS)
        await db
          .updateTable('preferences')
          .set({ [column]: to })
          .where(column, '=', from)
          .execute();
    },
  },
];

/** Everything that sends calls to `number`, source by source. */
export async function usesOf(db: OfficeDb, number: string): Promise<Conflict[]> {
  return (await Promise.all(USE_SOURCES.map((source) => source.find(db, number)))).flat();
}

/** An extension was renumbered: whatever sent calls to its old number now sends them to the new. */
export async function moveUses(db: OfficeDb, from: string, to: string): Promise<void> {
  for (const source of USE_SOURCES) await source.move?.(db, from, to);
}

const USE_WORDS: Record<string, string> = {
  'phone-number': 'phone number',
  'ring-group': 'ring group',
  forwarding: 'the forwarding of',
  receptionist: 'receptionist',
};

/**
 * Refuses (409 in_use, with the list) to delete `what` while anything still sends calls to its
 * number; `own` leaves out the thing's uses of itself (a receptionist's key to its own menu).
 */
export async function assertNumberUnused(
  db: OfficeDb,
  number: string,
  what: string,
  own?: (use: Conflict) => boolean,
): Promise<void> {
  const uses = (await usesOf(db, number)).filter((use) => !own?.(use));
  if (uses.length === 0) return;
  const named = uses.map((use) => `${USE_WORDS[use.kind] ?? use.kind} ${use.name || use.number}`).join(', ');
  throw new ConflictListError('in_use', `The ${what} is still used by ${named}`, uses);
}
