// Which office the app signs in at: the one on this computer (preselected when it runs), or
// another server's address, which main checks before it is used.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Static } from 'typebox';
import type { AppInfo } from '../../../../common/ipc/domains/app';
import { ServerUrl } from '../../../../common/ipc/domains/settings';
import type { IpcError } from '../../../../common/ipc/result';
import { useApi } from '../../app/api-context';
import { useIpc, useSubmit } from '../../app/use-ipc';
import { errorMessageKey } from '../../ui/error-message';
import { TextField } from '../../ui/Field';
import { schemaLimits } from '../../ui/field-limits';
import { FormError } from '../../ui/FormError';
import { Skeleton } from '../../ui/ScreenStates';

type Info = Static<typeof AppInfo>;

const ERROR_KEYS: Partial<Record<IpcError['code'], string>> = {
  offline: 'officePicker.errors.unreachable',
  not_an_office: 'officePicker.errors.notAnOffice',
  invalid_request: 'officePicker.errors.notAnAddress',
};

const officeErrorKey = (error: IpcError) => ERROR_KEYS[error.code] ?? errorMessageKey(error);

/** "phones.example.com" means https://phones.example.com; a typed scheme is kept. */
export const officeAddress = (typed: string) => {
  const trimmed = typed.trim().replace(/\/+$/, '');
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
};

export function OfficePicker() {
  const { t } = useTranslation();
  const api = useApi();
  const id = useId();
  const [launched] = useIpc(() => api.app.info({}), 'app-info');
  const [chosen, setChosen] = useState<Info | null>(null);
  const [editing, setEditing] = useState(false);
  const [choice, setChoice] = useState<'embedded' | 'remote'>('remote');
  const [address, setAddress] = useState('');
  const use = useSubmit(
    () => api.app.useOffice({ url: choice === 'embedded' ? null : officeAddress(address) }),
    (info: Info) => {
      setChosen(info);
      setEditing(false);
    },
  );
  const { busy, error } = use;

  if (launched.status !== 'ready') return <Skeleton label={t('officePicker.loading')} />;
  const info = chosen ?? launched.value;
  // The office on this computer can be chosen again only if this launch started one.
  const embeddedRuns = launched.value.office.mode === 'embedded';

  const open = () => {
    setChoice(info.office.mode === 'embedded' || !embeddedRuns ? 'remote' : 'embedded');
    setAddress(info.office.mode === 'remote' ? info.office.url : '');
    use.clear();
    setEditing(true);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void use.submit();
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
      <FormError error={error} wording={officeErrorKey} id={`${id}-error`} />
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
        <TextField
          id={`${id}-address`}
          label={t('officePicker.address')}
          inputMode="url"
          autoComplete="url"
          placeholder="phones.example.com"
          // What is typed may leave out https:// (added before it is sent): only its length holds.
          maxLength={schemaLimits(ServerUrl).maxLength}
          invalid={error !== null}
          value={address}
          onChange={setAddress}
          onKeyDown={(event) => {
            if (event.key === 'Enter') submit(event);
          }}
        />
      )}
      <div className="form-actions">
        <button
          type="button"
          className="button"
          disabled={busy || (choice === 'remote' && address.trim().length === 0)}
          onClick={submit}
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
