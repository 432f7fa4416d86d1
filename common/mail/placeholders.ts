// The placeholders of the office's mail templates and how they are filled: the office fills
// them to send a mail, the admin console fills them with examples to preview a template.
import type { EmailTemplateKind } from '../api/directory';

export type Placeholder =
  | 'name'
  | 'email'
  | 'extension'
  | 'temporaryPassword'
  | 'portalUrl'
  | 'companyName'
  | 'code'
  | 'link'
  | 'minutes'
  | 'caller'
  | 'seconds'
  | 'receivedAt';

/** The placeholders a template may use; unknown ones are left as typed so admins see them. */
export type TemplateValues = Partial<Record<Placeholder, string>>;

/** What the office fills in each kind of mail (server/accounts: user-admin.ts, recovery.ts). */
export const PLACEHOLDERS_BY_KIND: Record<EmailTemplateKind, readonly Placeholder[]> = {
  welcome: ['name', 'email', 'extension', 'temporaryPassword', 'portalUrl', 'companyName'],
  'password-reset': ['name', 'email', 'extension', 'temporaryPassword', 'portalUrl', 'companyName'],
  'password-recovery': ['name', 'email', 'code', 'link', 'minutes', 'portalUrl', 'companyName'],
};

/** Fills a template's placeholders, or a built-in notice's (which has placeholders of its own). */
export function renderTemplate(text: string, values: Partial<Record<string, string>>): string {
  return text.replace(/\{\{\s*([A-Za-z]+)\s*\}\}/g, (whole, key: string) =>
    Object.hasOwn(values, key) ? (values[key] ?? whole) : whole,
  );
}
