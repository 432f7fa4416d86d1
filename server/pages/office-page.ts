// The office's own web pages, where every link in its mail leads: the start page (what to do
// next, where to get the app, a switchboard: link that opens it) and the password recovery page
// (the code, and a switchboard: link that opens the app on the recovery screen with it). Plain
// HTML in the reader's language, one inline style allowed by its hash, no script at all.
import { createHash } from 'node:crypto';
import { Value } from 'typebox/value';
import { RecoveryCode } from '../../common/api/auth';
import { translate, type MessageKey } from '../../common/i18n/catalogue';
import type { Language } from '../../common/i18n/languages';

/** What every page says about the office. */
export interface OfficePageContext {
  language: Language;
  companyName: string;
  /** The office's address, as the app's office picker takes it. */
  officeUrl: string;
  /** Where the desktop app is downloaded (`--app-download-url`); null: ask the administrator. */
  downloadUrl: string | null;
}

const STYLE = `
:root { color-scheme: light dark; --text: #1b1f24; --muted: #4b5563; --surface: #ffffff; --page: #f3f4f6;
  --border: #d1d5db; --accent: #1d4ed8; --accent-text: #ffffff; }
@media (prefers-color-scheme: dark) {
  :root { --text: #e5e7eb; --muted: #b6bcc6; --surface: #1f2430; --page: #12151c; --border: #3a4150;
    --accent: #8ab4ff; --accent-text: #0b1020; }
}
* { box-sizing: border-box; }
body { margin: 0; padding: 16px; background: var(--page); color: var(--text);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 640px; margin: 0 auto; padding: 20px; background: var(--surface);
  border: 1px solid var(--border); border-radius: 12px; }
h1 { font-size: 1.5rem; line-height: 1.25; margin: 0 0 8px; }
h2 { font-size: 1.125rem; margin: 24px 0 8px; }
p, li { color: var(--text); overflow-wrap: anywhere; }
.lead { color: var(--muted); margin-top: 0; }
ol { padding-left: 1.4em; }
li + li { margin-top: 8px; }
code { font: 0.95em ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; overflow-wrap: anywhere;
  padding: 2px 6px; border: 1px solid var(--border); border-radius: 6px; }
.code { display: block; font-size: 1.5rem; letter-spacing: 0.08em; padding: 10px 12px; margin: 8px 0 16px;
  text-align: center; }
.button { display: inline-block; padding: 10px 16px; border-radius: 8px; background: var(--accent);
  color: var(--accent-text); font-weight: 600; text-decoration: none; }
.button:focus-visible, a:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
a { color: var(--accent); }
`;

/** The pages' Content-Security-Policy: nothing loads or runs but the one style above. */
export const OFFICE_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

function page(language: Language, title: string, body: string): string {
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escape(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/** The words of `key`, escaped, with the app's own labels the pages quote filled in. */
function words(language: Language, key: MessageKey, values: Record<string, string> = {}): string {
  return escape(
    translate(language, key, {
      forgot: translate(language, 'forgotPassword.link'),
      haveCode: translate(language, 'forgotPassword.haveCode'),
      another: translate(language, 'officePicker.another'),
      ...values,
    }),
  );
}

/** Where to get the app: the download, else the administrator; or the browser host from a copy. */
function getTheApp({ language, officeUrl, downloadUrl }: OfficePageContext): string {
  const download = downloadUrl
    ? `<p><a href="${escape(downloadUrl)}">${words(language, 'officePage.download')}</a></p>`
    : `<p>${words(language, 'officePage.askAdmin')}</p>`;
  return `<h2>${words(language, 'officePage.getTitle')}</h2>
${download}
<p>${words(language, 'officePage.browser')}</p>
<p><code>npm run web -- --server ${escape(officeUrl)}</code></p>`;
}

/** The page at the office's address, where welcome and reset mails lead. */
export function startPage(context: OfficePageContext): string {
  const { language, companyName, officeUrl } = context;
  const company = { companyName };
  return page(
    language,
    translate(language, 'officePage.title', company),
    `<h1>${words(language, 'officePage.title', company)}</h1>
<p class="lead">${words(language, 'officePage.lead', company)}</p>
<p><a class="button" href="switchboard://sign-in">${words(language, 'officePage.openApp')}</a></p>
<h2>${words(language, 'officePage.nextTitle')}</h2>
<ol>
<li>${words(language, 'officePage.stepOpen')}</li>
<li>${words(language, 'officePage.stepOffice')} <code>${escape(officeUrl)}</code></li>
<li>${words(language, 'officePage.stepSignIn')}</li>
</ol>
${getTheApp(context)}
<h2>${words(language, 'officePage.forgotTitle')}</h2>
<p>${words(language, 'officePage.forgot')}</p>`,
  );
}

/** A code as the recovery mail writes it: letters and digits only (anything else is a broken link). */
export const isRecoveryCode = (code: unknown): code is string => Value.Check(RecoveryCode, code);

/** The page a recovery mail's link opens: the code, and the app opened on it. */
export function recoveryPage(context: OfficePageContext, code: string | null, minutes: number): string {
  const { language, companyName } = context;
  const title = translate(language, 'officePage.recoverTitle');
  const body =
    code === null
      ? `<p>${words(language, 'officePage.recoverBroken')}</p>`
      : `<p>${words(language, 'officePage.recoverLead', { companyName })}</p>
<code class="code">${escape(code)}</code>
<p><a class="button" href="switchboard://recover?code=${encodeURIComponent(code)}">${words(language, 'officePage.recoverOpen')}</a></p>
<p>${words(language, 'officePage.recoverSteps')}</p>
<p>${words(language, 'officePage.recoverExpiry', { minutes: String(minutes) })}</p>`;
  return page(language, title, `<h1>${escape(title)}</h1>\n${body}\n${getTheApp(context)}`);
}
