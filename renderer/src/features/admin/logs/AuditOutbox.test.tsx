import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../../test-support/render';
import { deferred, failure } from '../test-support/fixtures';
import { openConsoleAt } from '../test-support/open-console';

afterEach(cleanup);

const entry = (id: string, action: string) => ({
  id,
  at: '2026-11-20T10:00:00.000Z',
  actorId: 'boss',
  actorName: 'Bea Boss',
  action,
  targetType: 'user',
  targetId: 'ada',
  targetName: 'Ada Lovelace',
  details: {},
});

const mail = {
  id: 'm1',
  to: 'ada@example.com',
  recipientUserId: 'ada',
  kind: 'welcome' as const,
  subject: 'Welcome to Acme',
  body: 'Temporary password: •••',
  status: 'failed' as const,
  error: 'SMTP refused the recipient',
  createdAt: '2026-11-20T10:00:00.000Z',
  sentAt: null,
};

describe('AuditLogPanel', () => {
  it('says who in the admin’s language: the office itself, and an action it does not know as its code', async () => {
    await openConsoleAt(
      'Journal d’audit',
      {
        'admin:audit-log': () =>
          ok({
            items: [
              { ...entry('a1', 'user.password-recovered'), actorId: null, actorName: 'system' },
              { ...entry('a2', 'trunk.created'), targetName: null, targetId: 't9' },
              { ...entry('a3', 'company.updated'), targetType: 'company', targetName: null, targetId: null },
            ],
            nextCursor: null,
          }),
      },
      { language: 'fr' },
    );
    expect(await screen.findByRole('cell', { name: 'Mot de passe récupéré par son titulaire' })).toBeTruthy();
    expect(screen.getByRole('cell', { name: 'Le bureau' })).toBeTruthy();
    expect(screen.queryByText('system')).toBeNull();
    expect(screen.getByRole('cell', { name: 'trunk.created' })).toBeTruthy();
    expect(screen.getByRole('cell', { name: 'Paramètres de l’entreprise modifiés' })).toBeTruthy();
  });

  it('shows loading, then who changed what, and more on demand', async () => {
    const first = deferred<ReturnType<typeof ok>>();
    await openConsoleAt('Audit log', {
      'admin:audit-log': (payload) =>
        (payload as { query: { before?: string } }).query.before === 'n'
          ? ok({ items: [entry('a2', 'device.created')], nextCursor: null })
          : first.promise,
    });
    expect(screen.getByRole('status', { name: 'Loading' })).toBeTruthy();
    first.resolve(ok({ items: [entry('a1', 'user.created')], nextCursor: 'n' }));
    // Actions in words, never the office's codes.
    expect(await screen.findByRole('cell', { name: 'User added' })).toBeTruthy();
    expect(screen.getAllByRole('cell', { name: 'Bea Boss' })).toHaveLength(1);
    expect(screen.getByRole('cell', { name: 'Ada Lovelace' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByRole('cell', { name: 'Device added' })).toBeTruthy();
    expect(screen.queryByText(/\.created/)).toBeNull();
  });

  it('explains a failure, and an empty log', async () => {
    let fail = true;
    await openConsoleAt('Audit log', {
      'admin:audit-log': () => (fail ? failure('internal_error') : ok({ items: [], nextCursor: null })),
    });
    const alert = await screen.findByRole('alert');
    fail = false;
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Nothing has been changed in the office yet.')).toBeTruthy();
  });
});

describe('OutboxPanel', () => {
  it('lists mail with its status, and its redacted body and error when opened', async () => {
    await openConsoleAt('Outbox', { 'admin:outbox': () => ok({ items: [mail], nextCursor: null }) });
    const summary = await screen.findByText('Welcome to Acme');
    expect(screen.getByText('Failed')).toBeTruthy();
    await userEvent.click(summary);
    expect(screen.getByText('Temporary password: •••')).toBeTruthy();
    expect(screen.getByText('SMTP refused the recipient')).toBeTruthy();
  });

  it('explains an empty outbox and a failure', async () => {
    let fail = false;
    await openConsoleAt('Outbox', {
      'admin:outbox': () => (fail ? failure('offline') : ok({ items: [], nextCursor: null })),
    });
    expect(await screen.findByText('No mail has been sent yet.')).toBeTruthy();
    fail = true;
    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    expect((await screen.findByRole('alert')).textContent).toContain('cannot be reached');
  });
});
