// The numbering plan: the extension length and one range per kind of extension. Every extension
// the office hands out comes from its kind's range (nextFreeExtension), and one asked for by
// hand must lie in it (checkFreeExtension). Kinds are the route targets' (route-targets.ts), so
// a service that lists its extensions there is held to its range here too.
import {
  EXTENSION_KINDS,
  type ExtensionKind,
  type ExtensionRange,
  type ExtensionRanges,
  type NumberingConflict,
  type NumberingPlan,
  type NumberingPlanChange,
} from '../../common/api/numbering-plan';
import { FEATURE_CODES } from '../../common/api/feature-codes';
import type { OfficeDb } from '../db/database';
import { ConflictListError, OfficeError } from '../errors';
import { isoAt } from '../time';
import { listExtensionTargets } from './route-targets';

/**
 * With n digits: users from 1 to 5 followed by zeros up, then a block each for ring groups (6…),
 * receptionists (7…) and conferences (8…); 9… and 0… are left free (outside lines, operators).
 */
export function defaultRanges(length: number): ExtensionRanges {
  const block = (from: number, to: number): ExtensionRange => ({
    first: String(from).padEnd(length, '0'),
    last: String(to).padEnd(length, '9'),
  });
  return {
    extension: block(1, 5),
    'ring-group': block(6, 6),
    receptionist: block(7, 7),
    conference: block(8, 8),
  };
}

/** The extension length and the ranges in force: saved ones, else the defaults for the length. */
export async function readRanges(db: OfficeDb): Promise<{ length: number; ranges: ExtensionRanges }> {
  const { extension_length: length } = await db
    .selectFrom('company')
    .select('extension_length')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  const ranges = defaultRanges(length);
  const saved = await db.selectFrom('extension_ranges').selectAll().execute();
  for (const row of saved) ranges[row.kind] = { first: row.first_number, last: row.last_number };
  return { length, ranges };
}

/** Numbers of one length compare as text. */
export const inRange = (number: string, range: ExtensionRange) =>
  number >= range.first && number <= range.last;

/** Refuses ranges whose numbers have another length, run backwards, or overlap another kind's. */
function checkRanges(change: NumberingPlanChange): void {
  const { extensionLength: length, ranges } = change;
  for (const kind of EXTENSION_KINDS) {
    const range = ranges[kind];
    const field = `body.ranges.${kind}`;
    for (const end of ['first', 'last'] as const)
      if (range[end].length !== length)
        throw new OfficeError(
          400,
          'invalid_field',
          `Range numbers must have ${length} digits`,
          `${field}.${end}`,
        );
    if (range.first > range.last)
      throw new OfficeError(
        400,
        'invalid_field',
        'A range’s last number cannot come before its first',
        `${field}.last`,
      );
  }
  for (const [index, kind] of EXTENSION_KINDS.entries())
    for (const other of EXTENSION_KINDS.slice(index + 1)) {
      const a = ranges[kind];
      const b = ranges[other];
      if (a.first <= b.last && b.first <= a.last)
        throw new OfficeError(
          400,
          'invalid_field',
          `The ${other} range overlaps the ${kind} range`,
          `body.ranges.${other}`,
        );
    }
}

/** The extensions a plan does not hold: another number of digits, or outside their kind's range. */
export async function conflictsWith(
  db: OfficeDb,
  length: number,
  ranges: ExtensionRanges,
): Promise<NumberingConflict[]> {
  const conflicts: NumberingConflict[] = [];
  for (const target of await listExtensionTargets(db)) {
    const reason =
      target.number.length !== length
        ? 'length'
        : inRange(target.number, ranges[target.kind])
          ? null
          : 'range';
    if (reason) conflicts.push({ number: target.number, kind: target.kind, name: target.name, reason });
  }
  return conflicts;
}

export async function readNumberingPlan(db: OfficeDb): Promise<NumberingPlan> {
  const { length, ranges } = await readRanges(db);
  const { updated_at } = await db
    .selectFrom('company')
    .select('updated_at')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return {
    extensionLength: length,
    ranges,
    featureCodes: [...FEATURE_CODES],
    conflicts: await conflictsWith(db, length, ranges),
    updatedAt: updated_at,
  };
}

/** Most conflicts an error message names; the error's list has them all. */
const NAMED_IN_MESSAGE = 5;

/**
 * Saves the plan, in one transaction with the check that every extension fits it: a plan that
 * would leave any outside (or change the length of those there are) is refused with the list.
 */
export async function changeNumberingPlan(
  database: OfficeDb,
  change: NumberingPlanChange,
  now: number,
): Promise<NumberingPlan> {
  checkRanges(change);
  return database.transaction().execute(async (db) => {
    const conflicts = await conflictsWith(db, change.extensionLength, change.ranges);
    if (conflicts.length > 0) {
      const named = conflicts
        .slice(0, NAMED_IN_MESSAGE)
        .map((conflict) => `${conflict.number} (${conflict.name})`)
        .join(', ');
      const more =
        conflicts.length > NAMED_IN_MESSAGE ? ` and ${conflicts.length - NAMED_IN_MESSAGE} more` : '';
      throw new ConflictListError(
        'numbering_conflict',
        `These extensions would fall outside the numbering plan: ${named}${more}`,
        conflicts,
      );
    }
    await db
      .updateTable('company')
      .set({ extension_length: change.extensionLength, updated_at: isoAt(now) })
      .where('id', '=', 1)
      .execute();
    await db.deleteFrom('extension_ranges').execute();
    await db
      .insertInto('extension_ranges')
      .values(
        EXTENSION_KINDS.map((kind) => ({
          kind,
          first_number: change.ranges[kind].first,
          last_number: change.ranges[kind].last,
        })),
      )
      .execute();
    return readNumberingPlan(db);
  });
}

/** The kind's range in force, and the extension length. */
export async function rangeOf(
  db: OfficeDb,
  kind: ExtensionKind,
): Promise<{ length: number; range: ExtensionRange }> {
  const { length, ranges } = await readRanges(db);
  return { length, range: ranges[kind] };
}
