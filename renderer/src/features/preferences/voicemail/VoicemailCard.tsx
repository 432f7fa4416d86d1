import { useTranslation } from 'react-i18next';
import { useApi } from '../../../app/api-context';
import { ownVoicemailBox } from './box-api';
import { GreetingForm } from './GreetingForm';
import { PinForm } from './PinForm';
import './voicemail-settings.css';

/** The voicemail box's own settings: the PIN that opens it from a phone, and the greeting callers hear. */
export function VoicemailCard({ extension }: { extension: string }) {
  const { t } = useTranslation();
  const box = ownVoicemailBox(useApi());
  return (
    <section className="preferences-card stack voicemail-settings" aria-labelledby="voicemail-settings-title">
      <h2 id="voicemail-settings-title">{t('preferences.voicemailTitle')}</h2>
      <GreetingForm box={box} />
      <PinForm extension={extension} box={box} />
    </section>
  );
}
