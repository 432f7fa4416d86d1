// The greeting callers hear: the person's own (played here) or the standard one; a new one from a
// WAV or MP3 file or recorded from the microphone, played here before it is saved; back to the
// standard one.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GREETING_MAX_BYTES, GREETING_MAX_SECONDS } from '../../../../../common/api/voicemail';
import { useIpc, useSubmit } from '../../../app/use-ipc';
import { useSettings } from '../../../app/use-settings';
import { formatClock, formatDuration } from '../../../format';
import type { Language } from '../../../i18n/languages';
import { AudioFileField } from '../../../ui/AudioFileField';
import { Announcer, InlineNotice, useScreenFeedback } from '../../../ui/feedback';
import { ConfirmDialog } from '../../../ui/FormDialog';
import { FormError } from '../../../ui/FormError';
import { LoadFailed, LoadingRows } from '../../../ui/ScreenStates';
import {
  audioSeconds,
  fileProblemWords,
  greetingRefusalKey,
  greetingType,
  tooLong,
  uploadGreeting,
  type GreetingType,
} from './greeting-file';
import type { VoicemailBox } from './box-api';
import { RECORDING_LIMIT_SECONDS, useGreetingRecorder } from './use-greeting-recorder';
import '../../../ui/field.css';

/** A greeting picked or recorded, not saved yet, played from this computer. */
interface Candidate {
  file: Blob;
  /** The chosen file's name; the recording has none. */
  name: string;
  type: GreetingType;
  url: string;
  from: 'file' | 'recording';
}

/** Why the microphone could not record, in words. */
const MICROPHONE_KEYS = {
  denied: 'preferences.greeting.microphoneDenied',
  missing: 'preferences.greeting.microphoneMissing',
  failed: 'preferences.greeting.recordingFailed',
} as const;

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let index = 0; index < text.length; index++) bytes[index] = text.charCodeAt(index);
  return bytes;
}

