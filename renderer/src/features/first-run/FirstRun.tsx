import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Static } from 'typebox';
import { FirstRunCompany } from '../../../../common/api/company';
import type { FirstRunAdmin } from '../../../../common/ipc/domains/app';
import { useApi } from '../../app/api-context';
import { useSubmit } from '../../app/use-ipc';
import { isLanguage, type Language } from '../../i18n/languages';
import { TextField } from '../../ui/Field';
import { textLimits } from '../../ui/field-limits';
import { FormError } from '../../ui/FormError';
import { CountryField, LanguageField, localOffice, TimeZoneField } from '../../ui/LocaleFields';
import { Secret } from '../../ui/Secret';
import './first-run.css';

export interface FirstRunProps {
  admin: Static<typeof FirstRunAdmin>;
  onContinue: () => void;
}

/**
 * The embedded office's first run: what the office is called, where it is and which language
 * it writes its mail in (this computer's country, time zone and the app's language to start
 * with), and its super admin's one-time password, shown on this launch only: the app is the
 * only place it ever appears, so the screen says so and offers a copy.
 */
export function FirstRun({ admin, onContinue }: FirstRunProps) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [name, setName] = useState('');
  const [{ country, timeZone }, setWhere] = useState(localOffice);
  // The language the app speaks here, to start with.
  const [language, setLanguage] = useState<Language>(() => {
    const shown = i18n.resolvedLanguage ?? null;
    return isLanguage(shown) ? shown : 'en';
  });
  const { busy, error, submit } = useSubmit(async () => {
    const result = await api.app.setUpOffice({ name: name.trim(), country, timeZone, language });
    // Set up already (its password was changed meanwhile, in another window): sign-in is next anyway.
    return !result.ok && result.error.code === 'conflict' ? { ok: true as const, value: null } : result;
  }, onContinue);

  // Main names the request's fields (`request.timeZone`) in its refusals.
  const refused = (field: string) => error?.field === `request.${field}`;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit();
  };

  return (
    <main className="screen-center">
      <form className="card stack first-run" aria-labelledby="first-run-title" onSubmit={onSubmit}>
        <div>
          <h1 id="first-run-title">{t('firstRun.title')}</h1>
          <p className="lead">{t('firstRun.lead')}</p>
        </div>
        <FormError error={error} />
        <fieldset className="stack">
          <legend>{t('firstRun.office')}</legend>
          <TextField
            id="first-run-company"
            label={t('firstRun.companyName')}
            hint={t('firstRun.companyNameHint')}
            required
            autoComplete="organization"
            {...textLimits(FirstRunCompany.properties.name)}
            value={name}
            invalid={refused('name')}
            onChange={setName}
          />
          <CountryField
            id="first-run-country"
            label={t('locale.country')}
            value={country}
            invalid={refused('country')}
            onChange={(value) => setWhere({ country: value, timeZone })}
          />
          <TimeZoneField
            id="first-run-time-zone"
            label={t('locale.timeZone')}
            value={timeZone}
            invalid={refused('timeZone')}
            onChange={(value) => setWhere({ country, timeZone: value })}
          />
          <LanguageField
            id="first-run-language"
            label={t('firstRun.language')}
            hint={t('firstRun.languageHint')}
            value={language}
            invalid={refused('language')}
            onChange={setLanguage}
          />
        </fieldset>
        <fieldset className="stack">
          <legend>{t('firstRun.signIn')}</legend>
          <div className="field">
            <span>{t('firstRun.email')}</span>
            <strong>{admin.email}</strong>
          </div>
          <div className="field">
            <span id="first-run-password">{t('firstRun.password')}</span>
            <div className="secret">
              <Secret value={admin.temporaryPassword} labelledBy="first-run-password" />
            </div>
          </div>
          <p role="note">{t('firstRun.onlyOnce')}</p>
          <p>{t('firstRun.next')}</p>
        </fieldset>
        <button className="button primary" type="submit" disabled={busy}>
          {t('firstRun.continue')}
        </button>
      </form>
    </main>
  );
}
