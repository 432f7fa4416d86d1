import { ok, renderWithApp, type ChannelAnswers } from '../../../test-support/render';
import AdminConsole from '../AdminConsole';
import type { adminSession } from './fixtures';
import { superAdminSession } from './fixtures';
import { openSection } from './open-section';

/**
 * Renders the console as a super admin, or the session given, and opens one section (the users
 * list answers empty).
 */
export async function openConsoleAt(
  section: string,
  answers: ChannelAnswers,
  session: typeof superAdminSession | typeof adminSession = superAdminSession,
) {
  const view = await renderWithApp(<AdminConsole session={session} />, {
    'admin:list-users': () => ok({ items: [], nextCursor: null }),
    ...answers,
  });
  await openSection(section);
  return view;
}
