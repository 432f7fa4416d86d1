import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreatePhoneNumber, type PhoneNumber, type RouteType } from '../../../../../common/api/directory';
import { SelectField, TextField } from '../../../ui/Field';
import { textLimits } from '../../../ui/field-limits';
import { FormDialog, refused } from '../../../ui/FormDialog';
import { useAdminApi } from '../admin-api';
import { ExtensionField } from '../ExtensionField';
import type { ResourceFormProps } from '../panel-actions';
import { ROUTE_TYPES, routeKey } from './route-key';

/** Adds a phone number or changes where it rings. */
export function NumberFormDialog({ item: number, onClose }: ResourceFormProps<PhoneNumber>) {
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
          <TextField
            id="number-e164"
            label={t('admin.numbers.number')}
            inputMode="tel"
            required
            {...textLimits(CreatePhoneNumber.properties.number)}
            value={e164}
            hint={t('admin.numbers.numberHint')}
            invalid={refused(error, 'number', 'number_taken')}
            onChange={setE164}
          />
          <TextField
            id="number-label"
            label={t('admin.numbers.label')}
            {...textLimits(CreatePhoneNumber.properties.label)}
            value={label}
            onChange={setLabel}
          />
          <SelectField
            id="number-route-type"
            label={t('admin.numbers.routeType')}
            value={routeType}
            onChange={setRouteType}
          >
            {ROUTE_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(routeKey(type))}
              </option>
            ))}
          </SelectField>
          <ExtensionField
            id="number-route-target"
            label={t('admin.numbers.routeTarget')}
            required
            value={routeTarget}
            invalid={refused(error, 'routeTarget')}
            onChange={setRouteTarget}
          />
        </>
      )}
    </FormDialog>
  );
}
