import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mayManage } from '../../../../../common/api/authority';
import type { UserSummary } from '../../../../../common/api/users';
import type { IpcError } from '../../../../../common/ipc/result';
import { useAdminApi } from '../admin-api';
import { FormError, LoadError, LoadingRows } from '../PanelStatus';
import type { PanelProps } from '../sections';
import { useLoad } from '../use-load';
import { DeleteUserDialog } from './DeleteUserDialog';
import { ResetPasswordDialog } from './ResetPasswordDialog';
import { UserFormDialog } from './UserFormDialog';
import { roleKey } from './role-key';
import { sortUsers, type UserSort } from './sort-users';

const PAGE_SIZE = 25;

type Open = { dialog: 'create' } | { dialog: 'edit' | 'reset' | 'delete'; user: UserSummary } | null;

/** Users and extensions: search, sort, page; create, edit, portal access, reset password, delete. */
export function UsersPanel({ actor }: PanelProps) {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const [search, setSearch] = useState('');
  // `before` cursors of the pages seen so far: the last is the page shown.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [sort, setSort] = useState<UserSort>({ by: 'extension', descending: false });
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<string | null>(null);
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

  const closeDialog = (message: string | null) => {
    setOpen(null);
    if (message) {
      setNotice(message);
      reload();
    }
  };

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

  const header = (by: UserSort['by'], label: string) => {
    const active = sort.by === by;
    return (
      <th scope="col" aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
        <button
          type="button"
          className="admin-sort"
          onClick={() => setSort({ by, descending: active && !sort.descending })}
        >
          {label}
        </button>
      </th>
    );
  };

  return (
    <div className="stack">
      <header className="admin-panel-head">
        <h1>{t('admin.sections.users')}</h1>
        <button className="button primary" type="button" onClick={() => setOpen({ dialog: 'create' })}>
          {t('admin.users.add')}
        </button>
      </header>
      <div className="field admin-search">
        <label htmlFor="users-search">{t('admin.users.search')}</label>
        <input
          id="users-search"
          type="search"
          maxLength={120}
          value={search}
          onChange={(event) => {
            setSearch(event.target.value);
            setCursors([undefined]);
          }}
        />
      </div>
      {notice && (
        <p className="admin-notice" role="status">
          {notice}
        </p>
      )}
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
        <div className="admin-table-wrap">
          <table className="admin-table">
            <thead>
              <tr>
                {header('extension', t('admin.users.extension'))}
                {header('name', t('admin.users.name'))}
                {header('email', t('admin.users.email'))}
                <th scope="col">{t('admin.users.role')}</th>
                <th scope="col">{t('admin.users.portalAccess')}</th>
                <th scope="col">{t('admin.common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {sortUsers(page.value.items, sort).map((user) => {
                const manageable = mayManage(actor.role, user.role);
                return (
                  <tr key={user.id}>
                    <td data-label={t('admin.users.extension')}>{user.extension ?? '—'}</td>
                    <td data-label={t('admin.users.name')}>{user.name}</td>
                    <td data-label={t('admin.users.email')}>{user.email}</td>
                    <td data-label={t('admin.users.role')}>{t(roleKey(user.role))}</td>
                    <td data-label={t('admin.users.portalAccess')}>
                      {manageable ? (
                        <label className="check">
                          <input
                            type="checkbox"
                            role="switch"
                            checked={user.portalAccess}
                            aria-label={t('admin.users.portalFor', { name: user.name })}
                            onChange={() => void togglePortal(user)}
                          />
                          {user.portalAccess ? t('admin.common.on') : t('admin.common.off')}
                        </label>
                      ) : user.portalAccess ? (
                        t('admin.common.on')
                      ) : (
                        t('admin.common.off')
                      )}
                    </td>
                    <td className="admin-row-actions">
                      {manageable && (
                        <>
                          <button
                            className="button small"
                            type="button"
                            aria-label={t('admin.users.editFor', { name: user.name })}
                            onClick={() => setOpen({ dialog: 'edit', user })}
                          >
                            {t('admin.common.edit')}
                          </button>
                          <button
                            className="button small"
                            type="button"
                            aria-label={t('admin.users.resetFor', { name: user.name })}
                            onClick={() => setOpen({ dialog: 'reset', user })}
                          >
                            {t('admin.users.reset')}
                          </button>
                          {user.id !== actor.id && (
                            <button
                              className="button small danger"
                              type="button"
                              aria-label={t('admin.users.deleteFor', { name: user.name })}
                              onClick={() => setOpen({ dialog: 'delete', user })}
                            >
                              {t('admin.common.delete')}
                            </button>
                          )}
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
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
