// A recording made in the window, as the office takes a greeting: a PCM WAV file (16-bit, mono).
// The office accepts WAV and MP3 only; the browser records Opus in WebM, so it is decoded here and
// written out again, at a rate that keeps two minutes well under the office's 5 MB.

/** The rate a recorded greeting is written at: wideband speech, 32 kB a second. */
export const RECORDING_SAMPLE_RATE = 16_000;

/** Samples from -1 to 1 (clipped beyond) as the bytes of a 16-bit mono PCM WAV file. */
export function encodeWav(samples: Float32Array, sampleRate: number): ArrayBuffer {
  const data = samples.length * 2;
  const view = new DataView(new ArrayBuffer(44 + data));
  const text = (at: number, value: string) => {
    for (let i = 0; i < value.length; i++) view.setUint8(at + i, value.charCodeAt(i));
  };
  text(0, 'RIFF');
  view.setUint32(4, 36 + data, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true); // the fmt chunk's size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true); // bytes a second
  view.setUint16(32, 2, true); // bytes a sample
  view.setUint16(34, 16, true); // bits a sample
  text(36, 'data');
  view.setUint32(40, data, true);
  samples.forEach((sample, index) => {
    const clipped = Math.max(-1, Math.min(1, sample));
    view.setInt16(44 + index * 2, Math.round(clipped < 0 ? clipped * 0x8000 : clipped * 0x7fff), true);
  });
  return view.buffer;
}

/**
 * A recording (any format the browser decodes: WebM/Opus from MediaRecorder) as a mono WAV at
 * `RECORDING_SAMPLE_RATE`: decoded, mixed down and resampled by the browser's audio engine.
 */
export async function recordingToWav(recording: Blob): Promise<{ wav: Blob; seconds: number }> {
  const context = new AudioContext();
  let decoded: AudioBuffer;
  try {
    decoded = await context.decodeAudioData(await recording.arrayBuffer());
  } finally {
    void context.close();
  }
  const frames = Math.max(1, Math.ceil(decoded.duration * RECORDING_SAMPLE_RATE));
  // One output channel: the engine mixes the recording's channels down to it.
  const offline = new OfflineAudioContext(1, frames, RECORDING_SAMPLE_RATE);
  const source = offline.createBufferSource();
  source.buffer = decoded;
  source.connect(offline.destination);
  source.start();
  const rendered = await offline.startRendering();
  const wav = new Blob([encodeWav(rendered.getChannelData(0), RECORDING_SAMPLE_RATE)], { type: 'audio/wav' });
  return { wav, seconds: decoded.duration };
}
