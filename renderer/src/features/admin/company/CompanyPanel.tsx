import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TSchema } from 'typebox';
import {
  AdminContact,
  CompanyPatch,
  type Company,
  type DigestAlgorithms,
  type SecuritySettings,
} from '../../../../../common/api/company';
import type { Language } from '../../../../../common/api/preferences';
import { Email } from '../../../../../common/api/primitives';
import { useIpc, useSubmit } from '../../../app/use-ipc';
import { SelectField, TextField } from '../../../ui/Field';
import { CountryField, LanguageField, TimeZoneField } from '../../../ui/LocaleFields';
import { textLimits } from '../../../ui/field-limits';
import { FormError } from '../../../ui/FormError';
import { refused } from '../../../ui/FormDialog';
import { useAdminApi } from '../admin-api';
import { useFirstProblemInView, useScreenFeedback } from '../../../ui/feedback';
import { SaveRow } from '../../../ui/SaveRow';
import { PanelHead } from '../PanelHead';
import { Loading } from '../PanelStatus';
import { SECURITY_FIELDS, type NumericSecurityKey } from './security-fields';
import { DIGEST_CHOICES } from './digest-choices';
import { OutsideCallFields, outsideCallDraft, outsideCallLimits } from './OutsideCallFields';
import type { PanelProps } from '../sections';

/**
 * Company details and the security settings: password policy, lockout, session limits, SIP
 * digest challenges. The security settings bind every account, super admins' included: a plain
 * admin sees them read-only.
 */
export function CompanyPanel({ actor }: PanelProps) {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const [company, reload] = useIpc(() => admin.company({}), 'company');
  return (
    <div className="stack">
      <PanelHead title={t('admin.sections.company')} />
      <Loading state={company} onRetry={reload}>
        {(value) => <CompanyForm company={value} maySetSecurity={actor.role === 'superadmin'} />}
      </Loading>
    </div>
  );
}

function CompanyForm({ company, maySetSecurity }: { company: Company; maySetSecurity: boolean }) {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const [name, setName] = useState(company.name);
  const [address, setAddress] = useState(company.address);
  const [contact, setContact] = useState(company.adminContact);
  const [language, setLanguage] = useState<Language>(company.language);
  const [country, setCountry] = useState(company.country);
  const [timeZone, setTimeZone] = useState(company.timeZone);
  const form = useRef<HTMLFormElement>(null);
  // Kept as typed: an emptied number field must not turn into 0 under the admin's fingers.
  const [security, setSecurity] = useState<Record<NumericSecurityKey, string>>(
    () =>
      Object.fromEntries(SECURITY_FIELDS.map(({ key }) => [key, String(company.security[key])])) as Record<
        NumericSecurityKey,
        string
      >,
  );
  const [digest, setDigest] = useState<DigestAlgorithms>(company.security.sipDigestAlgorithms);
  const [outsideCalls, setOutsideCalls] = useState(() => outsideCallDraft(company.outsideCalls));
  const [saved, setSaved] = useScreenFeedback<true>();
  const { busy, error, submit } = useSubmit(
    () => {
      setSaved(null);
      return admin.updateCompany({
        body: {
          name: name.trim(),
          address: address.trim(),
          adminContact: {
            name: contact.name.trim(),
            email: contact.email.trim(),
            phone: contact.phone.trim(),
          },
          language,
          country,
          timeZone,
          ...(maySetSecurity && {
            security: {
              ...(Object.fromEntries(
                Object.entries(security).map(([key, value]) => [key, Number(value)]),
              ) as Omit<SecuritySettings, 'sipDigestAlgorithms'>),
              sipDigestAlgorithms: digest,
            },
            outsideCalls: outsideCallLimits(outsideCalls),
          }),
        },
      });
    },
    () => setSaved(true),
  );
  useFirstProblemInView(form, error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit();
  };

  /** A text field of the body field `field` (`adminContact.email`), held to its schema. */
  const text = (
    field: string,
    label: string,
    value: string,
    onChange: (value: string) => void,
    schema: TSchema,
  ) => (
    <TextField
      id={`company-${field}`}
      label={label}
      {...textLimits(schema)}
      value={value}
      invalid={refused(error, field)}
      onChange={onChange}
    />
  );

  return (
    <form ref={form} className="stack admin-company" onSubmit={onSubmit}>
      <FormError error={error} />
      <fieldset className="admin-fieldset stack">
        <legend>{t('admin.company.details')}</legend>
        {text('name', t('admin.company.name'), name, setName, CompanyPatch.properties.name)}
        {text('address', t('admin.company.address'), address, setAddress, CompanyPatch.properties.address)}
        {text(
          'adminContact.name',
          t('admin.company.contactName'),
          contact.name,
          (v) => setContact({ ...contact, name: v }),
          AdminContact.properties.name,
        )}
        {text(
          'adminContact.email',
          t('admin.company.contactEmail'),
          contact.email,
          (v) => setContact({ ...contact, email: v }),
          // The contact's email may also be left empty.
          Email,
        )}
        {text(
          'adminContact.phone',
          t('admin.company.contactPhone'),
          contact.phone,
          (v) => setContact({ ...contact, phone: v }),
          AdminContact.properties.phone,
        )}
        <LanguageField
          id="company-language"
          label={t('admin.company.language')}
          hint={t('admin.company.languageHint')}
          value={language}
          invalid={refused(error, 'language')}
          onChange={setLanguage}
        />
        <CountryField
          id="company-country"
          label={t('locale.country')}
          value={country}
          invalid={refused(error, 'country')}
          onChange={setCountry}
        />
        <TimeZoneField
          id="company-time-zone"
          label={t('locale.timeZone')}
          hint={t('admin.company.timeZoneHint')}
          value={timeZone}
          invalid={refused(error, 'timeZone')}
          onChange={setTimeZone}
        />
      </fieldset>
      <fieldset className="admin-fieldset stack">
        <legend>{t('admin.company.security')}</legend>
        {!maySetSecurity && <p className="hint">{t('admin.company.securityReadOnly')}</p>}
        {SECURITY_FIELDS.map(({ key, label, hint, min, max }) => (
          <TextField
            key={key}
            id={`security-${key}`}
            label={t(label)}
            type="number"
            required
            readOnly={!maySetSecurity}
            min={min}
            max={max}
            step={1}
            value={security[key]}
            hint={t(hint, { min, max })}
            invalid={refused(error, `security.${key}`)}
            onChange={(value) => setSecurity({ ...security, [key]: value })}
          />
        ))}
        <SelectField
          id="security-sipDigestAlgorithms"
          label={t('admin.company.sipDigest')}
          hint={t('admin.company.sipDigestHint')}
          disabled={!maySetSecurity}
          value={digest}
          invalid={refused(error, 'security.sipDigestAlgorithms')}
          onChange={setDigest}
        >
          {DIGEST_CHOICES.map(({ value, label }) => (
            <option key={value} value={value}>
              {t(label)}
            </option>
          ))}
        </SelectField>
      </fieldset>
      <OutsideCallFields
        value={outsideCalls}
        editable={maySetSecurity}
        error={error}
        onChange={setOutsideCalls}
      />
      <SaveRow busy={busy} label={t('admin.common.save')} saved={saved && t('admin.company.saved')} />
    </form>
  );
}
