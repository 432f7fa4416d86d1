import { describe, expect, it } from 'vitest';
import { Encoder } from '@evan/opus';
import { OggOpusWriter, oggCrc, opusPacketSamples } from './ogg-opus';
import { readOggOpus } from './ogg-reader';

describe('Ogg/Opus', () => {
  it('computes Ogg’s CRC-32 (polynomial 0x04c11db7, not reflected)', () => {
    expect(oggCrc(Buffer.from('123456789'))).toBe(0x89a1897f);
  });

  it('reads a packet’s length from its TOC byte', () => {
    const encoder = new Encoder({ channels: 1, sample_rate: 8000, application: 'voip' });
    expect(opusPacketSamples(encoder.encode(new Int16Array(160)))).toBe(960);
    expect(opusPacketSamples(Uint8Array.of((31 << 3) | 3, 3))).toBe(3 * 960); // CELT 20 ms × 3
    expect(opusPacketSamples(Uint8Array.of(0 << 3))).toBe(480); // SILK 10 ms
  });

  it('writes packets that read back the same, over many pages, with the granule of all samples', () => {
    const encoder = new Encoder({ channels: 1, sample_rate: 8000, application: 'voip' });
    const packets = Array.from({ length: 173 }, (_, i) =>
      Buffer.from(
        encoder.encode(
          Int16Array.from({ length: 160 }, (_, k) => Math.round(8000 * Math.sin((i * 160 + k) / 3))),
        ),
      ),
    );
    const writer = new OggOpusWriter({ inputSampleRate: 8000, preSkip: 312 });
    for (const packet of packets) writer.add(packet);
    const file = readOggOpus(writer.finish());
    expect(file).toMatchObject({ channels: 1, preSkip: 312, inputSampleRate: 8000, granule: 173n * 960n });
    expect(file.packets).toEqual(packets);
  });

  it('refuses a file whose page was changed', () => {
    const writer = new OggOpusWriter({ inputSampleRate: 48000, preSkip: 0 });
    writer.add(Uint8Array.of(0xf8, 1, 2, 3));
    const bytes = writer.finish();
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
    expect(() => readOggOpus(bytes)).toThrow(/bad CRC/);
  });
});
