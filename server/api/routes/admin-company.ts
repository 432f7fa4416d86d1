import { Company, CompanyPatch } from '../../../common/api/company';
import { toCompany } from '../../directory/company';
import { changeCompany, type CompanyAdminServices } from '../../accounts/company-admin';
import { adminOf } from '../auth';
import { replies, type Api } from '../types';

export function adminCompanyRoutes(app: Api, services: CompanyAdminServices): void {
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
        summary:
          'Change company details, security settings, the numbering plan, language or time zone (provisioned desk phones are told to fetch their configuration again)',
        description: 'The security settings bind every account: only a super admin changes them.',
        body: CompanyPatch,
        response: replies({ 200: Company }),
      },
    },
    async (request) => changeCompany(services, adminOf(request), request.body),
  );
}
