// A bridge between two anchor points: what one phone says goes to the other, as it came when
// both speak the same codec (only the RTP header is rewritten, by the receiving point), else
// through a transcoder kept per direction and codec pair. Each packet is sent on as it arrives:
// the bridge adds no buffering, so no delay beyond the work itself.
import type { AudioCodec, Bridge } from '../../sip/calls/media-anchor';
import type { BridgedPoint, MediaFrame } from './frame';
import { Transcoder } from './transcode';

function relay(from: BridgedPoint, to: BridgedPoint): (frame: MediaFrame) => void {
  const transcoders = new Map<string, Transcoder>();
  return (from.onMedia = (frame: MediaFrame) => {
    const codec: AudioCodec | null = to.codec;
    // Music on hold, or a ring group's, is what the phone hears for now.
    if (codec === null || to.playing) return;
    if (frame.codec === codec) return to.send(frame);
    const pair = `${frame.codec}>${codec}`;
    let transcoder = transcoders.get(pair);
    if (!transcoder) transcoders.set(pair, (transcoder = new Transcoder(frame.codec, codec)));
    for (const converted of transcoder.convert(frame)) to.send(converted);
  });
}

export function bridge(a: BridgedPoint, b: BridgedPoint): Bridge {
  const fromA = relay(a, b);
  const fromB = relay(b, a);
  return {
    // A point already patched into another bridge keeps that one.
    close: () => {
      if (a.onMedia === fromA) a.onMedia = null;
      if (b.onMedia === fromB) b.onMedia = null;
    },
  };
}
