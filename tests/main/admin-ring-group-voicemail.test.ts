// A ring group's shared voicemail box set up from the console through the app's main process and
// a real office: the greeting crosses in parts and is played back as the office keeps it, null
// once back to the standard one; the PIN is set and the box then says it has one.
import { describe, expect, it } from 'vitest';
import { GREETING_PART_BYTES } from '../../common/ipc/domains/voicemail';
import { withSipOfficeAndApp } from '../support/app-services';
import { toneWav, wavParts } from '../support/wav';

describe('a ring group’s voicemail box from the console', () => {
  const started = withSipOfficeAndApp();

  it('uploads the group’s greeting in parts, plays it back, sets the PIN and goes back to the standard greeting', async () => {
    const { office } = started.sipOffice;
    const { app } = started;
    const superAdmin = await office.adminToken();
    const boss = await office.createSignedInUser(superAdmin, 'Bea Boss', { role: 'admin' });
    const member = await office.createSignedInUser(superAdmin, 'Cleo Member');
    const signedIn = await app.router.invoke('auth', 'signIn', {
      login: boss.email,
      password: boss.password,
      scope: 'admin',
    });
    expect(signedIn.ok).toBe(true);
    const created = await app.router.invoke('admin', 'createRingGroup', {
      body: { name: 'Front desk', strategy: 'all', members: [member.extension] },
    });
    expect(created).toMatchObject({ ok: true });
    const id = (created as { value: { id: string } }).value.id;

    expect(await app.router.invoke('admin', 'ringGroupGreeting', { id })).toEqual({ ok: true, value: null });
    // Six seconds at 48 kHz: 576 KB, two parts.
    const wav = toneWav(6, 48_000, 500);
    const parts = wavParts(wav, GREETING_PART_BYTES);
    expect(parts).toHaveLength(2);
    const part = (index: number) => ({ id, ...parts[index]! });
    expect(await app.router.invoke('admin', 'uploadRingGroupGreeting', part(0))).toEqual({
      ok: true,
      value: null,
    });
    expect(await app.router.invoke('admin', 'uploadRingGroupGreeting', part(1))).toEqual({
      ok: true,
      value: null,
    });
    const greeting = await app.router.invoke('admin', 'ringGroupGreeting', { id });
    const played = Buffer.from((greeting as { value: { data: string } }).value.data, 'base64');
    expect(played.toString('latin1', 0, 4)).toBe('RIFF');
    expect(played.readUInt32LE(24)).toBe(48_000);
    expect((played.length - 44) / 2 / 48_000).toBeCloseTo(6, 1);

    expect(await app.router.invoke('admin', 'setRingGroupPin', { id, body: { pin: '1234' } })).toMatchObject({
      ok: false,
      error: { field: 'body.pin' },
    });
    expect(await app.router.invoke('admin', 'setRingGroupPin', { id, body: { pin: '480273' } })).toEqual({
      ok: true,
      value: null,
    });
    expect(await app.router.invoke('admin', 'ringGroupVoicemail', { id })).toEqual({
      ok: true,
      value: { hasPin: true, ownGreeting: true },
    });
    expect(await app.router.invoke('admin', 'deleteRingGroupGreeting', { id })).toEqual({
      ok: true,
      value: null,
    });
    expect(await app.router.invoke('admin', 'ringGroupGreeting', { id })).toEqual({ ok: true, value: null });
  });
});
