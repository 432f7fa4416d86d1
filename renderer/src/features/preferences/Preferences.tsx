import type { Static } from 'typebox';
import type { Session } from '../../../../common/ipc/domains/auth';
import { ChangePasswordForm } from '../password-change/ChangePasswordForm';
import { AppSettingsForm } from './AppSettingsForm';
import { ExtensionForm } from './ExtensionForm';
import { RingGroupsForm } from './RingGroupsForm';
import type { MailLanguage } from './use-mail-language';
import { VoicemailCard } from './voicemail/VoicemailCard';
import './preferences.css';

/**
 * Extension preferences and the voicemail box's settings (kept by the office), this app's own
 * settings, and the person's password.
 */
export function Preferences({ session, mail }: { session: Static<typeof Session>; mail: MailLanguage }) {
  const { extension } = session.user;
  return (
    <div className="preferences">
      <ExtensionForm extension={extension} />
      {extension && <VoicemailCard extension={extension} />}
      <RingGroupsForm />
      <AppSettingsForm mail={mail} />
      <ChangePasswordForm user={session.user} />
    </div>
  );
}