/** The greeting of `box`, said in its own words. */
export function GreetingForm({ box }: { box: VoicemailBox }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const titleId = useId();
  const { words } = box;
  const { settings } = useSettings();
  const microphone = settings.status === 'ready' ? settings.value.audio.microphone : null;
  const [current, reload] = useIpc(box.greeting, box.key);
  const [candidate, setCandidate] = useState<Candidate | null>(null);
  // What is wrong with the file or recording, said before anything is sent.
  const [problem, setProblem] = useState<string | null>(null);
  const [confirmDefault, setConfirmDefault] = useState(false);
  const [notice, setNotice] = useScreenFeedback<string>();
  const currentUrl = useObjectUrl(
    current.status === 'ready' && current.value
      ? new Blob([bytesOf(current.value.data)], { type: current.value.audioType })
      : null,
    current,
  );

  useEffect(() => () => void (candidate && URL.revokeObjectURL(candidate.url)), [candidate]);

  const choose = async (
    file: Blob,
    type: GreetingType,
    from: Candidate['from'],
    name = '',
    seconds?: number,
  ) => {
    const url = URL.createObjectURL(file);
    const length = seconds ?? (await audioSeconds(url));
    if (length !== null && tooLong(length)) {
      URL.revokeObjectURL(url);
      setProblem(
        t('preferences.greeting.tooLong', {
          length: formatDuration(language, length),
          limit: formatDuration(language, GREETING_MAX_SECONDS),
        }),
      );
      return;
    }
    setCandidate({ file, type, url, from, name });
  };

  const save = useSubmit(
    // Sent from the candidate's Save button, so there is one.
    () => uploadGreeting(box, candidate!.file, candidate!.type),
    () => {
      setCandidate(null);
      setNotice(t(words.greetingSaved));
      reload();
    },
  );

  const pick = (file: File | undefined) => {
    save.clear();
    setNotice(null);
    setProblem(null);
    setCandidate(null);
    if (!file) return;
    const wrong = fileProblemWords(file, t, language);
    if (wrong) return setProblem(wrong);
    void choose(file, greetingType(file)!, 'file', file.name);
  };

  const { recorder, start, stop } = useGreetingRecorder(
    microphone,
    ({ wav, seconds }) => void choose(wav, 'audio/wav', 'recording', '', seconds),
  );

  const recording = recorder.state === 'recording';
  const busy = save.busy || recording || recorder.state === 'converting';

  return (
    <section className="stack" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('preferences.greeting.title')}</h3>
      {current.status === 'loading' && <LoadingRows label={t(words.greetingLoading)} rows={1} />}
      {current.status === 'error' && (
        <LoadFailed
          error={current.error}
          offlineTitle={t('preferences.voicemailOfflineTitle')}
          offlineHint={t('preferences.voicemailOfflineHint')}
          onRetry={reload}
        />
      )}
      {current.status === 'ready' && (
        <>
          <p>{current.value ? t(words.greetingOwn) : t('preferences.greeting.standard')}</p>
          {currentUrl && (
            <>
              <audio controls src={currentUrl} aria-label={t(words.greetingPlayOwn)} />
              <div>
                <button
                  className="button"
                  type="button"
                  disabled={busy}
                  onClick={() => setConfirmDefault(true)}
                >
                  {t('preferences.greeting.useStandard')}
                </button>
              </div>
            </>
          )}
        </>
      )}
      <AudioFileField
        label={t('preferences.greeting.upload')}
        limits={(values) => t('preferences.greeting.limits', values)}
        maxBytes={GREETING_MAX_BYTES}
        maxSeconds={GREETING_MAX_SECONDS}
        onPick={pick}
        problem={null}
        disabled={busy}
      />
      <div className="preferences-buttons">
        {recording ? (
          <button className="button danger" type="button" onClick={stop}>
            {t('preferences.greeting.stop')}
          </button>
        ) : (
          <button
            className="button"
            type="button"
            disabled={busy}
            onClick={() => {
              setProblem(null);
              setNotice(null);
              setCandidate(null);
              start();
            }}
          >
            {t('preferences.greeting.record')}
          </button>
        )}
        {recording && (
          <span className="greeting-clock" role="timer" aria-live="off">
            {t('preferences.greeting.recording', {
              elapsed: formatClock(recorder.seconds),
              limit: formatClock(RECORDING_LIMIT_SECONDS),
            })}
          </span>
        )}
      </div>
      {recorder.state === 'converting' && <p role="status">{t('preferences.greeting.converting')}</p>}
      {recorder.state === 'failed' && (
        <p className="alert" role="alert">
          {t(MICROPHONE_KEYS[recorder.why])}
        </p>
      )}
      {problem && (
        <p className="alert" role="alert">
          {problem}
        </p>
      )}
      {candidate && (
        <div className="greeting-candidate stack">
          <p>
            {candidate.from === 'recording'
              ? t('preferences.greeting.newRecording')
              : t('preferences.greeting.newFile', { name: candidate.name })}
          </p>
          <audio controls src={candidate.url} aria-label={t('preferences.greeting.playNew')} />
          <FormError error={save.error} wording={greetingRefusalKey} />
          <div className="preferences-buttons">
            <button
              className="button primary"
              type="button"
              disabled={save.busy}
              onClick={() => void save.submit()}
            >
              {save.busy ? t('preferences.saving') : t(words.greetingSave)}
            </button>
            <button className="button" type="button" disabled={save.busy} onClick={() => setCandidate(null)}>
              {t('preferences.greeting.discard')}
            </button>
          </div>
        </div>
      )}
      <Announcer text={notice} />
      {notice && (
        <InlineNotice>
          <span aria-hidden="true">{notice}</span>
        </InlineNotice>
      )}
      {confirmDefault && (
        <ConfirmDialog
          title={t('preferences.greeting.useStandardTitle')}
          message={t(words.greetingUseStandardMessage)}
          confirmLabel={t('preferences.greeting.useStandard')}
          danger
          action={box.deleteGreeting}
          onDone={() => {
            setConfirmDefault(false);
            setNotice(t('preferences.greeting.standardNow'));
            reload();
          }}
          onCancel={() => setConfirmDefault(false)}
        />
      )}
    </section>
  );
}

/** A `blob:` URL for what the office sent, made once per answer and let go after. */
function useObjectUrl(blob: Blob | null, answer: unknown): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) return setUrl(null);
    const made = URL.createObjectURL(blob);
    setUrl(made);
    return () => URL.revokeObjectURL(made);
    // A new answer from the office, not each render's new Blob, makes a new URL.
  }, [answer]);
  return url;
}
