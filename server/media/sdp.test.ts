import { describe, expect, it } from 'vitest';
import { plainRtpAnswer, readOffer } from './sdp';

const offer = (media: string[], session = ['c=IN IP4 192.0.2.10']) =>
  ['v=0', 'o=- 1 1 IN IP4 192.0.2.10', 's=-', ...session, 't=0 0', ...media, ''].join('\r\n');

describe('reading SDP offers', () => {
  it('takes the first G.711 codec a desk phone offers, and its telephone-event type', () => {
    const reading = readOffer(
      offer(['m=audio 4000 RTP/AVP 18 8 0 96', 'a=rtpmap:18 G729/8000', 'a=rtpmap:96 telephone-event/8000']),
    );
    expect(reading).toEqual({
      ok: true,
      offer: {
        kind: 'rtp',
        address: '192.0.2.10',
        port: 4000,
        law: 'PCMA',
        payloadType: 8,
        telephoneEvent: 96,
      },
    });
  });

  it('prefers the media-level address over the session one', () => {
    const reading = readOffer(offer(['m=audio 4000 RTP/AVP 0', 'c=IN IP4 198.51.100.7']));
    expect(reading.ok && reading.offer.kind === 'rtp' && reading.offer.address).toBe('198.51.100.7');
  });

  it('knows a WebRTC offer by its transport, and needs Opus and a fingerprint', () => {
    const webrtc = (extra: string[]) =>
      readOffer(offer(['m=audio 9 UDP/TLS/RTP/SAVPF 111', ...extra], ['c=IN IP4 0.0.0.0']));
    expect(webrtc(['a=rtpmap:111 opus/48000/2', 'a=fingerprint:sha-256 AB:CD']).ok).toBe(true);
    expect(webrtc(['a=fingerprint:sha-256 AB:CD'])).toEqual({
      ok: false,
      reason: 'WebRTC offer without Opus',
    });
    expect(webrtc(['a=rtpmap:111 opus/48000/2'])).toEqual({
      ok: false,
      reason: 'WebRTC offer without a DTLS fingerprint',
    });
  });

  it.each([
    ['garbage', 'not an SDP offer'],
    [offer(['m=video 4000 RTP/AVP 96']), 'no audio stream offered'],
    [offer(['m=audio 0 RTP/AVP 0']), 'audio stream disabled'],
    [offer(['m=audio 4000 RTP/AVP 18']), 'neither G.711 µ-law nor A-law offered'],
    [offer(['m=audio 4000 RTP/SAVP 0']), 'unsupported media transport RTP/SAVP'],
    [offer(['m=audio 4000 RTP/AVP 0'], ['c=IN IP4 0.0.0.0']), 'no IPv4 address to send audio to'],
  ])('refuses %#: %s', (sdp, reason) => {
    expect(readOffer(sdp)).toEqual({ ok: false, reason });
  });

  it('answers with the chosen codec and telephone-event at the agent’s address and port', () => {
    const reading = readOffer(offer(['m=audio 4000 RTP/AVP 0 101', 'a=rtpmap:101 telephone-event/8000']));
    if (!reading.ok || reading.offer.kind !== 'rtp') throw new Error('not read');
    const answer = plainRtpAnswer(reading.offer, '203.0.113.5', 20002, 7);
    expect(answer).toContain('c=IN IP4 203.0.113.5');
    expect(answer).toContain('m=audio 20002 RTP/AVP 0 101');
    expect(answer).toContain('a=rtpmap:0 PCMU/8000');
    expect(answer).toContain('a=rtpmap:101 telephone-event/8000');
  });
});
