// The addresses the office's mail links to: its own pages (server/pages/office-page.ts), under the
// address people reach it at (`--portal-url`), in the language the mail is written in.
import type { Language } from '../../common/i18n/languages';

function pageUrl(portalUrl: string, page: string, query: Record<string, string>): string {
  // A portal under a path (https://example.com/phones) keeps it: the page goes below it.
  const url = new URL(page, portalUrl.endsWith('/') ? portalUrl : `${portalUrl}/`);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url.toString();
}

/** What to do next and where to get the app: where welcome and reset mails lead. */
export const startPageUrl = (portalUrl: string, language: Language) =>
  pageUrl(portalUrl, '', { lang: language });

/** The code, and the app opened on the recovery screen with it: where a recovery mail leads. */
export const recoveryPageUrl = (portalUrl: string, code: string, language: Language) =>
  pageUrl(portalUrl, 'recover', { code, lang: language });
