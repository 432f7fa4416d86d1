// The virtual receptionists: CRUD, a menu's uploaded greeting, and what a call arriving at a
// given moment meets. Saving a receptionist speaks its menus' greeting texts once (espeak-ng),
// so no call ever waits for speech.
import {
  CreateReceptionist,
  Receptionist,
  ReceptionistMenuParams,
  ReceptionistNow,
  ReceptionistNowQuery,
  UpdateReceptionist,
} from '../../../common/api/receptionists';
import { IdParams } from '../../../common/api/primitives';
import { GREETING_MAX_BYTES } from '../../../common/api/voicemail';
import {
  getReceptionist,
  insertReceptionist,
  listReceptionists,
  patchReceptionist,
  removeReceptionist,
  setMenuGreetingFile,
  directoryColleagues,
} from '../../directory/receptionists';
import { PHRASE_NAMES, colleagueText, phraseText } from '../../receptionist/phrases';
import { readCompany } from '../../directory/company';
import { writeAudit } from '../../directory/audit';
import { assertMayManageExtension, type AdminActor } from '../../accounts/authority';
import type { OfficeDb } from '../../db/database';
import { mailLanguage } from '../../mail/language';
import { checkedGreeting } from '../../voicemail/greeting';
import { menuAt } from '../../receptionist/schedule';
import { readWav } from '../../media/wav';
import { Speech } from '../../receptionist/speech';
import { OfficeError } from '../../errors';
import type { OfficeServices } from '../../office-services';
import { crudRoutes, type CrudServices } from '../crud';
import { adminOf } from '../auth';
import { GREETING_TYPES, acceptGreetings, uploadedGreeting } from '../greeting-upload';
import { NO_CONTENT, replies, type Api } from '../types';

/** Keys that ring or take messages for an extension: an admin may not point them at an administrator's. */
async function assertMayAnswerWith(
  db: OfficeDb,
  actor: AdminActor,
  body: { menus?: CreateReceptionist['menus'] },
): Promise<void> {
  for (const [i, menu] of (body.menus ?? []).entries())
    for (const action of [...menu.options.map((option) => option.action), menu.fallback])
      if (action.type === 'extension' || action.type === 'voicemail')
        await assertMayManageExtension(db, actor, action.number, `body.menus.${i}`);
}

/** A receptionist whose keys ring or take messages for an administrator's extension. */
async function assertMayManageReceptionist(db: OfficeDb, actor: AdminActor, id: string): Promise<void> {
  if (actor.role === 'superadmin') return;
  await assertMayAnswerWith(db, actor, await getReceptionist(db, id));
}

export function adminReceptionistRoutes(
  app: Api,
  services: CrudServices & Pick<OfficeServices, 'voicemailFiles' | 'logger'>,
): void {
  const speech = new Speech(services.voicemailFiles);
  /**
   * Everything the receptionist says, spoken now in the company's language (menus, its own
   * phrases, each colleague's name for dial by name): calls then only read files.
   */
  const speakAll = async (receptionist: Receptionist) => {
    const language = await mailLanguage(services.db, null);
    const colleagues = await directoryColleagues(services.db);
    const texts = [
      ...receptionist.menus.map((menu) => menu.greeting.text),
      ...PHRASE_NAMES.map((name) => phraseText(language, name)),
      ...colleagues.map((colleague) => colleagueText(language, colleague.name, colleague.extension)),
    ];
    await Promise.all(texts.map((text) => speech.spoken(language, text)));
  };

  crudRoutes(app, services, {
    path: '/admin/receptionists',
    noun: 'receptionist',
    item: Receptionist,
    create: CreateReceptionist,
    update: UpdateReceptionist,
    conflict: {
      code: 'extension_taken',
      message: 'That extension is already in use',
      field: 'body.extension',
    },
    refusals: { update: { 400: ['invalid_field'] }, remove: { 409: ['in_use'] } },
    list: listReceptionists,
    get: getReceptionist,
    insert: insertReceptionist,
    patch: patchReceptionist,
    remove: async (db, id) => {
      const files = await removeReceptionist(db, id);
      return () => services.voicemailFiles.removeLeftovers(files, services.logger);
    },
    authority: {
      insert: assertMayAnswerWith,
      patch: async (db, actor, id, body) => {
        await assertMayManageReceptionist(db, actor, id);
        await assertMayAnswerWith(db, actor, body);
      },
      remove: assertMayManageReceptionist,
    },
    afterWrite: async ({ action, item }) => {
      if (action === 'deleted') return;
      // The receptionist is saved either way: what could not be spoken now is spoken by its first call.
      await speakAll(item).catch((error: unknown) =>
        services.logger.warn(
          { receptionistId: item.id, error: String(error) },
          'receptionist’s greetings not spoken',
        ),
      );
    },
  });

  void app.register(async (scope: Api) => {
    acceptGreetings(scope);
    scope.put(
      '/admin/receptionists/:id/menus/:menuId/greeting',
      {
        bodyLimit: GREETING_MAX_BYTES,
        schema: {
          tags: ['admin'],
          operationId: 'putReceptionistMenuGreeting',
          summary:
            'Upload the greeting of a receptionist’s menu: a PCM WAV or an MP3, at most 5 MB and 2 minutes (the menu then plays it instead of its text)',
          params: ReceptionistMenuParams,
          consumes: GREETING_TYPES,
          response: replies(NO_CONTENT),
          errors: { 400: ['bad_request'], 404: ['not_found'], 413: ['payload_too_large'] },
        },
      },
      async (request, reply) => {
        const { id, menuId } = request.params as { id: string; menuId: string };
        const actor = adminOf(request);
        await assertMayManageReceptionist(services.db, actor, id);
        const { file: upload, mediaType } = uploadedGreeting(request);
        const receptionist = await getReceptionist(services.db, id);
        if (!receptionist.menus.some((menu) => menu.id === menuId))
          throw new OfficeError(404, 'not_found', 'Menu not found');
        const wav = await checkedGreeting(upload, mediaType);
        const { samples, sampleRate } = readWav(wav);
        const file = `greetings/receptionist-${id}-${menuId}.wav`;
        // Written whole over the old file (renamed into place): a failure keeps the old greeting.
        await services.voicemailFiles.write(file, wav);
        await services.db.transaction().execute(async (trx) => {
          const now = services.clock();
          await setMenuGreetingFile(trx, id, menuId, file, Math.round((samples.length / sampleRate) * 1000));
          await writeAudit(
            trx,
            now,
            actor,
            'receptionist.greeting-uploaded',
            { type: 'receptionist', id },
            { menuId },
          );
        });
        return reply.status(204).send();
      },
    );
  });

  app.get(
    '/admin/receptionists/:id/now',
    {
      schema: {
        tags: ['admin'],
        operationId: 'getReceptionistNow',
        summary:
          'What a call arriving now (or at `at`) meets: open, closed or holiday, and the menu that answers',
        params: IdParams,
        querystring: ReceptionistNowQuery,
        response: replies({ 200: ReceptionistNow }),
      },
    },
    async (request) => {
      const receptionist = await getReceptionist(services.db, request.params.id);
      const at = request.query.at ? Date.parse(request.query.at) : services.clock();
      if (Number.isNaN(at)) throw new OfficeError(400, 'invalid_field', 'Not a time', 'querystring.at');
      const company = await readCompany(services.db);
      return menuAt(receptionist, company.time_zone, at);
    },
  );
}
