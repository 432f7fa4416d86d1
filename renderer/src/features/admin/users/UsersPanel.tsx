import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mayManage } from '../../../../../common/api/authority';
import type { UserSummary } from '../../../../../common/api/users';
import type { IpcError } from '../../../../../common/ipc/result';
import { TextField } from '../../../ui/Field';
import { useAdminApi } from '../admin-api';
import { DataTable } from '../DataTable';
import { Notice, PanelHead } from '../PanelHead';
import { FormError, LoadError, LoadingRows } from '../PanelStatus';
import type { PanelProps } from '../sections';
import { useLoad } from '../use-load';
import { usePanelDialog } from '../use-panel-dialog';
import { DeleteUserDialog } from './DeleteUserDialog';
import { ResetPasswordDialog } from './ResetPasswordDialog';
import { UserFormDialog } from './UserFormDialog';
import { roleKey } from './role-key';
import { sortUsers, type UserSort } from './sort-users';

const PAGE_SIZE = 25;

type Open = { dialog: 'create' } | { dialog: 'edit' | 'reset' | 'delete'; user: UserSummary };

/** Users and extensions: search, sort, page; create, edit, portal access, reset password, delete. */
export function UsersPanel({ actor }: PanelProps) {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const [search, setSearch] = useState('');
  // `before` cursors of the pages seen so far: the last is the page shown.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [sort, setSort] = useState<UserSort>({ by: 'extension', descending: false });
  const [rowError, setRowError] = useState<IpcError | null>(null);
  const before = cursors[cursors.length - 1];
  const term = search.trim();
  const [page, reload] = useLoad(
    () =>
      admin.listUsers({
        query: { limit: PAGE_SIZE, ...(term && { search: term }), ...(before && { before }) },
      }),
    `${term}\n${before ?? ''}`,
  );

  const { open, setOpen, notice, setNotice, close: closeDialog } = usePanelDialog<Open>(reload);

  const togglePortal = async (user: UserSummary) => {
    setRowError(null);
    const result = await admin.updateUser({ id: user.id, body: { portalAccess: !user.portalAccess } });
    if (!result.ok) setRowError(result.error);
    else {
      setNotice(
        t(result.value.portalAccess ? 'admin.users.portalOnDone' : 'admin.users.portalOffDone', {
          name: user.name,
        }),
      );
      reload();
    }
  };

  const sortBy = (by: UserSort['by']) => {
    const active = sort.by === by;
    return {
      order: active ? (sort.descending ? 'descending' : 'ascending') : 'none',
      onSort: () => setSort({ by, descending: active && !sort.descending }),
    } as const;
  };

  return (
    <div className="stack">
      <PanelHead title={t('admin.sections.users')}>
        <button className="button primary" type="button" onClick={() => setOpen({ dialog: 'create' })}>
          {t('admin.users.add')}
        </button>
      </PanelHead>
      <div className="admin-search">
        <TextField
          id="users-search"
          label={t('admin.users.search')}
          type="search"
          maxLength={120}
          value={search}
          onChange={(value) => {
            setSearch(value);
            setCursors([undefined]);
          }}
        />
      </div>
      <Notice text={notice} />
      <FormError error={rowError} />
      {page.status === 'loading' && <LoadingRows label={t('admin.common.loading')} />}
      {page.status === 'error' && <LoadError error={page.error} onRetry={reload} />}
      {page.status === 'ready' && page.value.items.length === 0 && (
        <div className="admin-empty stack">
          <p>{term ? t('admin.users.noMatch', { search: term }) : t('admin.users.empty')}</p>
          {!term && (
            <div>
              <button className="button primary" type="button" onClick={() => setOpen({ dialog: 'create' })}>
                {t('admin.users.add')}
              </button>
            </div>
          )}
        </div>
      )}
      {page.status === 'ready' && page.value.items.length > 0 && (
        <DataTable
          rows={sortUsers(page.value.items, sort)}
          columns={[
            {
              header: t('admin.users.extension'),
              cell: (user) => user.extension ?? '—',
              sort: sortBy('extension'),
            },
            { header: t('admin.users.name'), cell: (user) => user.name, sort: sortBy('name') },
            { header: t('admin.users.email'), cell: (user) => user.email, sort: sortBy('email') },
            { header: t('admin.users.role'), cell: (user) => t(roleKey(user.role)) },
            {
              header: t('admin.users.portalAccess'),
              cell: (user) => {
                const onOff = user.portalAccess ? t('admin.common.on') : t('admin.common.off');
                if (!mayManage(actor.role, user.role)) return onOff;
                return (
                  <label className="check">
                    <input
                      type="checkbox"
                      role="switch"
                      checked={user.portalAccess}
                      aria-label={t('admin.users.portalFor', { name: user.name })}
                      onChange={() => void togglePortal(user)}
                    />
                    {onOff}
                  </label>
                );
              },
            },
          ]}
          actions={(user) =>
            mayManage(actor.role, user.role)
              ? [
                  {
                    label: t('admin.common.edit'),
                    name: t('admin.users.editFor', { name: user.name }),
                    onClick: () => setOpen({ dialog: 'edit', user }),
                  },
                  {
                    label: t('admin.users.reset'),
                    name: t('admin.users.resetFor', { name: user.name }),
                    onClick: () => setOpen({ dialog: 'reset', user }),
                  },
                  user.id !== actor.id && {
                    label: t('admin.common.delete'),
                    name: t('admin.users.deleteFor', { name: user.name }),
                    danger: true,
                    onClick: () => setOpen({ dialog: 'delete', user }),
                  },
                ]
              : []
          }
        />
      )}
      {page.status === 'ready' && (cursors.length > 1 || page.value.nextCursor) && (
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
            disabled={!page.value.nextCursor}
            onClick={() => setCursors((list) => [...list, page.value.nextCursor ?? undefined])}
          >
            {t('admin.common.next')}
          </button>
        </nav>
      )}
      {open?.dialog === 'create' && (
        <UserFormDialog
          actorRole={actor.role}
          onClose={(saved) =>
            closeDialog(
              saved &&
                t(
                  'passwordHandover' in saved && saved.passwordHandover
                    ? 'admin.users.createdNoMail'
                    : 'admin.users.created',
                  { name: saved.name, extension: saved.extension ?? '—' },
                ),
            )
          }
        />
      )}
      {open?.dialog === 'edit' && (
        <UserFormDialog
          user={open.user}
          actorRole={actor.role}
          onClose={(saved) => closeDialog(saved && t('admin.users.saved', { name: saved.name }))}
        />
      )}
      {open?.dialog === 'reset' && (
        <ResetPasswordDialog
          user={open.user}
          onClose={(done) => closeDialog(done ? t('admin.users.resetDone', { name: open.user.name }) : null)}
        />
      )}
      {open?.dialog === 'delete' && (
        <DeleteUserDialog
          user={open.user}
          onClose={(done) => closeDialog(done ? t('admin.users.deleted', { name: open.user.name }) : null)}
        />
      )}
    </div>
  );
}
