import { Company, CompanyPatch } from '../../../common/api/company';
import { toCompany } from '../../directory/company';
import { findMainNumber } from '../../directory/phone-numbers';
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
        summary: 'Company details, security settings and main number',
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
        summary:
          'Change company details, security settings, language, time zone or main number (provisioned desk phones are told to fetch their configuration again)',
        description:
          'The security settings bind every account: only a super admin changes them. The main number, one ' +
          'of the office’s phone numbers, signs in the super admin: only a super admin chooses it.',
        body: CompanyPatch,
        response: replies({ 200: Company }),
        errors: { 409: ['conflict'] },
      },
    },
    async (request) => changeCompany(services, adminOf(request), request.body),
  );
}
