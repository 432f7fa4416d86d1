// Why a call failed, from the SIP answer; whether the other side's offer holds this call.
import { describe, expect, it } from 'vitest';
import { callFailure } from '../../main/softphone/call-failure';
import { holdsUs } from '../../main/softphone/remote-hold';

describe('callFailure', () => {
  it('reads the status, or the Reason header’s cause when the office gave one', () => {
    expect(callFailure(404)).toBe('not-found');
    expect(callFailure(486)).toBe('busy');
    expect(callFailure(603)).toBe('declined');
    expect(callFailure(503)).toBe('office');
    expect(callFailure(0)).toBe('network');
    expect(callFailure(499)).toBe('refused');
    expect(callFailure(480, 'SIP;cause=486;text="Busy Here"')).toBe('busy');
    expect(callFailure(486, 'Q.850;cause=17')).toBe('busy');
    expect(callFailure(480, 'SIP;text="no cause";cause=abc')).toBe('unavailable');
  });
});

describe('holdsUs', () => {
  const offer = (session: string, audio: string) =>
    `v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n${session}m=audio 4000 RTP/AVP 0\r\n${audio}`;

  it('is on hold when the audio, or else the session, says sendonly or inactive', () => {
    expect(holdsUs(offer('', 'a=sendonly\r\n'))).toBe(true);
    expect(holdsUs(offer('', 'a=inactive\r\n'))).toBe(true);
    expect(holdsUs(offer('a=sendonly\r\n', ''))).toBe(true);
    expect(holdsUs(offer('a=sendonly\r\n', 'a=sendrecv\r\n'))).toBe(false);
    expect(holdsUs(offer('', 'a=recvonly\r\n'))).toBe(false);
    expect(holdsUs(offer('', ''))).toBe(false);
  });

  it('says nothing for a request with no offer', () => {
    expect(holdsUs('')).toBeNull();
  });
});
