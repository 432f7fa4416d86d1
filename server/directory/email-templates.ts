// Email templates: one default per kind, which cannot be deleted or unmarked.
import { randomUUID } from 'node:crypto';
import type {
  CreateEmailTemplate,
  EmailTemplate,
  EmailTemplateKind,
  UpdateEmailTemplate,
} from '../../common/api/directory';
import type { OfficeDb } from '../db/database';
import type { EmailTemplateTable } from '../db/schema';
import { OfficeError, notFound } from '../errors';
import { isoAt } from '../time';

const toTemplate = (row: EmailTemplateTable): EmailTemplate => ({
  id: row.id,
  kind: row.kind,
  name: row.name,
  subject: row.subject,
  body: row.body,
  isDefault: row.is_default === 1,
  createdAt: row.created_at,
});

async function findTemplate(db: OfficeDb, id: string) {
  const row = await db.selectFrom('email_templates').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Email template');
  return row;
}

/** Exactly one default per kind: making one the default unmarks the others. */
async function clearDefault(db: OfficeDb, kind: EmailTemplateTable['kind']) {
  await db.updateTable('email_templates').set({ is_default: 0 }).where('kind', '=', kind).execute();
}

const defaultStays = () =>
  new OfficeError(
    409,
    'in_use',
    'Each kind keeps a default template: make another one the default first',
    'body.isDefault',
  );

export async function listEmailTemplates(db: OfficeDb): Promise<EmailTemplate[]> {
  return (await db.selectFrom('email_templates').selectAll().orderBy('kind').orderBy('name').execute()).map(
    toTemplate,
  );
}

export async function getEmailTemplate(db: OfficeDb, id: string): Promise<EmailTemplate> {
  return toTemplate(await findTemplate(db, id));
}

export async function insertEmailTemplate(
  db: OfficeDb,
  body: CreateEmailTemplate,
  now: number,
): Promise<string> {
  if (body.isDefault) await clearDefault(db, body.kind);
  const id = randomUUID();
  await db
    .insertInto('email_templates')
    .values({
      id,
      kind: body.kind,
      name: body.name,
      subject: body.subject,
      body: body.body,
      is_default: body.isDefault ? 1 : 0,
      created_at: isoAt(now),
      updated_at: isoAt(now),
    })
    .execute();
  return id;
}

export async function patchEmailTemplate(
  db: OfficeDb,
  id: string,
  body: UpdateEmailTemplate,
  now: number,
): Promise<void> {
  const current = await findTemplate(db, id);
  if (body.isDefault === false && current.is_default === 1) throw defaultStays();
  if (body.isDefault === true) await clearDefault(db, current.kind);
  await db
    .updateTable('email_templates')
    .set({
      ...(body.name !== undefined && { name: body.name }),
      ...(body.subject !== undefined && { subject: body.subject }),
      ...(body.body !== undefined && { body: body.body }),
      ...(body.isDefault === true && { is_default: 1 }),
      updated_at: isoAt(now),
    })
    .where('id', '=', id)
    .execute();
}

export async function removeEmailTemplate(db: OfficeDb, id: string): Promise<void> {
  if ((await findTemplate(db, id)).is_default === 1) throw defaultStays();
  await db.deleteFrom('email_templates').where('id', '=', id).execute();
}

/** The template of a kind a mail is written from: the chosen one, else the kind's default. */
export async function findTemplateOfKind(
  db: OfficeDb,
  kind: EmailTemplateKind,
  chosenId?: string,
): Promise<EmailTemplateTable | undefined> {
  let query = db.selectFrom('email_templates').selectAll().where('kind', '=', kind);
  query = chosenId ? query.where('id', '=', chosenId) : query.where('is_default', '=', 1);
  return query.executeTakeFirst();
}
