// The app's calls' audio, done in the page (main holds the signalling): main sends each step
// as a `media:work` event and this engine answers it through `media:done`. It owns the
// microphone (one capture, cloned per call) and the chosen speaker, and switches either
// mid-call when the person chooses another device.
import type { AudioDevices } from '../../../common/ipc/domains/settings';
import type { MediaWork } from '../../../common/ipc/domains/media';
import type { SwitchboardApi } from '../../../common/ipc/contract';
import { CallConnection, type IceServers } from './call-connection';
import { InputLevel } from './input-level';

type Devices = Pick<AudioDevices, 'microphone' | 'speaker'>;
type Done = Parameters<SwitchboardApi['media']['done']>[0];

export class MediaEngine {
  private readonly calls = new Map<string, CallConnection>();
  private devices: Devices = { microphone: null, speaker: null };
  private microphone: Promise<MediaStream> | null = null;
  /** The microphone's loudness, for a level meter. */
  readonly inputLevel = new InputLevel();

  constructor(private readonly api: SwitchboardApi) {}

  /** Takes the chosen devices, listens for work and tells main this page does the audio. */
  async start(): Promise<void> {
    const chosen = await this.api.audio.devices({});
    if (chosen.ok) this.devices = chosen.value;
    this.api.audio.onDevicesChanged((devices) => void this.useDevices(devices));
    this.api.media.onWork((work) => void this.perform(work));
    await this.announce();
  }

  /** Again after the page's connection to main came back: main forgot it when it dropped. */
  async announce(): Promise<void> {
    const announced = await this.api.media.announce({});
    if (!announced.ok) console.warn('This page cannot do the calls’ audio:', announced.error.message);
  }

  private async perform(work: MediaWork): Promise<void> {
    let done: Done;
    try {
      done = { requestId: work.requestId, ok: true, ...(await this.step(work)) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.warn(`The audio of call ${work.callId} failed at ${work.action}:`, message);
      done = { requestId: work.requestId, ok: false, message: message.slice(0, 500) };
    }
    const answered = await this.api.media.done(done);
    if (!answered.ok) console.warn('Main did not take the media answer:', answered.error.message);
  }

  private async step(work: MediaWork): Promise<Omit<Extract<Done, { ok: true }>, 'requestId' | 'ok'>> {
    switch (work.action) {
      case 'describe':
        return {
          sdp: await (
            await this.connection(work.callId, work.iceServers)
          ).describe(work.hold, work.iceRestart),
        };
      case 'apply':
        await (await this.connection(work.callId, work.iceServers)).apply(work.sdp);
        return {};
      case 'mute':
        this.existing(work.callId).mute(work.muted);
        return {};
      case 'stats':
        return { stats: await this.existing(work.callId).stats() };
      case 'close':
        this.calls.get(work.callId)?.close();
        this.calls.delete(work.callId);
        if (this.calls.size === 0) this.releaseMicrophone();
        return {};
    }
  }

  /** The call's connection, made on its first step (with the office's STUN/TURN servers). */
  private async connection(callId: string, iceServers: IceServers): Promise<CallConnection> {
    const known = this.calls.get(callId);
    if (known) return known;
    const [track] = (await this.capture()).getAudioTracks();
    if (!track) throw new Error('The microphone gave no audio track');
    const connection = new CallConnection(iceServers, track, this.devices.speaker);
    this.calls.set(callId, connection);
    return connection;
  }

  private existing(callId: string): CallConnection {
    const connection = this.calls.get(callId);
    if (!connection) throw new Error('This page has no audio for that call');
    return connection;
  }

  private capture(): Promise<MediaStream> {
    if (!this.microphone) {
      const { microphone } = this.devices;
      this.microphone = navigator.mediaDevices.getUserMedia({
        audio: microphone ? { deviceId: { exact: microphone } } : true,
      });
      this.microphone.then(
        (stream) => this.inputLevel.measure(stream),
        () => (this.microphone = null),
      );
    }
    return this.microphone;
  }

  private releaseMicrophone(): void {
    const released = this.microphone;
    this.microphone = null;
    this.inputLevel.measure(null);
    void released?.then((stream) => stream.getTracks().forEach((track) => track.stop()));
  }

  private async useDevices(devices: AudioDevices): Promise<void> {
    const microphoneChanged = devices.microphone !== this.devices.microphone;
    this.devices = devices;
    for (const call of this.calls.values()) await call.useSpeaker(devices.speaker);
    if (!microphoneChanged || this.calls.size === 0) return;
    this.releaseMicrophone();
    const [track] = (await this.capture()).getAudioTracks();
    if (!track) return;
    for (const call of this.calls.values()) await call.useMicrophone(track);
  }
}
