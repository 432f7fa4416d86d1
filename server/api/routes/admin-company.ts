import { Company, CompanyPatch } from '../../../common/api/company';
import type { OfficeServices } from '../../office-services';
import { writeAudit } from '../../directory/audit';
import { toCompany } from '../../directory/company';
import { findMainNumber } from '../../directory/phone-numbers';
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
    async () => toCompany(await services.company.get(), await findMainNumber(services.db)),
  );

  app.patch(
    '/admin/company',
    {
      schema: {
        tags: ['admin'],
        operationId: 'updateCompany',
        summary: 'Change company details, security settings, the numbering plan or the main number',
        description:
          'The security settings bind every account: only a super admin changes them. The main number, one ' +
          'of the office’s phone numbers, signs in the super admin: only a super admin chooses it.',
        body: CompanyPatch,
        response: replies({ 200: Company }),
        errors: { 409: ['conflict'] },
      },
    },
    async (request) => {
      const actor = adminOf(request);
      if (request.body.security !== undefined)
        assertMayChangeSecurity(actor, 'the security settings', 'body.security');
      // The main number signs in the super admin: it is theirs to choose.
      if (request.body.mainNumber !== undefined)
        assertMayChangeSecurity(actor, 'the main number', 'body.mainNumber');
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
      return toCompany(updated, await findMainNumber(services.db));
    },
  );
}
