import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreatePhoneNumber, type PhoneNumber } from '../../../../../common/api/directory';
import { TextField } from '../../../ui/Field';
import { textLimits } from '../../../ui/field-limits';
import { FormDialog, refused } from '../../../ui/FormDialog';
import { useAdminApi } from '../admin-api';
import type { ResourceFormProps } from '../panel-actions';
import { Loading } from '../PanelStatus';
import { RouteTargetPicker, useRouteTargets, type Route } from './RouteTargetPicker';

/** Adds a phone number or changes where it rings (one of the targets the office has). */
export function NumberFormDialog({ item: number, onClose }: ResourceFormProps<PhoneNumber>) {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const [targets, reloadTargets] = useRouteTargets();
  const [e164, setE164] = useState(number?.number ?? '+');
  const [label, setLabel] = useState(number?.label ?? '');
  const [route, setRoute] = useState<Route | null>(
    number ? { kind: number.routeType, number: number.routeTarget } : null,
  );

  const save = () => {
    const body = {
      number: e164.trim(),
      label: label.trim(),
      // Sent once chosen: the dialog is not ready before.
      routeType: route!.kind,
      routeTarget: route!.number,
    };
    return number ? admin.updatePhoneNumber({ id: number.id, body }) : admin.createPhoneNumber({ body });
  };

  return (
    <FormDialog
      title={number ? t('admin.numbers.editTitle', { number: number.number }) : t('admin.numbers.addTitle')}
      submitLabel={number ? t('admin.common.save') : t('admin.numbers.add')}
      save={save}
      ready={targets.status === 'ready' && route !== null}
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
          <Loading state={targets} onRetry={reloadTargets}>
            {({ items }) => (
              <RouteTargetPicker
                id="number-route"
                label={t('admin.numbers.routeType')}
                targets={items}
                required
                value={route}
                invalid={refused(error, 'routeTarget') || refused(error, 'routeType')}
                onChange={setRoute}
              />
            )}
          </Loading>
        </>
      )}
    </FormDialog>
  );
}
