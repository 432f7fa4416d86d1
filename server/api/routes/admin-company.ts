import { Company, CompanyPatch } from '../../../common/api/company';
import type { OfficeServices } from '../../office-services';
import { writeAudit } from '../../directory/audit';
import { toCompany } from '../../directory/company';
import { adminOf } from '../auth';
import { assertMayChangeSecurity } from '../../accounts/authority';
import { replies, type Api } from '../types';

export function adminCompanyRoutes(
  app: Api,
  services: Pick<OfficeServices, 'db' | 'clock' | 'company'>,
): void {
  app.get(
    '/admin/company',
    {
      schema: {
        tags: ['admin'],
        operationId: 'getCompany',
        summary: 'Company details, security settings and numbering plan',
        response: replies({ 200: Company }),
      },
    },
    async () => toCompany(await services.company.get()),
  );

  app.patch(
    '/admin/company',
    {
      schema: {
        tags: ['admin'],
        operationId: 'updateCompany',
        summary: 'Change company details, security settings or the numbering plan',
        description: 'The security settings bind every account: only a super admin changes them.',
        body: CompanyPatch,
        response: replies({ 200: Company }),
      },
    },
    async (request) => {
      const actor = adminOf(request);
      if (request.body.security !== undefined)
        assertMayChangeSecurity(actor, 'the security settings', 'body.security');
      const updated = await services.company.update(request.body);
      await writeAudit(
        services.db,
        services.clock(),
        actor,
        'company.updated',
        { type: 'company', id: null },
        {
          ...request.body,
        },
      );
      return toCompany(updated);
    },
  );
}
