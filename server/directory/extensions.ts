import type { OfficeDb } from '../db/database';
import type { CompanyTable } from '../db/schema';
import { OfficeError } from '../errors';

/** Refuses a requested extension that does not fit the numbering plan or is already used. */
export async function checkFreeExtension(
  db: OfficeDb,
  company: CompanyTable,
  number: string,
  field = 'body.extension',
) {
  if (number.length !== company.extension_length) {
    throw new OfficeError(
      400,
      'extension_invalid',
      `Extensions have ${company.extension_length} digits in this office`,
      field,
    );
  }
  const taken = await db
    .selectFrom('extensions')
    .select('id')
    .where('number', '=', number)
    .executeTakeFirst();
  if (taken) throw new OfficeError(409, 'extension_taken', `Extension ${number} is already in use`, field);
}

/** The lowest free number of the plan, from its first number up. */
export async function nextFreeExtension(db: OfficeDb, company: CompanyTable): Promise<string> {
  const length = company.extension_length;
  const rows = await db.selectFrom('extensions').select('number').execute();
  const used = new Set(rows.map((r) => r.number));
  const last = 10 ** length - 1;
  for (let n = Number(company.first_extension); n <= last; n++) {
    const candidate = String(n).padStart(length, '0');
    if (!used.has(candidate)) return candidate;
  }
  throw new OfficeError(409, 'extension_taken', 'Every extension of the numbering plan is in use');
}
