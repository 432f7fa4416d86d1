import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PhoneNumber, RouteType } from '../../../../../common/api/directory';
import { useAdminApi } from '../admin-api';
import { FormDialog, refused } from '../FormDialog';
import { ROUTE_TYPES, routeKey } from './route-key';

/** Adds a phone number or changes where it rings. */
export function NumberFormDialog({
  number,
  onClose,
}: {
  number?: PhoneNumber;
  onClose: (saved: PhoneNumber | null) => void;
}) {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const [e164, setE164] = useState(number?.number ?? '+');
  const [label, setLabel] = useState(number?.label ?? '');
  const [routeType, setRouteType] = useState<RouteType>(number?.routeType ?? 'extension');
  const [routeTarget, setRouteTarget] = useState(number?.routeTarget ?? '');

  const save = () => {
    const body = { number: e164.trim(), label: label.trim(), routeType, routeTarget: routeTarget.trim() };
    return number ? admin.updatePhoneNumber({ id: number.id, body }) : admin.createPhoneNumber({ body });
  };

  return (
    <FormDialog
      title={number ? t('admin.numbers.editTitle', { number: number.number }) : t('admin.numbers.addTitle')}
      submitLabel={number ? t('admin.common.save') : t('admin.numbers.add')}
      save={save}
      onSaved={onClose}
      onCancel={() => onClose(null)}
    >
      {(error) => (
        <>
          <div className="field">
            <label htmlFor="number-e164">{t('admin.numbers.number')}</label>
            <input
              id="number-e164"
              type="text"
              inputMode="tel"
              required
              pattern="\+[1-9][0-9]{1,14}"
              maxLength={16}
              value={e164}
              aria-describedby="number-e164-hint"
              aria-invalid={refused(error, 'number', 'number_taken')}
              onChange={(event) => setE164(event.target.value)}
            />
            <p id="number-e164-hint" className="hint">
              {t('admin.numbers.numberHint')}
            </p>
          </div>
          <div className="field">
            <label htmlFor="number-label">{t('admin.numbers.label')}</label>
            <input
              id="number-label"
              type="text"
              maxLength={200}
              value={label}
              onChange={(event) => setLabel(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="number-route-type">{t('admin.numbers.routeType')}</label>
            <select
              id="number-route-type"
              value={routeType}
              onChange={(event) => setRouteType(event.target.value as RouteType)}
            >
              {ROUTE_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(routeKey(type))}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="number-route-target">{t('admin.numbers.routeTarget')}</label>
            <input
              id="number-route-target"
              type="text"
              inputMode="numeric"
              required
              pattern="[0-9]{2,8}"
              maxLength={8}
              value={routeTarget}
              aria-invalid={refused(error, 'routeTarget')}
              onChange={(event) => setRouteTarget(event.target.value)}
            />
          </div>
        </>
      )}
    </FormDialog>
  );
}
