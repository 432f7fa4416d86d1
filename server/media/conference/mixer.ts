// A conference's mixer: every 20 ms (the agent's one ticker) it takes one 8 kHz frame from each
// talker, adds them up once, and gives each talker the sum less its own frame, so nobody hears
// themself. A muted talker adds nothing. Sums are clamped to 16 bits, never wrapped. Cues (the
// join and leave tones) are laid over one talker's mix.
import type { Ticker } from '../ticker';

/** 20 ms at 8 kHz. */
export const MIX_FRAME = 160;
/**
 * A talker's audio is played out once this many frames are queued: 40 ms of slack absorbs the
 * network's jitter against the ticker, and a stall of the office's event loop (the ticker
 * catches up on the frames it missed before the packets that came meanwhile are read).
 */
const PRIME_FRAMES = 3;
/** Audio queued beyond this is dropped, oldest first: a talker whose clock runs fast adds no delay. */
const MAX_QUEUED_FRAMES = 6;
/**
 * Frames in a row with nothing from the talker after which it is taken to have stopped (hold,
 * a phone that sends nothing in silence): it is primed again when it comes back. Shorter runs
 * are late packets, played when they come.
 */
const STOPPED_FRAMES = MAX_QUEUED_FRAMES;
const QUEUE_SAMPLES = MAX_QUEUED_FRAMES * MIX_FRAME;

export class Talker {
  muted = false;
  private readonly queue = new Int16Array(QUEUE_SAMPLES);
  private readAt = 0;
  private queued = 0;
  private primed = false;
  /** Frames in a row that found nothing queued. */
  private dry = 0;
  /** Ticks since the talker's audio first came, and how many of them found none to take. */
  private heardFrom = false;
  frames = 0;
  gaps = 0;
  private cue: { samples: Int16Array; at: number } | null = null;
  /** This talker's frame of the current tick (zeros when silent or muted). */
  readonly frame = new Int16Array(MIX_FRAME);
  readonly mix = new Int16Array(MIX_FRAME);

  constructor(
    /** Receives this talker's mix, one frame a tick (the array is reused: send it at once). */
    readonly hear: (frame: Int16Array) => void,
  ) {}

  /** The talker's audio as it arrives, any length. */
  say(samples: Int16Array): void {
    for (let i = 0; i < samples.length; i++) {
      if (this.queued === QUEUE_SAMPLES) {
        this.readAt = (this.readAt + 1) % QUEUE_SAMPLES;
        this.queued--;
      }
      this.queue[(this.readAt + this.queued) % QUEUE_SAMPLES] = samples[i]!;
      this.queued++;
    }
  }

  /** Plays `samples` over this talker's mix (a tone); a cue still playing is replaced. */
  lay(samples: Int16Array): void {
    this.cue = { samples, at: 0 };
  }

  /** Takes the tick's frame from the queue, or silence while it fills. */
  take(): void {
    if (!this.primed && this.queued >= PRIME_FRAMES * MIX_FRAME) this.primed = this.heardFrom = true;
    if (this.heardFrom) this.frames++;
    if (!this.primed || this.queued < MIX_FRAME) {
      if (this.heardFrom) this.gaps++;
      if (this.primed && ++this.dry > STOPPED_FRAMES) this.primed = false;
      this.frame.fill(0);
      return;
    }
    this.dry = 0;
    for (let i = 0; i < MIX_FRAME; i++) this.frame[i] = this.queue[(this.readAt + i) % QUEUE_SAMPLES]!;
    this.readAt = (this.readAt + MIX_FRAME) % QUEUE_SAMPLES;
    this.queued -= MIX_FRAME;
    if (this.muted) this.frame.fill(0);
  }

  /** The mix for this talker: everyone's sum less its own frame, with its cue over it. */
  render(sum: Int32Array): Int16Array {
    const cue = this.cue;
    for (let i = 0; i < MIX_FRAME; i++) {
      let value = sum[i]! - this.frame[i]!;
      if (cue && cue.at + i < cue.samples.length) value += cue.samples[cue.at + i]!;
      this.mix[i] = value > 32767 ? 32767 : value < -32768 ? -32768 : value;
    }
    if (cue) {
      cue.at += MIX_FRAME;
      if (cue.at >= cue.samples.length) this.cue = null;
    }
    return this.mix;
  }
}

export class Mixer {
  private readonly talkers = new Set<Talker>();
  private readonly sum = new Int32Array(MIX_FRAME);
  private stopTicking: (() => void) | null = null;

  constructor(private readonly ticker: Ticker) {}

  get size(): number {
    return this.talkers.size;
  }

  join(hear: (frame: Int16Array) => void): Talker {
    const talker = new Talker(hear);
    this.talkers.add(talker);
    this.stopTicking ??= this.ticker.add(() => this.tick());
    return talker;
  }

  leave(talker: Talker): void {
    this.talkers.delete(talker);
    if (this.talkers.size === 0) {
      this.stopTicking?.();
      this.stopTicking = null;
    }
  }

  private tick(): void {
    const sum = this.sum;
    sum.fill(0);
    for (const talker of this.talkers) {
      talker.take();
      const frame = talker.frame;
      for (let i = 0; i < MIX_FRAME; i++) sum[i] = sum[i]! + frame[i]!;
    }
    for (const talker of this.talkers) talker.hear(talker.render(sum));
  }
}
