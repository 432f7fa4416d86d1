// Records a greeting from the microphone (the one chosen in the app's audio settings): up to the
// office's two minutes, then turned into a WAV the office takes.
import { useEffect, useRef, useState } from 'react';
import { GREETING_MAX_SECONDS } from '../../../../../common/api/voicemail';
import { recordingToWav } from './wav';

export type RecorderState =
  | { state: 'idle' }
  | { state: 'recording'; seconds: number }
  | { state: 'converting' }
  /** `denied`: the microphone may not be used; `missing`: there is none; `failed`: it could not be made a greeting. */
  | { state: 'failed'; why: 'denied' | 'missing' | 'failed' };

/** Where a recording stops by itself: a moment short of the office's limit, which the file's own length must not pass. */
export const RECORDING_LIMIT_SECONDS = GREETING_MAX_SECONDS - 1;

interface Running {
  recorder: MediaRecorder;
  stream: MediaStream;
  timer: ReturnType<typeof setInterval>;
}

export function useGreetingRecorder(
  microphone: string | null,
  onRecorded: (recording: { wav: Blob; seconds: number }) => void,
) {
  const [state, setState] = useState<RecorderState>({ state: 'idle' });
  const running = useRef<Running | null>(null);
  const recorded = useRef(onRecorded);
  recorded.current = onRecorded;

  const release = () => {
    const current = running.current;
    running.current = null;
    if (!current) return;
    clearInterval(current.timer);
    current.stream.getTracks().forEach((track) => track.stop());
  };

  // Leaving the screen mid-recording lets go of the microphone.
  useEffect(() => release, []);

  const stop = () => {
    const current = running.current;
    if (current?.recorder.state === 'recording') current.recorder.stop();
  };

  const start = async () => {
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: microphone ? { deviceId: { exact: microphone } } : true,
      });
    } catch (error) {
      const name = (error as { name?: string }).name;
      setState({ state: 'failed', why: name === 'NotAllowedError' ? 'denied' : 'missing' });
      return;
    }
    const recorder = new MediaRecorder(stream);
    const chunks: Blob[] = [];
    const began = Date.now();
    recorder.ondataavailable = (event) => {
      if (event.data.size > 0) chunks.push(event.data);
    };
    recorder.onstop = () => {
      release();
      setState({ state: 'converting' });
      recordingToWav(new Blob(chunks, { type: recorder.mimeType }))
        .then((greeting) => {
          setState({ state: 'idle' });
          recorded.current(greeting);
        })
        .catch(() => setState({ state: 'failed', why: 'failed' }));
    };
    const timer = setInterval(() => {
      const seconds = Math.floor((Date.now() - began) / 1000);
      if (seconds >= RECORDING_LIMIT_SECONDS) stop();
      else setState({ state: 'recording', seconds });
    }, 250);
    running.current = { recorder, stream, timer };
    recorder.start();
    setState({ state: 'recording', seconds: 0 });
  };

  return { recorder: state, start: () => void start(), stop };
}
