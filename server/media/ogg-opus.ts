// Ogg/Opus (RFC 7845) in a few lines: the one format every voicemail message is stored in.
// Packets are laced into pages of about a second; granule positions count 48 kHz samples.

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, i) => {
  let r = i << 24;
  for (let k = 0; k < 8; k++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
  return r >>> 0;
});

/** Ogg's CRC-32: polynomial 0x04c11db7, not reflected, initial value 0. */
export function oggCrc(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ byte) & 0xff]!) >>> 0;
  return crc;
}

/** 48 kHz samples one Opus packet holds, read from its TOC byte (RFC 6716 §3.1). */
export function opusPacketSamples(packet: Uint8Array): number {
  if (packet.length === 0) return 0;
  const toc = packet[0]!;
  const config = toc >> 3;
  const frameMs =
    config < 12
      ? [10, 20, 40, 60][config % 4]!
      : config < 16
        ? [10, 20][config % 2]!
        : [2.5, 5, 10, 20][config % 4]!;
  const code = toc & 3;
  const frames = code === 0 ? 1 : code < 3 ? 2 : (packet[1] ?? 0) & 0x3f;
  return frames * frameMs * 48;
}

const BOS = 0x02;
const EOS = 0x04;
/** Packets gathered before a page is written: 50 × 20 ms. */
const PACKETS_PER_PAGE = 50;

function page(
  flags: number,
  granule: bigint,
  serial: number,
  sequence: number,
  packets: Uint8Array[],
): Buffer {
  const lacing: number[] = [];
  for (const packet of packets) {
    for (let left = packet.length; ; left -= 255) {
      lacing.push(Math.min(left, 255));
      if (left < 255) break;
    }
  }
  const header = Buffer.alloc(27 + lacing.length);
  header.write('OggS', 0, 'latin1');
  header[5] = flags;
  header.writeBigInt64LE(granule, 6);
  header.writeUInt32LE(serial, 14);
  header.writeUInt32LE(sequence, 18);
  header[26] = lacing.length;
  Buffer.from(lacing).copy(header, 27);
  const bytes = Buffer.concat([header, ...packets]);
  bytes.writeUInt32LE(oggCrc(bytes), 22);
  return bytes;
}

export interface OggOpusOptions {
  /** The rate the audio was captured at (informative: players decode at 48 kHz). */
  inputSampleRate: number;
  /** 48 kHz samples the decoder drops at the start (the encoder's lookahead). */
  preSkip: number;
}

export class OggOpusWriter {
  private readonly pages: Buffer[] = [];
  private readonly serial = (Math.random() * 0xffffffff) >>> 0;
  private sequence = 0;
  private pending: Uint8Array[] = [];
  private granule = 0n;
  private bytes = 0;

  constructor(options: OggOpusOptions) {
    const head = Buffer.alloc(19);
    head.write('OpusHead', 0, 'latin1');
    head[8] = 1;
    head[9] = 1; // mono
    head.writeUInt16LE(options.preSkip, 10);
    head.writeUInt32LE(options.inputSampleRate, 12);
    const vendor = Buffer.from('switchboard');
    const tags = Buffer.alloc(8 + 4 + vendor.length + 4);
    tags.write('OpusTags', 0, 'latin1');
    tags.writeUInt32LE(vendor.length, 8);
    vendor.copy(tags, 12);
    this.push(page(BOS, 0n, this.serial, this.sequence++, [head]));
    this.push(page(0, 0n, this.serial, this.sequence++, [tags]));
  }

  /** Bytes written so far, pending packets included. */
  get size(): number {
    return this.bytes + this.pending.reduce((sum, p) => sum + p.length, 0);
  }

  add(packet: Uint8Array): void {
    this.pending.push(packet);
    this.granule += BigInt(opusPacketSamples(packet));
    if (this.pending.length >= PACKETS_PER_PAGE) this.flush(0);
  }

  /** The whole file; the writer takes nothing more. */
  finish(): Buffer {
    this.flush(EOS);
    return Buffer.concat(this.pages);
  }

  private flush(flags: number): void {
    if (this.pending.length === 0 && flags !== EOS) return;
    this.push(page(flags, this.granule, this.serial, this.sequence++, this.pending));
    this.pending = [];
  }

  private push(bytes: Buffer): void {
    this.pages.push(bytes);
    this.bytes += bytes.length;
  }
}
