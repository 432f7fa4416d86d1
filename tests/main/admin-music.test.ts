// Music on hold through the app's main process and a real office: the console's parts are put
// together in main and posted whole, named by a Slug header (a UTF-8 name survives), and the
// preview channel brings back the office's re-encoded WAV.
import { describe, expect, it } from 'vitest';
import { GREETING_PART_BYTES } from '../../common/ipc/domains/voicemail';
import { withSipOfficeAndApp } from '../support/app-services';
import { toneWav, wavParts } from '../support/wav';

describe('music on hold from the console', () => {
  const started = withSipOfficeAndApp();

  it('uploads a file in parts, lists it, plays it back as 8 kHz WAV, and refuses parts out of order', async () => {
    const { office } = started.sipOffice;
    const { app } = started;
    const ada = await office.createSignedInUser(await office.adminToken(), 'Ada Música', { role: 'admin' });
    const signedIn = await app.router.invoke('auth', 'signIn', {
      login: ada.email,
      password: ada.password,
      scope: 'admin',
    });
    expect(signedIn.ok).toBe(true);

    // Six seconds at 48 kHz: 576 KB, two parts.
    const wav = toneWav(6, 48_000, 500);
    const parts = wavParts(wav, GREETING_PART_BYTES);
    expect(parts).toHaveLength(2);
    const part = (index: number) => ({ name: 'Música suave', ...parts[index]! });
    expect(await app.router.invoke('admin', 'uploadMusic', part(1))).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
    expect(await app.router.invoke('admin', 'uploadMusic', part(0))).toEqual({ ok: true, value: null });
    const uploaded = await app.router.invoke('admin', 'uploadMusic', part(1));
    expect(uploaded).toMatchObject({ ok: true, value: { name: 'Música suave', isDefault: false } });
    const id = (uploaded as { value: { id: string } }).value.id;

    const listed = await app.router.invoke('admin', 'listMusic', {});
    expect(listed).toMatchObject({ ok: true, value: { items: [{ id, name: 'Música suave' }] } });
    const audio = await app.router.invoke('admin', 'musicAudio', { id });
    expect(audio.ok).toBe(true);
    const played = Buffer.from((audio as { value: { data: string } }).value.data, 'base64');
    expect(played.toString('latin1', 0, 4)).toBe('RIFF');
    expect(played.readUInt32LE(24)).toBe(8000);
    expect((played.length - 44) / 2 / 8000).toBeCloseTo(6, 1);

    expect(await app.router.invoke('admin', 'setDefaultMusic', { body: { musicId: id } })).toEqual({
      ok: true,
      value: { musicId: id },
    });
    const refused = await app.router.invoke('admin', 'deleteMusic', { id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'in_use' } });
  });
});
