// Ringtones generated with WebAudio: no sound files to ship. Each is a cycle of tones that
// repeats while a call rings; call waiting is a discreet beep in the call's own speaker.
import type { Settings } from '../../../../common/ipc/domains/settings';

export type RingtoneKind = Exclude<Settings['ringtone'], 'silent'> | 'waiting';

export interface Tone {
  /** Hz; two for a dual-tone ring. */
  frequencies: number[];
  /** Seconds from the start of the cycle. */
  start: number;
  duration: number;
}

export interface RingPattern {
  tones: Tone[];
  /** Seconds before the cycle starts again. */
  cycle: number;
  volume: number;
}

export const RING_PATTERNS: Record<RingtoneKind, RingPattern> = {
  // The North American ring: 440 + 480 Hz, two seconds on, four off.
  classic: { tones: [{ frequencies: [440, 480], start: 0, duration: 2 }], cycle: 6, volume: 0.18 },
  soft: {
    tones: [
      { frequencies: [660], start: 0, duration: 0.6 },
      { frequencies: [880], start: 0.7, duration: 0.8 },
    ],
    cycle: 4,
    volume: 0.14,
  },
  digital: {
    tones: [0, 0.25, 0.5, 0.75].map((start, index) => ({
      frequencies: [index % 2 === 0 ? 1000 : 1250],
      start,
      duration: 0.18,
    })),
    cycle: 3,
    volume: 0.12,
  },
  waiting: {
    tones: [
      { frequencies: [440], start: 0, duration: 0.2 },
      { frequencies: [440], start: 0.4, duration: 0.2 },
    ],
    cycle: 8,
    volume: 0.08,
  },
};

/** WebAudio's device choice, where the browser has it (Chromium 110+). */
type SinkableContext = AudioContext & { setSinkId?: (sinkId: string) => Promise<void> };

/**
 * Rings on `sinkId` (null: the default output) until the returned function is called. Where
 * there is no WebAudio (tests, very old browsers) it stays silent.
 */
export function startRinging(kind: RingtoneKind, sinkId: string | null): () => void {
  if (typeof AudioContext === 'undefined') return () => undefined;
  const context: SinkableContext = new AudioContext();
  // A device that is gone must not silence the ring: the default output plays instead.
  if (sinkId) void context.setSinkId?.(sinkId).catch(() => undefined);
  const pattern = RING_PATTERNS[kind];
  const output = context.createGain();
  output.gain.value = pattern.volume;
  output.connect(context.destination);

  const schedule = (at: number) => {
    for (const tone of pattern.tones) {
      const envelope = context.createGain();
      const begin = at + tone.start;
      const end = begin + tone.duration;
      // Short ramps avoid the click of a tone switched on and off.
      envelope.gain.setValueAtTime(0, begin);
      envelope.gain.linearRampToValueAtTime(1 / tone.frequencies.length, begin + 0.02);
      envelope.gain.setValueAtTime(1 / tone.frequencies.length, end - 0.02);
      envelope.gain.linearRampToValueAtTime(0, end);
      envelope.connect(output);
      for (const frequency of tone.frequencies) {
        const oscillator = context.createOscillator();
        oscillator.frequency.value = frequency;
        oscillator.connect(envelope);
        oscillator.start(begin);
        oscillator.stop(end);
      }
    }
  };

  // One cycle is always scheduled ahead, so a late timer never leaves a gap.
  let next = context.currentTime + 0.05;
  schedule(next);
  schedule(next + pattern.cycle);
  const timer = setInterval(() => {
    next += pattern.cycle;
    schedule(next + pattern.cycle);
  }, pattern.cycle * 1000);
  return () => {
    clearInterval(timer);
    void context.close();
  };
}
