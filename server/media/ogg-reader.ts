// Reads back what ogg-opus.ts writes (and any single-stream Ogg/Opus file): the header and
// the packets, each page's CRC checked.
import { oggCrc } from './ogg-opus';

export interface OggOpusFile {
  channels: number;
  preSkip: number;
  inputSampleRate: number;
  /** The last page's granule position: 48 kHz samples from the start, pre-skip included. */
  granule: bigint;
  packets: Buffer[];
}

export function readOggOpus(bytes: Buffer): OggOpusFile {
  const packets: Buffer[] = [];
  let partial: Buffer[] = [];
  let granule = 0n;
  for (let at = 0; at < bytes.length;) {
    if (bytes.toString('latin1', at, at + 4) !== 'OggS') throw new Error(`no Ogg page at byte ${at}`);
    const count = bytes[at + 26]!;
    const lacing = bytes.subarray(at + 27, at + 27 + count);
    const length = 27 + count + lacing.reduce((sum, n) => sum + n, 0);
    const pageBytes = Buffer.from(bytes.subarray(at, at + length));
    const crc = pageBytes.readUInt32LE(22);
    pageBytes.writeUInt32LE(0, 22);
    if (oggCrc(pageBytes) !== crc) throw new Error(`bad CRC in the Ogg page at byte ${at}`);
    granule = bytes.readBigInt64LE(at + 6);
    let body = at + 27 + count;
    for (const size of lacing) {
      partial.push(bytes.subarray(body, body + size));
      body += size;
      if (size < 255) {
        packets.push(Buffer.concat(partial));
        partial = [];
      }
    }
    at += length;
  }
  const head = packets.shift();
  if (!head || head.toString('latin1', 0, 8) !== 'OpusHead') throw new Error('not an Ogg/Opus file');
  if (packets.shift()?.toString('latin1', 0, 8) !== 'OpusTags') throw new Error('no OpusTags header');
  return {
    channels: head[9]!,
    preSkip: head.readUInt16LE(10),
    inputSampleRate: head.readUInt32LE(12),
    granule,
    packets,
  };
}
