// The fields that say where an office is and which language it writes in: country, time zone,
// language. The values are codes; the names are Intl's, in the reader's language.
import { useMemo } from 'react';
import { getCountries, getCountryCallingCode, type CountryCode } from 'libphonenumber-js/min';
import { useTranslation } from 'react-i18next';
import { COUNTRY_CODES } from '../../../common/api/locale';
import { LANGUAGES, type Language } from '../i18n/languages';
import { SelectField, type SelectFieldProps } from './Field';
import { LANGUAGE_NAME_KEYS } from './language-names';
import './locale-fields.css';

type ChoiceProps<V extends string> = Omit<SelectFieldProps<V>, 'children'>;

/** en, es or fr, each named in its own tongue. */
export function LanguageField(props: ChoiceProps<Language>) {
  const { t } = useTranslation();
  return (
    <SelectField {...props}>
      {LANGUAGES.map((option) => (
        <option key={option} value={option} lang={option}>
          {t(LANGUAGE_NAME_KEYS[option])}
        </option>
      ))}
    </SelectField>
  );
}

/** The countries of `codes` with their names in the reader's language, in the order of those names. */
function useCountryNames<C extends string>(codes: readonly C[]): { code: C; name: string }[] {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(() => {
    const names = new Intl.DisplayNames([language], { type: 'region' });
    return codes
      .map((code) => ({ code, name: names.of(code) ?? code }))
      .sort((a, b) => a.name.localeCompare(b.name, language));
  }, [codes, language]);
}

/** Every ISO 3166-1 country, by name in the reader's language; "not set" only while none is. */
export function CountryField(props: ChoiceProps<string>) {
  const { t } = useTranslation();
  const countries = useCountryNames(COUNTRY_CODES);
  return (
    <SelectField className="locale-field" {...props}>
      {props.value === '' && <option value="">{t('locale.noCountry')}</option>}
      {countries.map(({ code, name }) => (
        <option key={code} value={code}>
          {name}
        </option>
      ))}
    </SelectField>
  );
}

/** The countries whose phone numbers libphonenumber-js reads. */
const PHONE_COUNTRIES: readonly CountryCode[] = getCountries();

/** A country's flag: its two letters as regional indicator symbols. */
const flagOf = (code: string) =>
  String.fromCodePoint(...[...code].map((letter) => 0x1f1e6 + letter.charCodeAt(0) - 65));

/** The countries phone numbers are read in, each with its flag and calling code (`🇪🇸 Spain (+34)`). */
export function PhoneCountryField(props: ChoiceProps<string>) {
  const { t } = useTranslation();
  const countries = useCountryNames(PHONE_COUNTRIES);
  return (
    <SelectField className="locale-field" {...props}>
      <option value="">{t('locale.noCountry')}</option>
      {countries.map(({ code, name }) => (
        <option key={code} value={code}>
          {`${flagOf(code)} ${name} (+${getCountryCallingCode(code)})`}
        </option>
      ))}
    </SelectField>
  );
}

/** Every time zone this engine knows, with its offset from UTC now (`Europe/Madrid (GMT+1)`). */
export function TimeZoneField(props: ChoiceProps<string>) {
  const { i18n } = useTranslation();
  const language = i18n.language;
  const zones = useMemo(() => {
    const known = Intl.supportedValuesOf('timeZone');
    // The list has canonical names only: a zone kept under another name (UTC) is offered too.
    const all = known.includes(props.value) ? known : [props.value, ...known];
    const now = new Date();
    return all.map((zone) => {
      const offset = new Intl.DateTimeFormat(language, { timeZone: zone, timeZoneName: 'shortOffset' })
        .formatToParts(now)
        .find((part) => part.type === 'timeZoneName')?.value;
      return { zone, label: `${zone.replaceAll('_', ' ')}${offset ? ` (${offset})` : ''}` };
    });
  }, [language, props.value]);
  return (
    <SelectField className="locale-field" {...props}>
      {zones.map(({ zone, label }) => (
        <option key={zone} value={zone}>
          {label}
        </option>
      ))}
    </SelectField>
  );
}

/** Where this computer says it is: its region's country (if any) and its time zone. */
export function localOffice(): { country: string; timeZone: string } {
  const { locale, timeZone } = Intl.DateTimeFormat().resolvedOptions();
  const region = new Intl.Locale(locale).maximize().region ?? '';
  return { country: COUNTRY_CODES.includes(region) ? region : '', timeZone };
}
