// Audio files for tests that upload or store one: a tone as a PCM WAV a person might have.

/** A tone (440 Hz unless told) as a 16-bit mono PCM WAV file. */
export function toneWav(seconds: number, rate = 8000, hz = 440): Buffer {
  const samples = rate * seconds;
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write('RIFF', 0);
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write('WAVEfmt ', 8);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(rate, 24);
  wav.writeUInt32LE(rate * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36);
  wav.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++)
    wav.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * hz * i) / rate)), 44 + i * 2);
  return wav;
}

/** The parts a WAV file crosses from the window to main in, `partBytes` each, as the app cuts it. */
export function wavParts(wav: Buffer, partBytes: number) {
  const count = Math.ceil(wav.length / partBytes);
  return Array.from({ length: count }, (_, index) => ({
    type: 'audio/wav' as const,
    index,
    count,
    data: wav.subarray(index * partBytes, (index + 1) * partBytes).toString('base64'),
  }));
}
