import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DESK_PHONE_MODELS,
  DESK_PHONE_VENDORS,
  findDeskPhoneModel,
  type DeskPhoneVendor,
} from '../../../../../common/api/desk-phone-models';
import {
  CreateDeviceRequest,
  type Device,
  type SipTransport,
  type UpdateDeviceRequest,
  type UpdatedDevice,
} from '../../../../../common/api/devices';
import type { IpcError } from '../../../../../common/ipc/result';
import { CheckField, SelectField, TextField } from '../../../ui/Field';
import { textLimits } from '../../../ui/field-limits';
import { FormDialog, refused } from '../../../ui/FormDialog';
import { useAdminApi } from '../admin-api';
import { ExtensionField } from '../ExtensionField';
import { useDeviceName } from './device-name';

/** The model choice of a phone the office does not provision: its model is typed. */
const OTHER = 'other';

const VENDORS = Object.keys(DESK_PHONE_VENDORS) as DeskPhoneVendor[];

/** Extensions typed in key order, separated by commas or spaces. */
const keysOf = (typed: string) => typed.split(/[\s,;]+/).filter(Boolean);

/** Whether the refusal is about the BLF keys, the list or one of its entries. */
const refusedKeys = (error: IpcError | null) =>
  refused(error, 'blfKeys') || (error?.field?.startsWith('body.blfKeys.') ?? false);

/**
 * Adds a desk phone, by model (the office provisions the catalogued ones: MAC address, SIP
 * transport and colleagues on its BLF keys) to an extension or the free pool; or edits one.
 */
export function DeviceFormDialog({
  device,
  onClose,
}: {
  /** The phone to edit; absent to add one. */
  device?: Device;
  onClose: (saved: UpdatedDevice | null) => void;
}) {
  const { t } = useTranslation();
  const deviceName = useDeviceName();
  const admin = useAdminApi();
  const [choice, setChoice] = useState(
    device ? (findDeskPhoneModel(device.model) ? device.model : OTHER) : '',
  );
  const [modelName, setModelName] = useState(device && !findDeskPhoneModel(device.model) ? device.model : '');
  const [label, setLabel] = useState(device?.label ?? '');
  const [mac, setMac] = useState(device?.mac ?? '');
  const [extension, setExtension] = useState('');
  const [transport, setTransport] = useState<SipTransport>(device?.sipTransport ?? 'udp');
  const [keys, setKeys] = useState(device?.blfKeys.join(', ') ?? '');
  const [renewProvisioning, setRenewProvisioning] = useState(false);
  const catalogued = findDeskPhoneModel(choice);

  const fields = () => {
    const model = catalogued ? catalogued.id : modelName.trim();
    const blfKeys = catalogued && catalogued.blfKeys > 0 ? keysOf(keys) : [];
    return { model, label: label.trim(), mac: mac.trim(), blfKeys };
  };

  const create = () => {
    const { model, label, mac, blfKeys } = fields();
    return admin.createDevice({
      body: {
        kind: 'desk-phone',
        model,
        ...(label && { label }),
        ...(mac && { mac }),
        ...(extension.trim() && { extension: extension.trim() }),
        ...(catalogued && { sipTransport: transport }),
        ...(blfKeys.length > 0 && { blfKeys }),
      },
    });
  };

  /** Only what changed is sent: the office tells a provisioned phone to fetch its settings again. */
  const update = (current: Device) => {
    const { model, label, mac, blfKeys } = fields();
    const body: UpdateDeviceRequest = {
      ...(label !== current.label && { label }),
      ...(model !== current.model && { model }),
      ...(mac !== (current.mac ?? '') && { mac: mac || null }),
      ...(catalogued && transport !== current.sipTransport && { sipTransport: transport }),
      ...(blfKeys.join(',') !== current.blfKeys.join(',') && { blfKeys }),
      ...(renewProvisioning && { regenerateProvisioningCredentials: true }),
    };
    return admin.updateDevice({ id: current.id, body });
  };

  return (
    <FormDialog
      title={device ? t('admin.common.editNamed', { name: deviceName(device) }) : t('admin.devices.addTitle')}
      submitLabel={device ? t('admin.common.save') : t('admin.devices.add')}
      save={() => (device ? update(device) : create())}
      onSaved={onClose}
      onCancel={() => onClose(null)}
    >
      {(error) => (
        <>
          <SelectField
            id="device-model"
            label={t('admin.devices.model')}
            required
            value={choice}
            invalid={refused(error, 'model')}
            onChange={setChoice}
          >
            <option value="" disabled>
              {t('admin.devices.chooseModel')}
            </option>
            {VENDORS.map((vendor) => (
              <optgroup key={vendor} label={DESK_PHONE_VENDORS[vendor]}>
                {DESK_PHONE_MODELS.filter((model) => model.vendor === vendor).map((model) => (
                  <option key={model.id} value={model.id}>
                    {model.name}
                  </option>
                ))}
              </optgroup>
            ))}
            <option value={OTHER}>{t('admin.devices.otherModel')}</option>
          </SelectField>
          {choice === OTHER && (
            <TextField
              id="device-model-name"
              label={t('admin.devices.modelName')}
              required
              {...textLimits(CreateDeviceRequest.properties.model)}
              value={modelName}
              invalid={refused(error, 'model')}
              onChange={setModelName}
            />
          )}
          <TextField
            id="device-label"
            label={t('admin.devices.label')}
            {...textLimits(CreateDeviceRequest.properties.label)}
            value={label}
            onChange={setLabel}
          />
          <TextField
            id="device-mac"
            label={t('admin.devices.mac')}
            required={catalogued !== null}
            hint={t('admin.devices.macHint')}
            {...textLimits(CreateDeviceRequest.properties.mac)}
            value={mac}
            invalid={refused(error, 'mac', 'mac_taken')}
            onChange={setMac}
          />
          {!device && (
            <ExtensionField
              id="device-extension"
              label={t('admin.devices.extension')}
              value={extension}
              hint={t('admin.devices.extensionHint')}
              invalid={refused(error, 'extension')}
              onChange={setExtension}
            />
          )}
          {catalogued && (
            <SelectField
              id="device-transport"
              label={t('admin.devices.transport')}
              value={transport}
              onChange={setTransport}
            >
              <option value="udp">{t('admin.devices.transportUdp')}</option>
              <option value="tcp">{t('admin.devices.transportTcp')}</option>
            </SelectField>
          )}
          {device?.provisioning && catalogued && (
            <div className="stack">
              <CheckField
                label={t('admin.devices.newProvisioning')}
                checked={renewProvisioning}
                onChange={setRenewProvisioning}
              />
              <p className="hint">{t('admin.devices.newProvisioningMessage')}</p>
            </div>
          )}
          {catalogued && catalogued.blfKeys > 0 && (
            <TextField
              id="device-blf-keys"
              label={t('admin.devices.blfKeys')}
              hint={t('admin.devices.blfKeysHint', { count: catalogued.blfKeys })}
              value={keys}
              invalid={refusedKeys(error)}
              onChange={setKeys}
            />
          )}
        </>
      )}
    </FormDialog>
  );
}
