import type { Static } from 'typebox';
import type { Session } from '../../../../common/ipc/domains/auth';
import { AppSettingsForm } from './AppSettingsForm';
import { ExtensionForm } from './ExtensionForm';
import { RingGroupsForm } from './RingGroupsForm';
import type { MailLanguage } from './use-mail-language';
import './preferences.css';

/** Extension preferences (kept by the office) and this app's own settings. */
export function Preferences({ session, mail }: { session: Static<typeof Session>; mail: MailLanguage }) {
  return (
    <div className="preferences">
      <ExtensionForm extension={session.user.extension} />
      <RingGroupsForm />
      <AppSettingsForm mail={mail} />
    </div>
  );
}
