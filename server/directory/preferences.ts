import type {
  ForwardRule,
  OutboundCalls,
  Preferences,
  PreferencesPatch,
  TemplatePreferences,
} from '../../common/api/preferences';
import type { OfficeDb } from '../db/database';
import type { PreferencesTable } from '../db/schema';
import { OfficeError, notFound } from '../errors';
import { isLanguage, mailLanguageOf } from '../mail/language';

export const DEFAULT_RING_TIMEOUT_SECONDS = 25;

const flag = (value: boolean): 0 | 1 => (value ? 1 : 0);

const RULES = [
  ['forwardAlways', 'forward_always'],
  ['forwardBusy', 'forward_busy'],
  ['forwardNoAnswer', 'forward_no_answer'],
] as const;

/** The forwarding rules of a person's preferences. */
export const FORWARD_RULES = RULES.map(([rule]) => rule);

function ruleColumns(patch: TemplatePreferences): Partial<PreferencesTable> {
  const columns: Partial<PreferencesTable> = {};
  for (const [key, column] of RULES) {
    const rule = patch[key];
    if (!rule) continue;
    if (rule.enabled && !rule.target) {
      throw new OfficeError(
        400,
        'invalid_field',
        'An enabled forwarding rule needs a target',
        `body.${key}.target`,
      );
    }
    columns[`${column}_enabled`] = flag(rule.enabled);
    columns[`${column}_target`] = rule.target;
  }
  return columns;
}

/** The row a new user starts with: defaults, overlaid by their settings template. */
export function initialPreferences(userId: string, template: TemplatePreferences): PreferencesTable {
  return {
    user_id: userId,
    do_not_disturb: 0,
    forward_always_enabled: 0,
    forward_always_target: null,
    forward_busy_enabled: 0,
    forward_busy_target: null,
    forward_no_answer_enabled: 0,
    forward_no_answer_target: null,
    ring_timeout_seconds: DEFAULT_RING_TIMEOUT_SECONDS,
    outbound_calls: template.outboundCalls ?? 'national',
    hide_caller_id: flag(template.hideCallerId ?? false),
    ...(template.doNotDisturb !== undefined && { do_not_disturb: flag(template.doNotDisturb) }),
    ...(template.ringTimeoutSeconds !== undefined && { ring_timeout_seconds: template.ringTimeoutSeconds }),
    ...ruleColumns(template),
  };
}

/** A new user's preferences: defaults, overlaid by their settings template. */
export async function insertInitialPreferences(
  db: OfficeDb,
  userId: string,
  template: TemplatePreferences,
): Promise<void> {
  await db.insertInto('preferences').values(initialPreferences(userId, template)).execute();
}

function rule(enabled: 0 | 1, target: string | null): ForwardRule {
  return { enabled: enabled === 1, target };
}

export async function readPreferences(db: OfficeDb, userId: string): Promise<Preferences> {
  const row = await db
    .selectFrom('preferences')
    .innerJoin('extensions', 'extensions.user_id', 'preferences.user_id')
    .selectAll('preferences')
    .innerJoin('users', 'users.id', 'preferences.user_id')
    .select(['extensions.caller_id_name', 'users.language'])
    .select((eb) => eb.selectFrom('company').select('company.language').limit(1).as('company_language'))
    .where('preferences.user_id', '=', userId)
    .executeTakeFirst();
  if (!row) throw notFound('Preferences');
  return {
    doNotDisturb: row.do_not_disturb === 1,
    forwardAlways: rule(row.forward_always_enabled, row.forward_always_target),
    forwardBusy: rule(row.forward_busy_enabled, row.forward_busy_target),
    forwardNoAnswer: rule(row.forward_no_answer_enabled, row.forward_no_answer_target),
    ringTimeoutSeconds: row.ring_timeout_seconds,
    callerIdName: row.caller_id_name,
    language: isLanguage(row.language) ? row.language : null,
    mailLanguage: mailLanguageOf(row.language, row.company_language ?? null),
    outboundCalls: row.outbound_calls,
    hideCallerId: row.hide_caller_id === 1,
  };
}

export async function updatePreferences(
  db: OfficeDb,
  userId: string,
  patch: PreferencesPatch,
): Promise<Preferences> {
  const own = await db
    .selectFrom('extensions')
    .select('number')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  for (const [key] of RULES) {
    if (own && patch[key]?.target === own.number) {
      throw new OfficeError(
        400,
        'invalid_field',
        'Calls cannot be forwarded to your own extension',
        `body.${key}.target`,
      );
    }
  }
  const columns: Partial<PreferencesTable> = {
    ...(patch.doNotDisturb !== undefined && { do_not_disturb: flag(patch.doNotDisturb) }),
    ...(patch.ringTimeoutSeconds !== undefined && { ring_timeout_seconds: patch.ringTimeoutSeconds }),
    ...(patch.hideCallerId !== undefined && { hide_caller_id: flag(patch.hideCallerId) }),
    ...ruleColumns(patch),
  };
  await db.transaction().execute(async (trx) => {
    if (Object.keys(columns).length > 0) {
      await trx.updateTable('preferences').set(columns).where('user_id', '=', userId).execute();
    }
    if (patch.language !== undefined) {
      await trx.updateTable('users').set({ language: patch.language }).where('id', '=', userId).execute();
    }
    if (patch.callerIdName !== undefined) {
      await trx
        .updateTable('extensions')
        .set({ caller_id_name: patch.callerIdName })
        .where('user_id', '=', userId)
        .execute();
    }
  });
  return readPreferences(db, userId);
}

/** A person's outbound permission as it stands; null for one without preferences (no extension). */
export async function outboundCallsOf(db: OfficeDb, userId: string): Promise<OutboundCalls | null> {
  const row = await db
    .selectFrom('preferences')
    .select('outbound_calls')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.outbound_calls ?? null;
}

/** Where a person may call outside the office, as an admin set it. */
export async function setOutboundCalls(
  db: OfficeDb,
  userId: string,
  outboundCalls: OutboundCalls,
): Promise<void> {
  await db
    .updateTable('preferences')
    .set({ outbound_calls: outboundCalls })
    .where('user_id', '=', userId)
    .execute();
}
