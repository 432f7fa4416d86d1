import { describe, expect, it } from 'vitest';
import { bodyForDtmf, codecsForDtmf, offerWithin, withoutKeypadEvents } from './trunk-codecs';

const session = ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0'];
const video = ['m=video 5000 RTP/AVP 96', 'a=rtpmap:96 VP8/90000', ''];
const offer = [
  ...session,
  'm=audio 4000 RTP/AVP 0 8 9 101',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:101 telephone-event/8000',
  'a=fmtp:101 0-16',
  'a=sendrecv',
  ...video,
].join('\r\n');

describe('offerWithin', () => {
  it('keeps only the allowed codecs, static types without rtpmap included, and the rest as it was', () => {
    expect(offerWithin(offer, ['PCMA', 'telephone-event'])).toBe(
      [
        ...session,
        'm=audio 4000 RTP/AVP 8 101',
        'a=rtpmap:101 telephone-event/8000',
        'a=fmtp:101 0-16',
        'a=sendrecv',
        ...video,
      ].join('\r\n'),
    );
  });

  it('drops the keypad events the trunk does not carry, and keeps the offer’s order', () => {
    expect(offerWithin(offer, ['G722', 'PCMU'])).toContain(
      'm=audio 4000 RTP/AVP 0 9\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv',
    );
  });

  it('leaves nothing to offer when no voice codec is allowed, telephone-event alone or none', () => {
    expect(offerWithin(offer, ['opus', 'telephone-event'])).toBeNull();
    expect(offerWithin('v=0\r\nm=video 5000 RTP/AVP 96\r\n', ['PCMU'])).toBeNull();
  });
});

describe('a trunk’s DTMF mode in its descriptions', () => {
  it('lists telephone-event only for RFC 4733, and leaves the voice and other bodies alone', () => {
    expect(codecsForDtmf(['PCMA', 'telephone-event'], 'rfc4733')).toEqual(['PCMA', 'telephone-event']);
    for (const mode of ['info', 'inband'] as const) {
      expect(codecsForDtmf(['PCMA', 'telephone-event'], mode)).toEqual(['PCMA']);
      const body = bodyForDtmf({ contentType: 'application/sdp', bytes: Buffer.from(offer) }, mode);
      expect(body.bytes.toString()).toContain(
        'm=audio 4000 RTP/AVP 0 8 9\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv',
      );
      expect(body.bytes.toString()).not.toContain('telephone-event');
    }
    const sdp = { contentType: 'application/sdp', bytes: Buffer.from(offer) };
    expect(bodyForDtmf(sdp, 'rfc4733')).toBe(sdp);
    const info = { contentType: 'application/dtmf-relay', bytes: Buffer.from('Signal=1\r\n') };
    expect(bodyForDtmf(info, 'info')).toBe(info);
    // Keys alone are no call: the description is kept as it was rather than emptied.
    expect(withoutKeypadEvents('m=audio 4000 RTP/AVP 101\r\na=rtpmap:101 telephone-event/8000')).toBeNull();
  });
});
