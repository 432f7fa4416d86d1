// Reads the WAV files greetings are kept in: mono, 16-bit PCM, any sample rate. Anything else
// is refused with what was found.

export interface PcmAudio {
  sampleRate: number;
  samples: Int16Array;
}

export function readWav(bytes: Buffer): PcmAudio {
  if (
    bytes.length < 12 ||
    bytes.toString('latin1', 0, 4) !== 'RIFF' ||
    bytes.toString('latin1', 8, 12) !== 'WAVE'
  )
    throw new Error('not a WAV file');
  let format: { channels: number; sampleRate: number; bits: number; encoding: number } | null = null;
  for (let at = 12; at + 8 <= bytes.length;) {
    const id = bytes.toString('latin1', at, at + 4);
    const size = bytes.readUInt32LE(at + 4);
    const body = at + 8;
    if (id === 'fmt ' && size >= 16) {
      format = {
        encoding: bytes.readUInt16LE(body),
        channels: bytes.readUInt16LE(body + 2),
        sampleRate: bytes.readUInt32LE(body + 4),
        bits: bytes.readUInt16LE(body + 14),
      };
    } else if (id === 'data') {
      if (!format) throw new Error('WAV data before its format');
      if (format.encoding !== 1 || format.channels !== 1 || format.bits !== 16)
        throw new Error(
          `WAV must be mono 16-bit PCM, got ${format.channels} channel(s), ${format.bits}-bit, format ${format.encoding}`,
        );
      const end = Math.min(bytes.length, body + size) & ~1;
      const samples = new Int16Array(Math.floor((end - body) / 2));
      for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(body + i * 2);
      return { sampleRate: format.sampleRate, samples };
    }
    at = body + size + (size & 1);
  }
  throw new Error('WAV file without audio data');
}
