// The PIN that opens the voicemail box from a phone: typed twice, its rules checked as it is typed
// (the same rules the office refuses an easy PIN by), saved to the office.
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { easyPin, VoicemailPin, type EasyPin } from '../../../../../common/api/voicemail';
import type { IpcError } from '../../../../../common/ipc/result';
import { useSubmit } from '../../../app/use-ipc';
import { errorMessageKey } from '../../../ui/error-message';
import { Announcer, InlineNotice, useFirstProblemInView, useScreenFeedback } from '../../../ui/feedback';
import { TextField } from '../../../ui/Field';
import { RuleList } from '../../../ui/RuleList';
import { textLimits } from '../../../ui/field-limits';
import { FormError } from '../../../ui/FormError';
import type { VoicemailBox } from './box-api';

const EASY_KEYS: Record<Exclude<EasyPin, 'extension'>, string> = {
  'repeated-digit': 'preferences.pin.easy.repeatedDigit',
  consecutive: 'preferences.pin.easy.consecutive',
  'repeated-pair': 'preferences.pin.easy.repeatedPair',
};

/** The office refused the PIN itself (an easy one its rules caught), or something else happened. */
const refusalKey = (error: IpcError) =>
  error.field === 'body.pin' ? 'preferences.pin.refused' : errorMessageKey(error);

/** The PIN of `box`, whose extension (if any) may not be its PIN; `onSaved` hears of each new one. */
export function PinForm({
  extension,
  box,
  onSaved,
}: {
  extension: string | null;
  box: VoicemailBox;
  onSaved?: () => void;
}) {
  const { t } = useTranslation();
  const { words } = box;
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const [pin, setPin] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [saved, setSaved] = useScreenFeedback<true>();
  const save = useSubmit(
    () => box.setPin(pin),
    () => {
      setPin('');
      setConfirmation('');
      setSaved(true);
      onSaved?.();
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
      text: easy ? t(easy === 'extension' ? words.pinEasyExtension : EASY_KEYS[easy]) : t(words.pinNotEasy),
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
      <p className="hint">{t(words.pinLead)}</p>
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
      <Announcer text={saved && t(words.pinSaved)} />
      {saved && (
        <InlineNotice>
          <span aria-hidden="true">{t(words.pinSaved)}</span>
        </InlineNotice>
      )}
    </form>
  );
}
