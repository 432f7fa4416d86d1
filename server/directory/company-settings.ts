import type { CompanyPatch } from '../../common/api/company';
import type { OfficeDb } from '../db/database';
import type { CompanyTable } from '../db/schema';
import type { Clock } from '../time';
import { readCompany, updateCompany } from './company';

/** The company row, read on nearly every request, kept in memory; this process is its only writer. */
export class CompanySettings {
  private cached: CompanyTable | null = null;

  constructor(
    private readonly db: OfficeDb,
    private readonly clock: Clock,
  ) {}

  async get(): Promise<CompanyTable> {
    this.cached ??= await readCompany(this.db);
    return this.cached;
  }

  /** One transaction (updateCompany's): a main number that is refused leaves the one before in place. */
  async update(patch: CompanyPatch): Promise<CompanyTable> {
    this.cached = await updateCompany(this.db, patch, this.clock());
    return this.cached;
  }
}
