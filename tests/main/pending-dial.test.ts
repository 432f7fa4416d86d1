// A link from outside is put to the person at once when registered, after registration when
// not, never when stale, and never dialled by main itself.
import { describe, expect, it } from 'vitest';
import { LINK_WAIT_MS, PendingDial } from '../../main/links/pending-dial';

function pending() {
  const asked: (string | null)[] = [];
  let now = 1_000_000;
  const links = new PendingDial(
    (target) => asked.push(target),
    () => now,
  );
  return { links, asked, later: (ms: number) => (now += ms) };
}

describe('PendingDial', () => {
  it('asks the person at once while registered, and keeps the question until they answer', () => {
    const { links, asked } = pending();
    links.registrationChanged('registered');
    links.request('101');
    expect(asked).toEqual(['101']);
    expect(links.question).toBe('101');
    links.answered('101');
    expect(asked).toEqual(['101', null]);
    expect(links.question).toBeNull();
    // Answered twice (two pages): the second changes nothing.
    links.answered('101');
    expect(asked).toEqual(['101', null]);
  });

  it('keeps a link that launched the app until the softphone registers, then asks once', () => {
    const { links, asked } = pending();
    links.request('+15550100');
    links.registrationChanged('registering');
    links.registrationChanged('failed');
    expect(asked).toEqual([]);
    links.registrationChanged('registered');
    expect(asked).toEqual(['+15550100']);
    links.registrationChanged('unregistered');
    links.registrationChanged('registered');
    expect(asked).toEqual(['+15550100']);
  });

  it('waits again while the registration is renewed, and asks only about the latest link', () => {
    const { links, asked } = pending();
    links.registrationChanged('registered');
    links.registrationChanged('registering');
    links.request('101');
    links.request('102');
    links.registrationChanged('registered');
    expect(asked).toEqual(['102']);
  });

  it('ignores an answer to a link since replaced by a newer one', () => {
    const { links, asked } = pending();
    links.registrationChanged('registered');
    links.request('101');
    links.request('102');
    links.answered('101');
    expect(links.question).toBe('102');
    expect(asked).toEqual(['101', '102']);
  });

  it('stops asking when the softphone stops, and asks the next person only about a link that waited', () => {
    const { links, asked } = pending();
    links.registrationChanged('registered');
    links.request('101');
    links.softphoneStopping();
    expect(asked).toEqual(['101', null]);
    links.request('102');
    links.registrationChanged('registered');
    expect(asked).toEqual(['101', null, '102']);
  });

  it('drops a link that waited too long', () => {
    const { links, asked, later } = pending();
    links.request('101');
    later(LINK_WAIT_MS + 1);
    links.registrationChanged('registered');
    expect(asked).toEqual([]);
    links.request('103');
    expect(asked).toEqual(['103']);
  });
});
