// The session timer ends a call only after a whole interval without in-dialog traffic.
import { describe, expect, it } from 'vitest';
import { SessionTimer, sessionInterval } from '../../server/sip/calls/session-timer';
import { TimerSet } from '../../server/sip/timers';
import { parseMessage, type SipRequest } from '../../server/sip/message';
import { request } from './support';

const invite = (...extra: string[]) =>
  parseMessage(Buffer.from(request('INVITE', 'UDP', extra))) as SipRequest;

describe('the session timer', () => {
  it('counts the interval again from the last in-dialog traffic', async () => {
    const timers = new TimerSet();
    const started = Date.now();
    let touchedAt = started;
    const expiredAt = await new Promise<number>((resolve) => {
      const timer = new SessionTimer(timers, Date.now, 200, () => resolve(Date.now()));
      // Traffic at 150 ms: the check at 200 ms finds the call alive and waits on.
      setTimeout(() => {
        touchedAt = Date.now();
        timer.touch();
      }, 150);
    });
    expect(expiredAt - touchedAt).toBeGreaterThanOrEqual(195);
    expect(expiredAt - started).toBeGreaterThanOrEqual(345);
  });

  it('reads the interval a caller offers', () => {
    expect(sessionInterval(invite(), 7200)).toEqual({ seconds: 7200, negotiated: false });
    expect(sessionInterval(invite('Session-Expires: 1800', 'Supported: timer'), 7200)).toEqual({
      seconds: 1800,
      negotiated: true,
    });
    expect(sessionInterval(invite('x: 9000;refresher=uas', 'k: 100rel, timer'), 7200)).toEqual({
      seconds: 7200,
      negotiated: true,
    });
    expect(sessionInterval(invite('Session-Expires: 89'), 7200)).toBe('too-small');
    expect(sessionInterval(invite('Session-Expires: soon'), 7200)).toEqual({
      seconds: 7200,
      negotiated: false,
    });
  });
});
