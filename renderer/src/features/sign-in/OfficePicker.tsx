// Which office the app signs in at: the one on this computer (preselected when it runs), or
// another server's address, which main checks before it is used.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Static } from 'typebox';
import type { AppInfo } from '../../../../common/ipc/domains/app';
import type { IpcError } from '../../../../common/ipc/result';
import { useApi } from '../../app/api-context';
import { errorMessageKey } from '../../ui/error-message';

type Info = Static<typeof AppInfo>;

const ERROR_KEYS: Partial<Record<IpcError['code'], string>> = {
  offline: 'officePicker.errors.unreachable',
  not_an_office: 'officePicker.errors.notAnOffice',
  invalid_request: 'officePicker.errors.notAnAddress',
};

/** "phones.example.com" means https://phones.example.com; a typed scheme is kept. */
export const officeAddress = (typed: string) => {
  const trimmed = typed.trim().replace(/\/+$/, '');
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
};

export function OfficePicker() {
  const { t } = useTranslation();
  const api = useApi();
  const id = useId();
  const [info, setInfo] = useState<Info | null>(null);
  // The office on this computer can be chosen again only if this launch started one.
  const [embeddedRuns, setEmbeddedRuns] = useState(false);
  const [editing, setEditing] = useState(false);
  const [choice, setChoice] = useState<'embedded' | 'remote'>('remote');
  const [address, setAddress] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);

  useEffect(() => {
    let live = true;
    void api.app.info({}).then((result) => {
      if (!live || !result.ok) return;
      setInfo(result.value);
      setEmbeddedRuns(result.value.office.mode === 'embedded');
    });
    return () => {
      live = false;
    };
  }, [api]);

  if (!info)
    return <div className="skeleton" role="status" aria-busy="true" aria-label={t('officePicker.loading')} />;

  const open = () => {
    setChoice(info.office.mode === 'embedded' || !embeddedRuns ? 'remote' : 'embedded');
    setAddress(info.office.mode === 'remote' ? info.office.url : '');
    setError(null);
    setEditing(true);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await api.app.useOffice({ url: choice === 'embedded' ? null : officeAddress(address) });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setInfo(result.value);
    setEditing(false);
  };

  const current =
    info.office.mode === 'embedded' ? t('officePicker.thisComputer') : new URL(info.office.url).host;

  if (!editing)
    return (
      <div className="office-current">
        <span>
          {t('officePicker.label')}: <strong>{current}</strong>
        </span>
        <button type="button" className="link-button" onClick={open}>
          {t('officePicker.change')}
        </button>
      </div>
    );

  // Its own form inside the sign-in card would nest forms: a group with its own submit instead.
  return (
    <fieldset className="office-picker" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{t('officePicker.label')}</legend>
      {error && (
        <div className="alert" role="alert" id={`${id}-error`}>
          {t(ERROR_KEYS[error.code] ?? errorMessageKey(error))}
        </div>
      )}
      {embeddedRuns && (
        <label className="check">
          <input
            type="radio"
            name={`${id}-choice`}
            checked={choice === 'embedded'}
            onChange={() => setChoice('embedded')}
          />
          {t('officePicker.thisComputer')}
        </label>
      )}
      <label className="check">
        <input
          type="radio"
          name={`${id}-choice`}
          checked={choice === 'remote'}
          onChange={() => setChoice('remote')}
        />
        {t('officePicker.another')}
      </label>
      {choice === 'remote' && (
        <div className="field">
          <label htmlFor={`${id}-address`}>{t('officePicker.address')}</label>
          <input
            id={`${id}-address`}
            type="text"
            inputMode="url"
            autoComplete="url"
            placeholder="phones.example.com"
            maxLength={2048}
            aria-invalid={error !== null}
            value={address}
            onChange={(event) => setAddress(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') void submit(event);
            }}
          />
        </div>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="button"
          disabled={busy || (choice === 'remote' && address.trim().length === 0)}
          onClick={(event) => void submit(event)}
        >
          {busy ? t('officePicker.checking') : t('officePicker.use')}
        </button>
        <button type="button" className="button" onClick={() => setEditing(false)}>
          {t('officePicker.cancel')}
        </button>
      </div>
    </fieldset>
  );
}
