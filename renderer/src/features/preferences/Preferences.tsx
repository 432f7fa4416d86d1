import type { Static } from 'typebox';
import type { Session } from '../../../../common/ipc/domains/auth';
import { AppSettingsForm } from './AppSettingsForm';
import { ExtensionForm } from './ExtensionForm';
import './preferences.css';

/** Extension preferences (kept by the office) and this app's own settings. */
export function Preferences({ session }: { session: Static<typeof Session> }) {
  return (
    <div className="preferences">
      <ExtensionForm extension={session.user.extension} />
      <AppSettingsForm extension={session.user.extension} />
    </div>
  );
}
