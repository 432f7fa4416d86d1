import { NumberingPlan, NumberingPlanChange } from '../../../common/api/numbering-plan';
import type { OfficeDb } from '../../db/database';
import type { Clock } from '../../time';
import { readNumberingPlan } from '../../directory/numbering-plan';
import { changeOfficeNumberingPlan } from '../../accounts/numbering-plan-admin';
import { adminOf } from '../auth';
import { replies, type Api } from '../types';

export function adminNumberingPlanRoutes(app: Api, services: { db: OfficeDb; clock: Clock }): void {
  app.get(
    '/admin/numbering-plan',
    {
      schema: {
        tags: ['admin'],
        operationId: 'getNumberingPlan',
        summary:
          'The extension length, the range of each kind of extension, the feature codes, and the extensions outside the plan now',
        response: replies({ 200: NumberingPlan }),
      },
    },
    async () => readNumberingPlan(services.db),
  );

  app.put(
    '/admin/numbering-plan',
    {
      schema: {
        tags: ['admin'],
        operationId: 'changeNumberingPlan',
        summary: 'Change the extension length and the ranges new extensions are taken from',
        description:
          'Ranges must have the plan’s length, run forwards and not overlap (400). A plan that would leave any ' +
          'existing extension outside its kind’s range, or change the length of existing extensions, is ' +
          'refused (409 numbering_conflict) with `error.conflicts`: each extension’s number, kind and owner.',
        body: NumberingPlanChange,
        response: replies({ 200: NumberingPlan }),
        errors: { 409: ['numbering_conflict'] },
      },
    },
    async (request) => changeOfficeNumberingPlan(services, adminOf(request), request.body),
  );
}
