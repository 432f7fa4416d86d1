import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ChannelLimit,
  FailoverOrder,
  Port,
  TrunkHost,
  TRUNK_DEFAULTS,
  TrunkName,
  type CallerIdHeader,
  type Codec,
  type DtmfMode,
  type NumberFormat,
  type RedirectionHeader,
  type Trunk,
  type TrunkKind,
  type TrunkTransport,
} from '../../../../../common/api/trunks';
import { CheckField, SelectField, TextAreaField, TextField } from '../../../ui/Field';
import { numberLimits, textLimits } from '../../../ui/field-limits';
import { FormDialog, refused } from '../../../ui/FormDialog';
import { useAdminApi } from '../admin-api';
import type { ResourceFormProps } from '../panel-actions';
import { CodecPicker } from './CodecPicker';
import { RegistrationFields, type RegistrationDraft } from './RegistrationFields';
import {
  CALLER_ID_HEADERS,
  DTMF_MODES,
  KINDS,
  NUMBER_FORMATS,
  REDIRECTION_HEADERS,
  REDIRECTION_NAMES,
  TRANSPORTS,
  callerIdKey,
  dtmfKey,
  kindKey,
  numberFormatKey,
  toggled,
} from './trunk-keys';

/** The carrier's addresses, one a line, as the office takes them. */
const addressList = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

/**
 * Adds a SIP trunk or changes one: every setting the office has for it. A trunk keeps its kind;
 * the carrier's password is sent only when typed, and never shown back.
 */
