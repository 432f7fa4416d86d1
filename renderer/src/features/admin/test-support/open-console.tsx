import type { Language } from '../../../i18n/languages';
import { ok, renderWithApp, type ChannelAnswers } from '../../../test-support/render';
import AdminConsole from '../AdminConsole';
import { superAdminSession } from './fixtures';
import { openSection } from './open-section';

/** Renders the console as a super admin and opens one section (the users list answers empty). */
export async function openConsoleAt(section: string, answers: ChannelAnswers, language: Language = 'en') {
  const view = await renderWithApp(
    <AdminConsole session={superAdminSession} />,
    {
      'admin:list-users': () => ok({ items: [], nextCursor: null }),
      ...answers,
    },
    language,
  );
  await openSection(section);
  return view;
}
