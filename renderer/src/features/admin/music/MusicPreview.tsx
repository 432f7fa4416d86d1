// Plays a music file as callers hear it: fetched from the office when asked, not before (a
// file is megabytes), into an audio element.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MusicFile } from '../../../../../common/api/music';
import { useErrorKey } from '../../../ui/error-message';
import { useAdminApi } from '../admin-api';

function blobOf(base64: string, type: string): Blob {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let index = 0; index < text.length; index++) bytes[index] = text.charCodeAt(index);
  return new Blob([bytes], { type });
}

export function MusicPreview({ music }: { music: MusicFile }) {
  const { t } = useTranslation();
  const errorWords = useErrorKey();
  const admin = useAdminApi();
  const [state, setState] = useState<
    { status: 'idle' | 'loading' } | { status: 'ready'; url: string } | { status: 'failed'; text: string }
  >({ status: 'idle' });
  const url = state.status === 'ready' ? state.url : null;
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);

  const load = async () => {
    setState({ status: 'loading' });
    const answer = await admin.musicAudio({ id: music.id });
    if (!answer.ok) return setState({ status: 'failed', text: t(errorWords(answer.error)) });
    setState({
      status: 'ready',
      url: URL.createObjectURL(blobOf(answer.value.data, answer.value.audioType)),
    });
  };

  if (state.status === 'ready')
    return (
      <audio
        controls
        autoPlay
        src={state.url}
        aria-label={t('admin.music.playNamed', { name: music.name })}
      />
    );
  return (
    <>
      <button
        className="button"
        type="button"
        disabled={state.status === 'loading'}
        aria-label={t('admin.music.playNamed', { name: music.name })}
        onClick={() => void load()}
      >
        {t('admin.music.play')}
      </button>
      {state.status === 'failed' && (
        <span className="alert" role="alert">
          {state.text}
        </span>
      )}
    </>
  );
}