export function TrunkFormDialog({ item: trunk, onClose }: ResourceFormProps<Trunk>) {
  const { t } = useTranslation();
  const admin = useAdminApi();
  // A new trunk shows the office's defaults, so the admin sees what they get.
  const saved = trunk ?? TRUNK_DEFAULTS;
  const [kind, setKind] = useState<TrunkKind>(trunk?.kind ?? 'registration');
  const [name, setName] = useState(trunk?.name ?? '');
  const [enabled, setEnabled] = useState(saved.enabled);
  const [host, setHost] = useState(trunk?.host ?? '');
  const [port, setPort] = useState(trunk?.port === null || !trunk ? '' : String(trunk.port));
  const [transport, setTransport] = useState<TrunkTransport>(saved.transport);
  const [addresses, setAddresses] = useState(trunk?.addresses.join('\n') ?? '');
  const [codecs, setCodecs] = useState<Codec[]>([...saved.codecs]);
  const [dtmfMode, setDtmfMode] = useState<DtmfMode>(saved.dtmfMode);
  const [numberFormat, setNumberFormat] = useState<NumberFormat>(saved.numberFormat);
  const [callerIdHeader, setCallerIdHeader] = useState<CallerIdHeader>(saved.callerIdHeader);
  const [privacy, setPrivacy] = useState(saved.privacy);
  const [redirection, setRedirection] = useState<RedirectionHeader[]>([...saved.redirectionHeaders]);
  const [maxChannels, setMaxChannels] = useState(String(saved.maxChannels));
  const [order, setOrder] = useState(String(saved.order));
  const account = trunk?.registration;
  const [registration, setRegistration] = useState<RegistrationDraft>({
    username: account?.username ?? '',
    authUsername: account?.authUsername ?? '',
    domain: account?.domain ?? '',
    expires: String(account?.expires ?? TRUNK_DEFAULTS.registrationExpires),
    password: '',
  });

  const registrationBody = () => ({
    username: registration.username.trim(),
    authUsername: registration.authUsername.trim() || null,
    domain: registration.domain.trim() || null,
    expires: Number(registration.expires),
    ...(registration.password !== '' && { password: registration.password }),
  });

  const save = () => {
    const settings = {
      name: name.trim(),
      enabled,
      host: host.trim(),
      port: port.trim() === '' ? null : Number(port),
      transport,
      codecs,
      dtmfMode,
      numberFormat,
      callerIdHeader,
      privacy,
      redirectionHeaders: redirection,
      maxChannels: Number(maxChannels),
      order: Number(order),
      addresses: addressList(addresses),
    };
    if (trunk)
      return admin.updateTrunk({
        id: trunk.id,
        body: { ...settings, ...(kind === 'registration' && { registration: registrationBody() }) },
      });
    return admin.createTrunk({
      body: {
        kind,
        ...settings,
        // A new registration trunk's password is required: the field is, and the office checks it.
        ...(kind === 'registration' && {
          registration: { ...registrationBody(), password: registration.password },
        }),
      },
    });
  };

  return (
    <FormDialog
      title={trunk ? t('admin.common.editNamed', { name: trunk.name }) : t('admin.trunks.add')}
      submitLabel={trunk ? t('admin.common.save') : t('admin.trunks.add')}
      save={save}
      onSaved={onClose}
      onCancel={() => onClose(null)}
    >
      {(error) => (
        <>
          <SelectField
            id="trunk-kind"
            label={t('admin.trunks.kind')}
            hint={t(trunk ? 'admin.trunks.kindKept' : 'admin.trunks.kindHint')}
            disabled={trunk !== undefined}
            value={kind}
            onChange={setKind}
          >
            {KINDS.map((choice) => (
              <option key={choice} value={choice}>
                {t(kindKey(choice))}
              </option>
            ))}
          </SelectField>
          <TextField
            id="trunk-name"
            label={t('admin.groups.name')}
            required
            {...textLimits(TrunkName)}
            value={name}
            invalid={refused(error, 'name', 'name_taken')}
            onChange={setName}
          />
          <CheckField label={t('admin.trunks.enabled')} checked={enabled} onChange={setEnabled} />
          <TextField
            id="trunk-host"
            label={t(kind === 'registration' ? 'admin.trunks.registrar' : 'admin.trunks.host')}
            required
            {...textLimits(TrunkHost)}
            value={host}
            invalid={refused(error, 'host')}
            onChange={setHost}
          />
          <TextField
            id="trunk-port"
            label={t('admin.trunks.port')}
            hint={t('admin.trunks.portHint')}
            type="number"
            {...numberLimits(Port)}
            value={port}
            invalid={refused(error, 'port')}
            onChange={setPort}
          />
          <SelectField
            id="trunk-transport"
            label={t('admin.trunks.transport')}
            value={transport}
            invalid={refused(error, 'transport')}
            onChange={setTransport}
          >
            {TRANSPORTS.map((choice) => (
              <option key={choice} value={choice}>
                {choice}
              </option>
            ))}
          </SelectField>
          {kind === 'registration' && (
            <RegistrationFields
              value={registration}
              passwordSet={account?.passwordSet ?? false}
              error={error}
              onChange={setRegistration}
            />
          )}
          <TextAreaField
            id="trunk-addresses"
            label={t('admin.trunks.addresses')}
            hint={t(kind === 'ip' ? 'admin.trunks.addressesIpHint' : 'admin.trunks.addressesHint')}
            required={kind === 'ip'}
            rows={3}
            value={addresses}
            invalid={error?.field?.startsWith('body.addresses') ?? false}
            onChange={setAddresses}
          />
          <CodecPicker value={codecs} invalid={refused(error, 'codecs')} onChange={setCodecs} />
          <SelectField id="trunk-dtmf" label={t('admin.trunks.dtmf')} value={dtmfMode} onChange={setDtmfMode}>
            {DTMF_MODES.map((choice) => (
              <option key={choice} value={choice}>
                {t(dtmfKey(choice))}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="trunk-number-format"
            label={t('admin.trunks.numberFormat')}
            value={numberFormat}
            onChange={setNumberFormat}
          >
            {NUMBER_FORMATS.map((choice) => (
              <option key={choice} value={choice}>
                {t(numberFormatKey(choice))}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="trunk-caller-id"
            label={t('admin.trunks.callerId')}
            value={callerIdHeader}
            onChange={setCallerIdHeader}
          >
            {CALLER_ID_HEADERS.map((choice) => (
              <option key={choice} value={choice}>
                {t(callerIdKey(choice))}
              </option>
            ))}
          </SelectField>
          <CheckField label={t('admin.trunks.privacy')} checked={privacy} onChange={setPrivacy} />
          <fieldset className="admin-fieldset stack">
            <legend>{t('admin.trunks.redirection')}</legend>
            {REDIRECTION_HEADERS.map((header) => (
              <CheckField
                key={header}
                label={REDIRECTION_NAMES[header]}
                checked={redirection.includes(header)}
                onChange={(ticked) => setRedirection(toggled(redirection, header, ticked))}
              />
            ))}
          </fieldset>
          <TextField
            id="trunk-max-channels"
            label={t('admin.trunks.maxChannels')}
            type="number"
            required
            {...numberLimits(ChannelLimit)}
            value={maxChannels}
            invalid={refused(error, 'maxChannels')}
            onChange={setMaxChannels}
          />
          <TextField
            id="trunk-order"
            label={t('admin.trunks.order')}
            hint={t('admin.trunks.orderHint')}
            type="number"
            required
            {...numberLimits(FailoverOrder)}
            value={order}
            invalid={refused(error, 'order')}
            onChange={setOrder}
          />
        </>
      )}
    </FormDialog>
  );
}
