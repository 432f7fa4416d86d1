// Sample-rate conversion for prompts (a 48 kHz greeting played to an 8 kHz G.711 caller):
// windowed-sinc interpolation with its cut-off below the lower rate's Nyquist, so nothing
// folds back as aliasing. Prompts are converted once and kept, so exactness wins over speed.

const TAPS_EACH_SIDE = 16;

export function resample(samples: Int16Array, fromRate: number, toRate: number): Int16Array {
  if (fromRate === toRate) return samples;
  const ratio = toRate / fromRate;
  const cutoff = Math.min(1, ratio) * 0.95; // of the input's Nyquist
  const out = new Int16Array(Math.floor(samples.length * ratio));
  const reach = Math.ceil(TAPS_EACH_SIDE / cutoff);
  for (let i = 0; i < out.length; i++) {
    const centre = i / ratio;
    const first = Math.max(0, Math.ceil(centre - reach));
    const last = Math.min(samples.length - 1, Math.floor(centre + reach));
    let sum = 0;
    for (let k = first; k <= last; k++) {
      const x = k - centre;
      const sinc = x === 0 ? 1 : Math.sin(Math.PI * cutoff * x) / (Math.PI * cutoff * x);
      const window = 0.5 + 0.5 * Math.cos((Math.PI * x) / reach); // Hann
      sum += samples[k]! * cutoff * sinc * window;
    }
    out[i] = Math.max(-32768, Math.min(32767, Math.round(sum)));
  }
  return out;
}
