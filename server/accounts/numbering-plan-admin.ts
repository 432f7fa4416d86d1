// An administrator changes the numbering plan: saved with its check (numbering-plan.ts), audited.
import type { NumberingPlan, NumberingPlanChange } from '../../common/api/numbering-plan';
import type { OfficeDb } from '../db/database';
import type { Clock } from '../time';
import { writeAudit } from '../directory/audit';
import { changeNumberingPlan } from '../directory/numbering-plan';
import type { AdminActor } from './authority';

export async function changeOfficeNumberingPlan(
  services: { db: OfficeDb; clock: Clock },
  actor: AdminActor,
  change: NumberingPlanChange,
): Promise<NumberingPlan> {
  const plan = await changeNumberingPlan(services.db, change, services.clock());
  await writeAudit(
    services.db,
    services.clock(),
    actor,
    'numbering-plan.updated',
    { type: 'numbering-plan', id: null },
    { ...change },
  );
  return plan;
}
