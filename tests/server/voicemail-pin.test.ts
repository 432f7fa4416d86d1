import { beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, useTestOffice } from '../support/office';
import { checkVoicemailPin } from '../../server/voicemail/pin';

describe.each(DATABASES)('the voicemail PIN on %s', (database) => {
  const office = useTestOffice(database);
  let admin: string;

  beforeAll(async () => {
    admin = await office.adminToken();
  });

  const setPin = (token: string, pin: unknown) =>
    office.request('PUT', '/me/voicemail/pin', { token, body: { pin } });
  const storedHash = async (userId: string) =>
    (
      await office.office.db
        .selectFrom('voicemail_boxes')
        .innerJoin('extensions', 'extensions.id', 'voicemail_boxes.extension_id')
        .select('voicemail_boxes.pin_hash')
        .where('extensions.user_id', '=', userId)
        .executeTakeFirstOrThrow()
    ).pin_hash;

  it('sets a PIN stored only as a hash, refusing malformed and easy ones and changing nothing', async () => {
    const user = await office.createSignedInUser(admin, 'Pin Setter');
    const before = await storedHash(user.id);
    const refused: [unknown, string][] = [
      ['123', 'invalid_field'],
      ['12345678901', 'invalid_field'],
      ['12a4', 'invalid_field'],
      [4821, 'invalid_field'],
      ['0000', 'invalid_field'],
      ['1234', 'invalid_field'],
      ['98765', 'invalid_field'],
      ['121212', 'invalid_field'],
      [user.extension, 'invalid_field'],
      [`${user.extension}`.split('').reverse().join(''), 'invalid_field'],
    ];
    for (const [pin, code] of refused) {
      const response = await setPin(user.token, pin);
      expect({ pin, status: response.status, code: response.body.error?.code }).toEqual({
        pin,
        status: 400,
        code,
      });
      expect(response.body.error.field).toBe('body.pin');
    }
    expect(await storedHash(user.id)).toBe(before);

    expect((await setPin(user.token, '480273')).status).toBe(204);
    const hash = await storedHash(user.id);
    expect(hash).toMatch(/^scrypt\$/);
    expect(hash).not.toContain('480273');
    const me = await office.request('GET', '/me', { token: user.token });
    expect(JSON.stringify(me.body)).not.toContain('480273');
    expect(await checkVoicemailPin(office.office, user.id, '480273', '192.0.2.1')).toBe('ok');
    expect(await checkVoicemailPin(office.office, user.id, '480274', '192.0.2.1')).toBe('wrong');
  });

  it("locks a box after the company's threshold of wrong PINs, and a new PIN unlocks it", async () => {
    const user = await office.createSignedInUser(admin, 'Pin Guesser Target');
    expect((await setPin(user.token, '5309')).status).toBe(204);
    const threshold = (await office.office.company.get()).lockout_threshold;
    const answers = [];
    for (let i = 0; i < threshold; i++)
      answers.push(await checkVoicemailPin(office.office, user.id, `70${10 + i}`, '198.51.100.7'));
    expect(answers).toEqual(Array(threshold).fill('wrong'));
    // Locked: even the right PIN is not checked, from any address.
    expect(await checkVoicemailPin(office.office, user.id, '5309', '198.51.100.8')).toBe('locked');
    // Another box is not affected.
    const other = await office.createSignedInUser(admin, 'Pin Bystander');
    expect((await setPin(other.token, '8642')).status).toBe(204);
    expect(await checkVoicemailPin(office.office, other.id, '8642', '198.51.100.7')).toBe('ok');

    expect((await setPin(user.token, '7310')).status).toBe(204);
    expect(await checkVoicemailPin(office.office, user.id, '7310', '198.51.100.7')).toBe('ok');
    // The lock's time passes: the old PIN is simply wrong again.
    office.advance(((await office.office.company.get()).lockout_minutes + 1) * 60_000);
    expect(await checkVoicemailPin(office.office, user.id, '5309', '198.51.100.7')).toBe('wrong');
  });

  it('answers wrong for a user without a box', async () => {
    expect(await checkVoicemailPin(office.office, 'no-such-user', '4821', '203.0.113.9')).toBe('wrong');
  });
});
