import type { Language } from '../../../i18n/languages';
import { ok, renderWithApp, type ChannelAnswers } from '../../../test-support/render';
import AdminConsole from '../AdminConsole';
import type { adminSession } from './fixtures';
import { superAdminSession } from './fixtures';
import { openSection } from './open-section';

/**
 * Renders the console as a super admin, or the session given, in English or the language given,
 * and opens one section (the users list answers empty).
 */
export async function openConsoleAt(
  section: string,
  answers: ChannelAnswers,
  {
    session = superAdminSession,
    language = 'en',
  }: { session?: typeof superAdminSession | typeof adminSession; language?: Language } = {},
) {
  const view = await renderWithApp(
    <AdminConsole session={session} />,
    {
      'admin:list-users': () => ok({ items: [], nextCursor: null }),
      ...answers,
    },
    language,
  );
  await openSection(section);
  return view;
}
