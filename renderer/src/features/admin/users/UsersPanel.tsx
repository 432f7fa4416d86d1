import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mayManage } from '../../../../../common/api/authority';
import { UserListQuery, type CreatedUser, type UserSummary } from '../../../../../common/api/users';
import { TextField } from '../../../ui/Field';
import { textLimits } from '../../../ui/field-limits';
import { useAdminApi } from '../admin-api';
import { ResourcePanel } from '../ResourcePanel';
import { confirmDialog } from '../panel-actions';
import type { PanelProps } from '../sections';
import { DeleteUserDialog } from './DeleteUserDialog';
import { ResetPasswordDialog } from './ResetPasswordDialog';
import { UserFormDialog } from './UserFormDialog';
import { roleKey } from './role-key';
import { sortUsers, type UserSort } from './sort-users';

const PAGE_SIZE = 25;

/** Users and extensions: search, sort, page; create, edit, sign-in to the app, reset password, delete. */
export function UsersPanel({ actor }: PanelProps) {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const [search, setSearch] = useState('');
  // `before` cursors of the pages seen so far: the last is the page shown.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [sort, setSort] = useState<UserSort>({ by: 'extension', descending: false });
  const before = cursors[cursors.length - 1];
  const term = search.trim();
  const manageable = (user: UserSummary) => mayManage(actor.role, user.role);

  const sortBy = (by: UserSort['by']) => {
    const active = sort.by === by;
    return {
      order: active ? (sort.descending ? 'descending' : 'ascending') : 'none',
      onSort: () => setSort({ by, descending: active && !sort.descending }),
    } as const;
  };

  const created = (user: CreatedUser | UserSummary) =>
    t(
      'passwordHandover' in user && user.passwordHandover
        ? 'admin.users.createdNoMail'
        : 'admin.users.created',
      {
        name: user.name,
        extension: user.extension ?? '—',
      },
    );

  return (
    <ResourcePanel
      title={t('admin.sections.users')}
      load={() =>
        admin.listUsers({
          query: { limit: PAGE_SIZE, ...(term && { search: term }), ...(before && { before }) },
        })
      }
      loadKey={`${term}\n${before ?? ''}`}
      filters={
        <div className="admin-search">
          <TextField
            id="users-search"
            label={t('admin.users.search')}
            type="search"
            {...textLimits(UserListQuery.properties.search)}
            value={search}
            onChange={(value) => {
              setSearch(value);
              setCursors([undefined]);
            }}
          />
        </div>
      }
      empty={
        term
          ? { text: t('admin.users.noMatch', { search: term }) }
          : { text: t('admin.users.empty'), offerAdd: true }
      }
      add={{
        label: t('admin.users.add'),
        dialog: (control) => (
          <UserFormDialog
            actorRole={actor.role}
            onClose={(saved) => control.close(saved && created(saved), saved?.id)}
          />
        ),
      }}
      order={(users) => sortUsers(users, sort)}
      columns={[
        {
          header: t('admin.users.extension'),
          cell: (user) => user.extension ?? '—',
          sort: sortBy('extension'),
        },
        { header: t('admin.users.name'), cell: (user) => user.name, sort: sortBy('name') },
        {
          header: t('admin.users.email'),
          cell: (user) => user.email,
          sort: sortBy('email'),
          breakAnywhere: true,
        },
        { header: t('admin.users.role'), cell: (user) => t(roleKey(user.role)) },
        {
          header: t('admin.users.signIn'),
          cell: (user, panel) => {
            const onOff = user.portalAccess ? t('admin.users.signInOn') : t('admin.users.signInOff');
            if (!manageable(user)) return onOff;
            const turnOn = () =>
              panel.run(
                () => admin.updateUser({ id: user.id, body: { portalAccess: true } }),
                () => t('admin.users.signInOnDone', { name: user.name }),
              );
            // Turning it off ends their sessions and stops their softphone: asked first, saying so.
            const turnOff = confirmDialog<UserSummary, UserSummary>({
              title: () => t('admin.users.signInOffTitle', { name: user.name }),
              message: () => t('admin.users.signInOffMessage', { name: user.name }),
              confirmLabel: t('admin.users.signInOffConfirm'),
              danger: true,
              action: () => admin.updateUser({ id: user.id, body: { portalAccess: false } }),
              done: () => t('admin.users.signInOffDone', { name: user.name }),
            })(user);
            return (
              <label className="check">
                <input
                  type="checkbox"
                  role="switch"
                  checked={user.portalAccess}
                  aria-label={t('admin.users.signInFor', { name: user.name })}
                  onChange={() => (user.portalAccess ? panel.open(turnOff) : void turnOn())}
                />
                {onOff}
              </label>
            );
          },
        },
      ]}
      rowName={(user) => user.name}
      actions={[
        {
          label: t('admin.common.edit'),
          offered: manageable,
          dialog: (user) => (control) => (
            <UserFormDialog
              user={user}
              actorRole={actor.role}
              onClose={(saved) => control.close(saved && t('admin.users.saved', { name: saved.name }))}
            />
          ),
        },
        {
          label: t('admin.users.reset'),
          offered: manageable,
          dialog: (user) => (control) => (
            <ResetPasswordDialog
              user={user}
              onClose={(done) => control.close(done ? t('admin.users.resetDone', { name: user.name }) : null)}
            />
          ),
        },
        {
          label: t('admin.common.delete'),
          danger: true,
          offered: (user) => manageable(user) && user.id !== actor.id,
          dialog: (user) => (control) => (
            <DeleteUserDialog
              user={user}
              onClose={(done) => control.close(done ? t('admin.users.deleted', { name: user.name }) : null)}
            />
          ),
        },
      ]}
      footer={(page) =>
        (cursors.length > 1 || page.nextCursor) && (
          <nav className="admin-pager" aria-label={t('admin.common.pages')}>
            <button
              className="button"
              type="button"
              disabled={cursors.length === 1}
              onClick={() => setCursors((list) => list.slice(0, -1))}
            >
              {t('admin.common.previous')}
            </button>
            <span>{t('admin.common.page', { page: cursors.length })}</span>
            <button
              className="button"
              type="button"
              disabled={!page.nextCursor}
              onClick={() => setCursors((list) => [...list, page.nextCursor ?? undefined])}
            >
              {t('admin.common.next')}
            </button>
          </nav>
        )
      }
    />
  );
}
