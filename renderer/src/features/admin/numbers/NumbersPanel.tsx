import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PhoneNumber } from '../../../../../common/api/directory';
import { useAdminApi } from '../admin-api';
import { ConfirmDialog } from '../ConfirmDialog';
import { ListStates } from '../PanelStatus';
import { useLoad } from '../use-load';
import { NumberFormDialog } from './NumberFormDialog';
import { routeKey } from './route-key';

type Open = { dialog: 'add' } | { dialog: 'edit' | 'delete'; number: PhoneNumber } | null;

/** The office's phone numbers and where each one rings. */
export function NumbersPanel() {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [numbers, reload] = useLoad(() => admin.listPhoneNumbers({}), 'numbers');

  const done = (message: string | null) => {
    setOpen(null);
    if (message) {
      setNotice(message);
      reload();
    }
  };

  return (
    <div className="stack">
      <header className="admin-panel-head">
        <h1>{t('admin.sections.numbers')}</h1>
        <button className="button primary" type="button" onClick={() => setOpen({ dialog: 'add' })}>
          {t('admin.numbers.add')}
        </button>
      </header>
      {notice && (
        <p className="admin-notice" role="status">
          {notice}
        </p>
      )}
      <ListStates state={numbers} onRetry={reload} empty={<p>{t('admin.numbers.empty')}</p>}>
        {(items) => (
          <div className="admin-table-wrap">
            <table className="admin-table">
              <thead>
                <tr>
                  <th scope="col">{t('admin.numbers.number')}</th>
                  <th scope="col">{t('admin.numbers.label')}</th>
                  <th scope="col">{t('admin.numbers.rings')}</th>
                  <th scope="col">{t('admin.common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((number) => (
                  <tr key={number.id}>
                    <td data-label={t('admin.numbers.number')}>{number.number}</td>
                    <td data-label={t('admin.numbers.label')}>{number.label || '—'}</td>
                    <td data-label={t('admin.numbers.rings')}>
                      {t(routeKey(number.routeType))} {number.routeTarget}
                    </td>
                    <td className="admin-row-actions">
                      <button
                        className="button small"
                        type="button"
                        aria-label={t('admin.numbers.editTitle', { number: number.number })}
                        onClick={() => setOpen({ dialog: 'edit', number })}
                      >
                        {t('admin.common.edit')}
                      </button>
                      <button
                        className="button small danger"
                        type="button"
                        aria-label={t('admin.numbers.deleteTitle', { number: number.number })}
                        onClick={() => setOpen({ dialog: 'delete', number })}
                      >
                        {t('admin.common.delete')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ListStates>
      {open?.dialog === 'add' && (
        <NumberFormDialog
          onClose={(saved) => done(saved && t('admin.numbers.saved', { number: saved.number }))}
        />
      )}
      {open?.dialog === 'edit' && (
        <NumberFormDialog
          number={open.number}
          onClose={(saved) => done(saved && t('admin.numbers.saved', { number: saved.number }))}
        />
      )}
      {open?.dialog === 'delete' && (
        <ConfirmDialog
          title={t('admin.numbers.deleteTitle', { number: open.number.number })}
          message={t('admin.numbers.deleteMessage')}
          confirmLabel={t('admin.common.delete')}
          danger
          action={() => admin.deletePhoneNumber({ id: open.number.id })}
          onCancel={() => done(null)}
          onDone={() => done(t('admin.numbers.deleted', { number: open.number.number }))}
        />
      )}
    </div>
  );
}
