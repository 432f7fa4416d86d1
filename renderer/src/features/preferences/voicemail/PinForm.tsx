// The PIN that opens the voicemail box from a phone: typed twice, its rules checked as it is typed
// (the same rules the office refuses an easy PIN by), saved to the office.
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { easyPin, VoicemailPin, type EasyPin } from '../../../../../common/api/voicemail';
import type { IpcError } from '../../../../../common/ipc/result';
import { useApi } from '../../../app/api-context';
import { useSubmit } from '../../../app/use-ipc';
import { errorMessageKey } from '../../../ui/error-message';
import { Announcer, InlineNotice, useFirstProblemInView, useScreenFeedback } from '../../../ui/feedback';
import { TextField } from '../../../ui/Field';
import { RuleList } from '../../../ui/RuleList';
import { textLimits } from '../../../ui/field-limits';
import { FormError } from '../../../ui/FormError';

const EASY_KEYS: Record<EasyPin, string> = {
  'repeated-digit': 'preferences.pin.easy.repeatedDigit',
  consecutive: 'preferences.pin.easy.consecutive',
  'repeated-pair': 'preferences.pin.easy.repeatedPair',
  extension: 'preferences.pin.easy.extension',
};

/** The office refused the PIN itself (an easy one its rules caught), or something else happened. */
const refusalKey = (error: IpcError) =>
  error.field === 'body.pin' ? 'preferences.pin.refused' : errorMessageKey(error);

export function PinForm({ extension }: { extension: string | null }) {
  const { t } = useTranslation();
  const api = useApi();
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const [pin, setPin] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [saved, setSaved] = useScreenFeedback<true>();
  const save = useSubmit(
    () => api.voicemail.setPin({ body: { pin } }),
    () => {
      setPin('');
      setConfirmation('');
      setSaved(true);
    },
  );
  useFirstProblemInView(form, save.error);

  const digits = /^[0-9]{4,10}$/.test(pin);
  const easy = digits ? easyPin(pin, extension) : null;
  const rules = [
    { key: 'digits', met: digits, text: t('preferences.pin.rules.digits') },
    {
      key: 'easy',
      met: digits && easy === null,
      text: easy ? t(EASY_KEYS[easy]) : t('preferences.pin.rules.notEasy'),
    },
    {
      key: 'match',
      met: confirmation.length > 0 && confirmation === pin,
      text: t('preferences.pin.rules.match'),
    },
  ];
  const typed = pin.length > 0;
  const ready = rules.every((rule) => rule.met);

  const edit = (change: () => void) => {
    save.clear();
    setSaved(null);
    change();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ready) void save.submit();
  };

  return (
    <form ref={form} className="stack" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('preferences.pin.title')}</h3>
      <p className="hint">{t('preferences.pin.lead')}</p>
      <FormError error={save.error} wording={refusalKey} />
      <TextField
        id={`${id}-pin`}
        label={t('preferences.pin.pin')}
        type="password"
        inputMode="numeric"
        autoComplete="off"
        {...textLimits(VoicemailPin)}
        describedBy={`${id}-rules`}
        invalid={save.error?.field === 'body.pin' || (typed && !rules[0]!.met) || easy !== null}
        value={pin}
        onChange={(value) => edit(() => setPin(value.replace(/\D/g, '')))}
      />
      <TextField
        id={`${id}-confirm`}
        label={t('preferences.pin.confirm')}
        type="password"
        inputMode="numeric"
        autoComplete="off"
        {...textLimits(VoicemailPin)}
        invalid={confirmation.length > 0 && confirmation !== pin}
        value={confirmation}
        onChange={(value) => edit(() => setConfirmation(value.replace(/\D/g, '')))}
      />
      <RuleList id={`${id}-rules`} label={t('preferences.pin.rules.title')} rules={rules} typed={typed} />
      <div className="preferences-buttons">
        <button className="button primary" type="submit" disabled={save.busy || !ready}>
          {save.busy ? t('preferences.saving') : t('preferences.pin.save')}
        </button>
      </div>
      <Announcer text={saved && t('preferences.pin.saved')} />
      {saved && (
        <InlineNotice>
          <span aria-hidden="true">{t('preferences.pin.saved')}</span>
        </InlineNotice>
      )}
    </form>
  );
}
