import { Type } from 'typebox';
import { IdParams, StrictObject } from '../../../common/api/primitives';
import {
  DefaultMusic,
  MUSIC_MAX_BYTES,
  MUSIC_NAME_MAX,
  MusicFile,
  RenameMusic,
} from '../../../common/api/music';
import { MP3_TYPES, WAV_TYPES } from '../../../common/api/voicemail';
import { OfficeError } from '../../errors';
import {
  addMusic,
  getMusic,
  listMusic,
  removeMusic,
  renameMusic,
  replaceMusicAudio,
  setDefaultMusic,
  type MusicStorage,
} from '../../music/music-library';
import { adminOf } from '../auth';
import type { RouteErrors } from '../openapi';
import { NO_CONTENT, fileReply, replies, type Api } from '../types';

const AUDIO_TYPES = [...WAV_TYPES, ...MP3_TYPES];
const UPLOAD_SUMMARY = 'a PCM WAV (8, 16 or 24-bit, mono or stereo) or an MP3, at most 20 MB and 10 minutes';
const UPLOAD_ERRORS: RouteErrors = {
  400: ['bad_request'],
  413: ['payload_too_large'],
  415: ['unsupported_media_type'],
};
/** RFC 5023 §9.7: the name a client proposes for the media it posts, percent-encoded UTF-8. */
const SlugHeaders = Type.Object({ slug: Type.Optional(Type.String({ maxLength: 1000 })) });

/** The music's name from the Slug header: decoded, trimmed, as long as a name may be. */
function nameOf(slug: string | undefined): string {
  let name: string;
  try {
    name = decodeURIComponent(slug ?? '').trim();
  } catch {
    throw new OfficeError(
      400,
      'invalid_field',
      'The Slug header is not percent-encoded UTF-8',
      'headers.slug',
    );
  }
  if (!name) throw new OfficeError(400, 'missing_field', 'Name the music in the Slug header', 'headers.slug');
  if (name.length > MUSIC_NAME_MAX)
    throw new OfficeError(
      400,
      'invalid_field',
      `A music name has at most ${MUSIC_NAME_MAX} characters`,
      'headers.slug',
    );
  return name;
}

/** The audio body's media type, refused unless it is WAV or MP3. */
function audioType(contentType: string | undefined, body: unknown): string {
  const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (!AUDIO_TYPES.includes(mediaType) || !Buffer.isBuffer(body))
    throw new OfficeError(415, 'unsupported_media_type', 'Send the music as audio/wav or audio/mpeg');
  return mediaType;
}

/** Music on hold: any admin manages it (it is the company's, nobody's phones). */
export function adminMusicRoutes(app: Api, storage: MusicStorage): void {
  void app.register(async (scope: Api) => {
    // Only these routes take audio bodies, and only up to the music's limit.
    scope.addContentTypeParser(
      AUDIO_TYPES,
      { parseAs: 'buffer', bodyLimit: MUSIC_MAX_BYTES },
      (_r, body, done) => done(null, body),
    );
    const tags = ['admin'];
    const now = () => storage.clock();

    scope.get(
      '/admin/music',
      {
        schema: {
          tags,
          operationId: 'listMusic',
          summary: 'List the music-on-hold files',
          response: replies({ 200: StrictObject({ items: Type.Array(MusicFile) }) }),
        },
      },
      async () => ({ items: await listMusic(storage.db) }),
    );

    scope.post(
      '/admin/music',
      {
        bodyLimit: MUSIC_MAX_BYTES,
        schema: {
          tags,
          operationId: 'uploadMusic',
          summary: `Upload music on hold, named by its Slug header (RFC 5023): ${UPLOAD_SUMMARY}`,
          consumes: AUDIO_TYPES,
          headers: SlugHeaders,
          response: replies({ 201: MusicFile }),
          errors: { ...UPLOAD_ERRORS, 409: ['conflict'] },
        },
      },
      async (request, reply) => {
        const mediaType = audioType(request.headers['content-type'], request.body);
        const music = await addMusic(
          storage,
          adminOf(request),
          nameOf(request.headers.slug),
          request.body as Buffer,
          mediaType,
        );
        return reply.status(201).send(music);
      },
    );

    scope.get(
      '/admin/music/:id',
      {
        schema: {
          tags,
          operationId: 'getMusic',
          summary: 'A music-on-hold file',
          params: IdParams,
          response: replies({ 200: MusicFile }),
        },
      },
      async (request) => getMusic(storage.db, request.params.id),
    );

    scope.patch(
      '/admin/music/:id',
      {
        schema: {
          tags,
          operationId: 'renameMusic',
          summary: 'Rename a music-on-hold file',
          params: IdParams,
          body: RenameMusic,
          response: replies({ 200: MusicFile }),
        },
      },
      async (request) => {
        const { id } = request.params;
        await storage.db
          .transaction()
          .execute((trx) => renameMusic(trx, now(), adminOf(request), id, request.body.name));
        return getMusic(storage.db, id);
      },
    );

    scope.delete(
      '/admin/music/:id',
      {
        schema: {
          tags,
          operationId: 'deleteMusic',
          summary: 'Delete a music-on-hold file; refused while the company or a ring group uses it',
          params: IdParams,
          response: replies(NO_CONTENT),
          errors: { 409: ['in_use'] },
        },
      },
      async (request, reply) => {
        const { id } = request.params;
        await storage.db.transaction().execute((trx) => removeMusic(trx, now(), adminOf(request), id));
        await storage.music.remove(id);
        return reply.status(204).send();
      },
    );

    scope.put(
      '/admin/music/:id/audio',
      {
        bodyLimit: MUSIC_MAX_BYTES,
        schema: {
          tags,
          operationId: 'replaceMusicAudio',
          summary: `Replace a music file's audio (a bad file keeps the old): ${UPLOAD_SUMMARY}`,
          consumes: AUDIO_TYPES,
          params: IdParams,
          response: replies({ 200: MusicFile }),
          errors: UPLOAD_ERRORS,
        },
      },
      async (request) => {
        const mediaType = audioType(request.headers['content-type'], request.body);
        const { id } = request.params;
        return replaceMusicAudio(storage, adminOf(request), id, request.body as Buffer, mediaType);
      },
    );

    scope.get(
      '/admin/music/:id/audio',
      {
        schema: {
          tags,
          operationId: 'getMusicAudio',
          summary: 'The music as callers hear it, for a preview (mono 16-bit WAV, 8 kHz)',
          params: IdParams,
          response: replies(fileReply('audio/wav', 'The music')),
        },
      },
      async (request, reply) => {
        await getMusic(storage.db, request.params.id);
        const wav = await storage.music.read(request.params.id);
        return reply.type('audio/wav').header('Cache-Control', 'no-store').send(wav);
      },
    );

    scope.put(
      '/admin/music-default',
      {
        schema: {
          tags,
          operationId: 'setDefaultMusic',
          summary: 'Choose the company’s default music on hold (null: none)',
          body: DefaultMusic,
          response: replies({ 200: DefaultMusic }),
        },
      },
      async (request) => {
        const { musicId } = request.body;
        await storage.db
          .transaction()
          .execute((trx) => setDefaultMusic(trx, now(), adminOf(request), musicId));
        return { musicId };
      },
    );
  });
}
