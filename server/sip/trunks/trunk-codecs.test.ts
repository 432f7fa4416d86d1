import { describe, expect, it } from 'vitest';
import { offerWithin } from './trunk-codecs';

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
