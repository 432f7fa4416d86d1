// Receptionists' menus as users of numbers: a key (or a menu's fallback) that rings an extension, a
// group, a box, a bridge or another receptionist. Read from the plans as stored, so number-uses.ts
// can list them without importing the receptionists' repository (which itself asks number-uses).
import type { Conflict } from '../../common/api/errors';
import { officeNumberOf, type MenuAction } from '../../common/api/receptionists';
import type { OfficeDb } from '../db/database';

interface StoredPlan {
  menus: { options: { action: MenuAction }[]; fallback: MenuAction }[];
}

const actionsOf = (plan: StoredPlan) =>
  plan.menus.flatMap((menu) => [...menu.options.map((option) => option.action), menu.fallback]);

const plans = (db: OfficeDb) =>
  db
    .selectFrom('receptionists')
    .innerJoin('extensions', 'extensions.id', 'receptionists.extension_id')
    .select(['receptionists.id', 'receptionists.name', 'receptionists.plan', 'extensions.number'])
    .orderBy('extensions.number')
    .execute();

/** Each receptionist with a key or fallback that sends callers to `number`. */
export async function findMenuUses(db: OfficeDb, number: string): Promise<Conflict[]> {
  return (await plans(db))
    .filter((row) =>
      actionsOf(JSON.parse(row.plan) as StoredPlan).some((action) => officeNumberOf(action) === number),
    )
    .map((row) => ({ kind: 'receptionist', number: row.number, name: row.name }));
}

/** Keys and fallbacks that sent callers to `from` now send them to `to` (it was renumbered). */
export async function moveMenuUses(db: OfficeDb, from: string, to: string): Promise<void> {
  for (const row of await plans(db)) {
    const plan = JSON.parse(row.plan) as StoredPlan;
    let moved = false;
    for (const action of actionsOf(plan))
      if ('number' in action && officeNumberOf(action) === from) {
        action.number = to;
        moved = true;
      }
    if (moved)
      await db
        .updateTable('receptionists')
        .set({ plan: JSON.stringify(plan) })
        .where('id', '=', row.id)
        .execute();
  }
}
