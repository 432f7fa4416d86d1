// The player's recording through main: PortalClient fetches `/me/voicemail/:id/audio` from a real
// office and hands over the bytes, refusing what is not audio or is larger than the cap.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_VOICEMAIL_AUDIO_BYTES } from '../../common/ipc/domains/voicemail';
import { CredentialVault } from '../../main/services/credential-vault';
import { PortalClient } from '../../main/services/portal-client';
import { readVoicemailAudio } from '../../main/services/voicemail-audio';
import { storeVoicemail } from '../../server/directory/voicemail';
import { TestOffice } from '../support/office';

const AUDIO_ROUTE = { method: 'GET', path: '/me/voicemail/:id/audio' } as const;

describe('voicemail audio for the player', () => {
  let office: TestOffice;
  let owner: { email: string; password: string; extension: string };
  let other: { email: string; password: string; extension: string };

  beforeAll(async () => {
    office = await TestOffice.start('sqlite');
    const admin = await office.adminToken();
    owner = await office.createSignedInUser(admin, 'Vera Owner');
    other = await office.createSignedInUser(admin, 'Otto Other');
  });
  afterAll(() => office?.close());

  const store = (audio: Buffer) =>
    storeVoicemail(office.office.db, office.office.voicemailDir, {
      extension: owner.extension,
      callerNumber: other.extension,
      callerName: 'Otto Other',
      receivedAt: new Date().toISOString(),
      durationSeconds: 3,
      audio,
      audioType: 'audio/ogg',
    });

  /** Signing in without "stay signed in" keeps nothing in the vault, so none is needed. */
  async function signedIn(person: { email: string; password: string }): Promise<PortalClient> {
    const refuse = () => Promise.reject(new Error('no keyring in this test'));
    const client = new PortalClient(
      office.baseUrl,
      new CredentialVault({ name: 'keyring', get: refuse, set: refuse, delete: refuse }),
    );
    await client.signIn({ login: person.email, password: person.password, scope: 'user' });
    return client;
  }

  it('hands over the stored bytes and their type', async () => {
    const audio = Buffer.from(Array.from({ length: 70_000 }, (_, index) => (index * 7) % 256));
    const id = await store(audio);
    const result = await (await signedIn(owner)).call(AUDIO_ROUTE, { id }, readVoicemailAudio);
    expect(result.type).toBe('audio/ogg');
    expect(Buffer.from(result.base64, 'base64').equals(audio)).toBe(true);
  });

  it('refuses a recording over the cap, and another person’s message', async () => {
    const id = await store(Buffer.alloc(MAX_VOICEMAIL_AUDIO_BYTES + 1));
    const client = await signedIn(owner);
    await expect(client.call(AUDIO_ROUTE, { id }, readVoicemailAudio)).rejects.toMatchObject({
      code: 'payload_too_large',
    });
    const small = await store(Buffer.from('OggS'));
    await expect(
      (await signedIn(other)).call(AUDIO_ROUTE, { id: small }, readVoicemailAudio),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
