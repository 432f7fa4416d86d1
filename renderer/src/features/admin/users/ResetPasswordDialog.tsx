import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserSummary } from '../../../../../common/api/users';
import { TextField } from '../../../ui/Field';
import { useAdminApi } from '../admin-api';
import { FormDialog } from '../FormDialog';
import { LoadError, LoadingRows } from '../PanelStatus';
import { useLoad } from '../use-load';
import { PasswordPolicy, meetsPolicy } from './PasswordPolicy';

/** What both password fields are: a new password, typed. */
const NEW_PASSWORD = {
  type: 'password',
  autoComplete: 'new-password',
  required: true,
  maxLength: 128,
} as const;

type Mode = 'automatic' | 'manual';

const MODES: { value: Mode; label: string }[] = [
  { value: 'automatic', label: 'admin.reset.automatic' },
  { value: 'manual', label: 'admin.reset.manual' },
];

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
  const [mode, setMode] = useState<Mode>('automatic');
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
            {MODES.map(({ value, label }) => (
              <label key={value} className="check">
                <input
                  type="radio"
                  name="reset-mode"
                  checked={mode === value}
                  onChange={() => setMode(value)}
                />
                {t(label)}
              </label>
            ))}
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
                {...NEW_PASSWORD}
                value={password}
                describedBy={policyId}
                onChange={setPassword}
              >
                <PasswordPolicy id={policyId} password={password} minLength={minLength} owner={owner} />
              </TextField>
              <TextField
                id="reset-confirm"
                label={t('admin.reset.confirm')}
                {...NEW_PASSWORD}
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
