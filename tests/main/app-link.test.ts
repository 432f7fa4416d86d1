// switchboard: links from the office's pages, read into the screen the app opens on, or refused.
import { describe, expect, it } from 'vitest';
import { parseAppLink } from '../../main/links/app-link';
import { linkInArgv } from '../../main/links/dial-link';
import { PendingAppLink } from '../../main/links/pending-app-link';

const read = (link: string) => {
  const result = parseAppLink(link);
  return result.ok ? result.link : result.message;
};

describe('parseAppLink', () => {
  it('reads the two links the office’s pages write', () => {
    expect(read('switchboard://sign-in')).toEqual({ screen: 'sign-in' });
    expect(read('switchboard://sign-in/')).toEqual({ screen: 'sign-in' });
    expect(read('switchboard://recover?code=K7Q2M9XW3PLA')).toEqual({
      screen: 'recover',
      code: 'K7Q2M9XW3PLA',
    });
    expect(read('SWITCHBOARD://recover?code=k7q2m9xw3pla')).toEqual({
      screen: 'recover',
      code: 'k7q2m9xw3pla',
    });
  });

  it.each([
    ['another screen', 'switchboard://admin'],
    ['a screen written in capitals', 'switchboard://RECOVER?code=K7Q2M9XW3PLA'],
    ['no code', 'switchboard://recover'],
    ['an empty code', 'switchboard://recover?code='],
    ['a code too short', 'switchboard://recover?code=K7Q'],
    ['a code of other characters', 'switchboard://recover?code=K7Q2%3Cscript%3E'],
    ['two codes', 'switchboard://recover?code=K7Q2M9XW3PLA&code=AAAAAAAAAAAA'],
    ['another parameter', 'switchboard://recover?code=K7Q2M9XW3PLA&office=https://evil.example.com'],
    ['a parameter to sign-in', 'switchboard://sign-in?office=https://evil.example.com'],
    ['a user', 'switchboard://mallory@sign-in'],
    ['a port', 'switchboard://sign-in:8080'],
    ['a path', 'switchboard://recover/../admin?code=K7Q2M9XW3PLA'],
    ['a fragment', 'switchboard://sign-in#token=x'],
    ['another scheme', 'https://sign-in'],
    ['no link at all', 'switchboard:'],
    ['an overlong link', `switchboard://recover?code=${'A'.repeat(600)}`],
  ])('refuses %s', (_, link) => {
    expect(parseAppLink(link)).toMatchObject({ ok: false, refusal: 'malformed' });
  });

  it('finds a switchboard: link on the command line', () => {
    expect(linkInArgv(['/opt/Switchboard/switchboard', '--no-sandbox', 'switchboard://sign-in'])).toBe(
      'switchboard://sign-in',
    );
  });
});

describe('PendingAppLink', () => {
  it('keeps the latest link for the first window that takes it, for ten minutes at most', () => {
    let now = 0;
    let announced = 0;
    const pending = new PendingAppLink(
      () => announced++,
      () => now,
    );
    pending.request({ screen: 'sign-in' });
    pending.request({ screen: 'recover', code: 'K7Q2M9XW3PLA' });
    expect(announced).toBe(2);
    expect(pending.take()).toEqual({ screen: 'recover', code: 'K7Q2M9XW3PLA' });
    expect(pending.take()).toBeNull();
    pending.request({ screen: 'sign-in' });
    now += 10 * 60_000 + 1;
    expect(pending.take()).toBeNull();
  });
});
