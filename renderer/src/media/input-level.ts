// The microphone's loudness as a value a screen can subscribe to (a level meter), measured
// only while someone listens.
const SAMPLE_MS = 100;

export type LevelListener = (level: number) => void;

export class InputLevel {
  private readonly listeners = new Set<LevelListener>();
  private level = 0;
  private source: MediaStreamAudioSourceNode | null = null;
  private analyser: AnalyserNode | null = null;
  private context: AudioContext | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  /** 0 (silence) to 1 (full scale). */
  get value(): number {
    return this.level;
  }

  subscribe(listener: LevelListener): () => void {
    this.listeners.add(listener);
    this.run();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.pause();
    };
  }

  /** Measures this microphone from now on (a device switch hands over the new one). */
  measure(stream: MediaStream | null): void {
    this.source?.disconnect();
    this.source = null;
    if (!stream) return;
    this.context ??= new AudioContext();
    this.analyser ??= Object.assign(this.context.createAnalyser(), { fftSize: 512 });
    this.source = this.context.createMediaStreamSource(stream);
    this.source.connect(this.analyser);
    this.run();
  }

  close(): void {
    this.pause();
    this.source?.disconnect();
    void this.context?.close();
    this.context = null;
  }

  private run(): void {
    if (this.timer || this.listeners.size === 0 || !this.analyser) return;
    const samples = new Float32Array(this.analyser.fftSize);
    this.timer = setInterval(() => {
      this.analyser?.getFloatTimeDomainData(samples);
      let peak = 0;
      for (const sample of samples) peak = Math.max(peak, Math.abs(sample));
      this.level = Math.min(1, peak);
      for (const listener of this.listeners) listener(this.level);
    }, SAMPLE_MS);
  }

  private pause(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
