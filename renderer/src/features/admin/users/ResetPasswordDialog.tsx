import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserSummary } from '../../../../../common/api/users';
import { TextField } from '../../../ui/Field';
import { useAdminApi } from '../admin-api';
import { FormDialog } from '../FormDialog';
import { LoadError, LoadingRows } from '../PanelStatus';
import { useLoad } from '../use-load';
import { PasswordPolicy, meetsPolicy } from './PasswordPolicy';

/** Reset password: automatic (a new temporary password is mailed) or a manual override typed twice. */
export function ResetPasswordDialog({
  user,
  onClose,
}: {
  user: UserSummary;
  onClose: (done: boolean) => void;
}) {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const [company, reloadCompany] = useLoad(() => admin.company({}), 'company');
  const [mode, setMode] = useState<'automatic' | 'manual'>('automatic');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const policyId = useId();

  const owner = { name: user.name, email: user.email, extension: user.extension };
  const minLength = company.status === 'ready' ? company.value.security.minPasswordLength : 0;
  const mismatch = confirm !== '' && confirm !== password;
  const ready = mode === 'automatic' || (meetsPolicy(password, minLength, owner) && confirm === password);

  const save = () =>
    admin.resetPassword({
      id: user.id,
      body: mode === 'automatic' ? { mode } : { mode, password, confirmPassword: confirm },
    });

  return (
    <FormDialog
      title={t('admin.reset.title', { name: user.name })}
      submitLabel={t('admin.reset.submit')}
      save={save}
      ready={ready}
      onSaved={() => onClose(true)}
      onCancel={() => onClose(false)}
    >
      {() => (
        <>
          <fieldset className="admin-choice">
            <legend>{t('admin.reset.how')}</legend>
            <label className="check">
              <input
                type="radio"
                name="reset-mode"
                checked={mode === 'automatic'}
                onChange={() => setMode('automatic')}
              />
              {t('admin.reset.automatic')}
            </label>
            <label className="check">
              <input
                type="radio"
                name="reset-mode"
                checked={mode === 'manual'}
                onChange={() => setMode('manual')}
              />
              {t('admin.reset.manual')}
            </label>
          </fieldset>
          {mode === 'automatic' && (
            <p className="hint">{t('admin.reset.automaticHint', { email: user.email })}</p>
          )}
          {mode === 'manual' && company.status === 'loading' && (
            <LoadingRows label={t('admin.common.loading')} />
          )}
          {mode === 'manual' && company.status === 'error' && (
            <LoadError error={company.error} onRetry={reloadCompany} />
          )}
          {mode === 'manual' && company.status === 'ready' && (
            <>
              <TextField
                id="reset-password"
                label={t('admin.reset.password')}
                type="password"
                autoComplete="new-password"
                required
                maxLength={128}
                value={password}
                describedBy={policyId}
                onChange={setPassword}
              >
                <PasswordPolicy id={policyId} password={password} minLength={minLength} owner={owner} />
              </TextField>
              <TextField
                id="reset-confirm"
                label={t('admin.reset.confirm')}
                type="password"
                autoComplete="new-password"
                required
                maxLength={128}
                value={confirm}
                invalid={mismatch}
                error={mismatch ? t('admin.reset.mismatch') : undefined}
                onChange={setConfirm}
              />
            </>
          )}
        </>
      )}
    </FormDialog>
  );
}
