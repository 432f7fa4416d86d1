import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserSummary } from '../../../../../common/api/users';
import { useIpc } from '../../../app/use-ipc';
import { PasswordField } from '../../../ui/Field';
import { FormDialog } from '../../../ui/FormDialog';
import { useAdminApi } from '../admin-api';
import { Loading } from '../PanelStatus';
import { PasswordPolicy, meetsPolicy } from './PasswordPolicy';

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
  const [company, reloadCompany] = useIpc(() => admin.company({}), 'company');
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
          {mode === 'manual' && (
            <Loading state={company} onRetry={reloadCompany}>
              {() => (
                <>
                  <PasswordField
                    id="reset-password"
                    label={t('admin.reset.password')}
                    autoComplete="new-password"
                    required
                    value={password}
                    describedBy={policyId}
                    onChange={setPassword}
                  >
                    <PasswordPolicy id={policyId} password={password} minLength={minLength} owner={owner} />
                  </PasswordField>
                  <PasswordField
                    id="reset-confirm"
                    label={t('admin.reset.confirm')}
                    autoComplete="new-password"
                    required
                    value={confirm}
                    invalid={mismatch}
                    error={mismatch ? t('admin.reset.mismatch') : undefined}
                    onChange={setConfirm}
                  />
                </>
              )}
            </Loading>
          )}
        </>
      )}
    </FormDialog>
  );
}
