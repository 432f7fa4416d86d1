// One 20 ms clock for every stream the agent sends, instead of a timer per call. Each tick
// runs as many frames as are due since the start, so a late timer catches up and nothing drifts.

export const FRAME_MS = 20;

export class Ticker {
  private readonly listeners = new Set<() => void>();
  private timer: NodeJS.Timeout | null = null;
  private startedAt = 0;
  private frames = 0;

  /** Runs `onFrame` every 20 ms until the returned function is called. */
  add(onFrame: () => void): () => void {
    this.listeners.add(onFrame);
    if (!this.timer) {
      this.startedAt = performance.now();
      this.frames = 0;
      this.timer = setInterval(() => this.tick(), FRAME_MS / 2);
    }
    return () => {
      this.listeners.delete(onFrame);
      if (this.listeners.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }

  private tick(): void {
    const due = Math.floor((performance.now() - this.startedAt) / FRAME_MS);
    // After a long stall, skip ahead rather than burst out seconds of audio.
    if (due - this.frames > 10) this.frames = due - 1;
    for (; this.frames < due; this.frames++) for (const listener of [...this.listeners]) listener();
  }
}

export interface Playback {
  /** Settles when the last frame is sent or playback is stopped. */
  done: Promise<void>;
  stop(): void;
}

/** Sends `samples` in frames of `frameSize` (the last padded with silence), one per tick. */
export function playPaced(
  ticker: Ticker,
  samples: Int16Array,
  frameSize: number,
  send: (frame: Int16Array, first: boolean) => void,
): Playback {
  let stop!: () => void;
  const done = new Promise<void>((resolve) => {
    let at = 0;
    const remove = ticker.add(() => {
      const frame = new Int16Array(frameSize);
      frame.set(samples.subarray(at, at + frameSize));
      send(frame, at === 0);
      at += frameSize;
      if (at >= samples.length) stop();
    });
    stop = () => {
      remove();
      resolve();
    };
  });
  return { done, stop };
}
