// The office's web pages, outside the API: `/`, where welcome and reset mails lead, and
// `/recover?code=…`, where a recovery mail leads. HTML in the reader's language under a strict
// CSP; never cached, never passed on as a referrer (a recovery page holds a code).
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { pickLanguage } from '../../../common/i18n/languages';
import { RECOVERY_CODE_MINUTES } from '../../accounts/recovery';
import type { ServerConfig } from '../../config';
import type { CompanySettings } from '../../directory/company-settings';
import { mailLanguageOf } from '../../mail/language';
import {
  isRecoveryCode,
  OFFICE_PAGE_CSP,
  recoveryPage,
  startPage,
  type OfficePageContext,
} from '../../pages/office-page';
import { fileReply, type Api } from '../types';

/** A page's address: `lang` (as the mail writes it) and the recovery code; anything else is ignored. */
const PageQuery = Type.Object({
  lang: Type.Optional(Type.String({ maxLength: 35 })),
  code: Type.Optional(Type.String({ maxLength: 200 })),
});

/** The languages of an Accept-Language header, most wanted first (the first 20). */
function acceptedLanguages(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .slice(0, 20)
    .map((part, order) => {
      const [tag = '', ...parameters] = part.trim().split(';');
      const q = parameters.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag, weight: q === undefined ? 1 : Number(q), order };
    })
    .filter(({ tag, weight }) => tag !== '' && weight > 0)
    .sort((a, b) => b.weight - a.weight || a.order - b.order)
    .map(({ tag }) => tag);
}

export function officePageRoutes(
  app: Api,
  services: { config: Pick<ServerConfig, 'portalUrl' | 'appDownloadUrl'>; company: CompanySettings },
): void {
  /** The mail's language (`lang`), else the browser's, else the company's. */
  const context = async (
    lang: string | undefined,
    acceptLanguage: string | undefined,
  ): Promise<OfficePageContext> => {
    const company = await services.company.get();
    const preferred = [
      ...(lang ? [lang] : []),
      ...acceptedLanguages(acceptLanguage),
      mailLanguageOf(null, company.language),
    ];
    return {
      language: pickLanguage(preferred),
      companyName: company.name,
      officeUrl: services.config.portalUrl,
      downloadUrl: services.config.appDownloadUrl,
    };
  };
  const send = (reply: FastifyReply, html: string) =>
    reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', OFFICE_PAGE_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-store')
      .send(html);

  app.get(
    '/',
    {
      schema: {
        hide: true,
        querystring: PageQuery,
        response: fileReply('text/html', 'What to do next and where to get the app'),
      },
    },
    async (request, reply) =>
      send(reply, startPage(await context(request.query.lang, request.headers['accept-language']))),
  );

  app.get(
    '/recover',
    {
      // Its address holds a recovery code: not written to the request log.
      logLevel: 'warn',
      schema: {
        hide: true,
        querystring: PageQuery,
        response: fileReply('text/html', 'The recovery code, and the app opened on it'),
      },
    },
    async (request, reply) => {
      const { code } = request.query;
      const readable = isRecoveryCode(code) ? code : null;
      const page = await context(request.query.lang, request.headers['accept-language']);
      return send(reply, recoveryPage(page, readable, RECOVERY_CODE_MINUTES));
    },
  );
}
