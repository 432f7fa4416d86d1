// Every admin section through the states UI.md asks of each screen: loading (skeleton rows),
// offline (what still works, and a retry), error (in words, never the office's raw text), and
// what it shows once the retry succeeds. One table, so a new section cannot skip a state.
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { IpcResult } from '../../../../common/ipc/result';
import { ok, type ChannelAnswers } from '../../test-support/render';
import { company, failure } from './test-support/fixtures';
import { openConsoleAt } from './test-support/open-console';

afterEach(cleanup);

const page = { items: [], nextCursor: null };
const list = { items: [] };
const callTotals = {
  calls: 0,
  results: { answered: 0, missed: 0, busy: 0, voicemail: 0, failed: 0, cancelled: 0 },
  talkSeconds: 0,
};

/** What every list channel answers when it is not the one under test. */
const QUIET: Record<string, unknown> = {
  'admin:list-users': page,
  'admin:list-devices': list,
  'admin:list-phone-numbers': list,
  'admin:list-ring-groups': list,
  'admin:list-user-groups': list,
  'admin:list-settings-templates': list,
  'admin:list-email-templates': list,
  'admin:company': company,
  'admin:audit-log': page,
  'admin:outbox': page,
  'admin:call-log': { ...page, totals: callTotals },
};

/** Each section's name in the navigation, the channel its content comes from, and what it then shows. */
const SECTIONS: { section: string; channel: string; loaded: RegExp | { value: string } }[] = [
  { section: 'Call log', channel: 'admin:call-log', loaded: /No calls yet/ },
  { section: 'Users and extensions', channel: 'admin:list-users', loaded: /No users yet/ },
  { section: 'Devices', channel: 'admin:list-devices', loaded: /No devices yet/ },
  { section: 'Phone numbers', channel: 'admin:list-phone-numbers', loaded: /No phone numbers yet/ },
  { section: 'Ring groups', channel: 'admin:list-ring-groups', loaded: /No ring groups yet/ },
  { section: 'Company and security', channel: 'admin:company', loaded: { value: 'Acme' } },
  { section: 'User groups', channel: 'admin:list-user-groups', loaded: /No user groups yet/ },
  {
    section: 'Settings templates',
    channel: 'admin:list-settings-templates',
    loaded: /No settings templates/,
  },
  { section: 'Email templates', channel: 'admin:list-email-templates', loaded: /No email templates/ },
  { section: 'Audit log', channel: 'admin:audit-log', loaded: /Nothing has been changed/ },
  { section: 'Outbox', channel: 'admin:outbox', loaded: /No mail has been sent/ },
];

function answersWith(channel: string, answer: () => IpcResult<unknown> | Promise<IpcResult<unknown>>) {
  const answers: ChannelAnswers = {};
  for (const [name, value] of Object.entries(QUIET)) answers[name] = () => ok(value);
  answers[channel] = answer;
  return answers;
}

const panel = (section: string) => screen.getByRole('region', { name: section });

describe('every admin section', () => {
  for (const { section, channel, loaded } of SECTIONS) {
    it(`${section}: loading, offline, error, then loaded`, async () => {
      let answer: () => IpcResult<unknown> | Promise<IpcResult<unknown>> = () => new Promise(() => {});
      await openConsoleAt(
        section,
        answersWith(channel, () => answer()),
      );
      expect(within(panel(section)).getByRole('status', { name: 'Loading' })).toBeTruthy();
      cleanup();

      answer = () => failure('offline');
      await openConsoleAt(
        section,
        answersWith(channel, () => answer()),
      );
      const offline = await within(panel(section)).findByRole('alert');
      expect(offline.textContent).toContain('The office server cannot be reached');
      answer = () => failure('internal_error');
      await userEvent.click(within(offline).getByRole('button', { name: 'Try again' }));
      const failed = await within(panel(section)).findByText(/Something went wrong/);
      expect(failed.textContent).not.toContain('raw office text');

      answer = () => ok(QUIET[channel]);
      await userEvent.click(within(panel(section)).getByRole('button', { name: 'Try again' }));
      const shown = within(panel(section));
      expect(
        await (loaded instanceof RegExp ? shown.findByText(loaded) : shown.findByDisplayValue(loaded.value)),
      ).toBeTruthy();
      expect(within(panel(section)).queryByRole('alert')).toBeNull();
    });
  }
});
