// A WAV or MP3 file to send to the office (music on hold, a menu's greeting): its label, the
// limits said beside it, and what is wrong with the chosen file, said before anything is sent.
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDuration, formatMegabytes } from '../format';
import type { Language } from '../i18n/languages';
import './field.css';

export interface AudioFileFieldProps {
  label: string;
  /** The limits in words, given the size and length written in the window's language. */
  limits: (values: { size: string; length: string }) => string;
  maxBytes: number;
  maxSeconds: number;
  onPick: (file: File | undefined) => void;
  /** What is wrong with the file picked, if anything. */
  problem: string | null;
  disabled?: boolean;
  /** Said below the limits (the file picked, what became of it). */
  children?: ReactNode;
}

export function AudioFileField(props: AudioFileFieldProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const fileId = useId();
  return (
    <div className="field">
      <p id={`${fileId}-label`} className="file-choice-label">
        {props.label}
      </p>
      {/* The browser's own file button speaks the browser's language: it is hidden, and this
          label, in the app's language, opens it (the input keeps the focus and the name). */}
      <input
        id={fileId}
        className="visually-hidden file-choice"
        type="file"
        accept=".wav,.mp3,audio/wav,audio/mpeg"
        aria-labelledby={`${fileId}-label`}
        aria-describedby={`${fileId}-hint`}
        disabled={props.disabled}
        onChange={(event) => {
          props.onPick(event.target.files?.[0]);
          // The same file may be picked again (after the office refused it, say).
          event.target.value = '';
        }}
      />
      <div>
        <label htmlFor={fileId} className="button" aria-hidden="true">
          {t('preferences.greeting.chooseFile')}
        </label>
      </div>
      <p id={`${fileId}-hint`} className="hint">
        {props.limits({
          size: formatMegabytes(language, props.maxBytes),
          length: formatDuration(language, props.maxSeconds),
        })}
      </p>
      {props.children}
      {props.problem && (
        <p className="alert" role="alert">
          {props.problem}
        </p>
      )}
    </div>
  );
}
