// A link dials at once when registered, after registration when not, and never when stale.
import { describe, expect, it } from 'vitest';
import { LINK_WAIT_MS, PendingDial } from '../../main/links/pending-dial';

function pending() {
  const dialled: string[] = [];
  let now = 1_000_000;
  const links = new PendingDial(
    (target) => dialled.push(target),
    () => now,
  );
  return { links, dialled, later: (ms: number) => (now += ms) };
}

describe('PendingDial', () => {
  it('dials at once while registered', () => {
    const { links, dialled } = pending();
    links.registrationChanged('registered');
    links.request('101');
    expect(dialled).toEqual(['101']);
  });

  it('keeps a link that launched the app until the softphone registers, then dials it once', () => {
    const { links, dialled } = pending();
    links.request('+15550100');
    links.registrationChanged('registering');
    links.registrationChanged('failed');
    expect(dialled).toEqual([]);
    links.registrationChanged('registered');
    expect(dialled).toEqual(['+15550100']);
    links.registrationChanged('unregistered');
    links.registrationChanged('registered');
    expect(dialled).toEqual(['+15550100']);
  });

  it('waits again while the registration is renewed, and dials only the latest link', () => {
    const { links, dialled } = pending();
    links.registrationChanged('registered');
    links.registrationChanged('registering');
    links.request('101');
    links.request('102');
    links.registrationChanged('registered');
    expect(dialled).toEqual(['102']);
  });

  it('drops a link that waited too long', () => {
    const { links, dialled, later } = pending();
    links.request('101');
    later(LINK_WAIT_MS + 1);
    links.registrationChanged('registered');
    expect(dialled).toEqual([]);
    links.request('103');
    expect(dialled).toEqual(['103']);
  });
});
