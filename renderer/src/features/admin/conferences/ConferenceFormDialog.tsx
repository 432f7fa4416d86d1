import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConferencePin, ConferenceSize, type Conference } from '../../../../../common/api/conferences';
import { CheckField, TextField } from '../../../ui/Field';
import { numberLimits, textLimits } from '../../../ui/field-limits';
import { FormDialog, refused } from '../../../ui/FormDialog';
import { useAdminApi } from '../admin-api';
import { ExtensionField } from '../ExtensionField';
import { NameField } from '../NameFields';
import type { ResourceFormProps } from '../panel-actions';

/**
 * One PIN of a bridge as the form holds it: typed anew, or (editing a bridge that has one) kept
 * as it is or removed. The office never sends a PIN back, so an empty field keeps the old one.
 */
interface PinEntry {
  typed: string;
  remove: boolean;
}

/** What the body says of a PIN: a new one, null to remove it, nothing to leave it as it is. */
function pinChange(entry: PinEntry): { value?: string | null } {
  if (entry.remove) return { value: null };
  return entry.typed ? { value: entry.typed } : {};
}

function PinField({
  id,
  label,
  hint,
  isSet,
  entry,
  invalid,
  onChange,
}: {
  id: string;
  label: string;
  hint: string;
  isSet: boolean;
  entry: PinEntry;
  invalid: boolean;
  onChange: (entry: PinEntry) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      {!entry.remove && (
        <TextField
          id={id}
          label={label}
          type="password"
          autoComplete="new-password"
          inputMode="numeric"
          {...textLimits(ConferencePin)}
          value={entry.typed}
          hint={isSet ? t('admin.conferences.pinKeepHint') : hint}
          invalid={invalid}
          onChange={(typed) => onChange({ ...entry, typed })}
        />
      )}
      {isSet && (
        <CheckField
          label={t('admin.conferences.pinRemove', { pin: label })}
          checked={entry.remove}
          onChange={(remove) => onChange({ typed: '', remove })}
        />
      )}
    </>
  );
}

/** Adds a conference bridge or changes its extension, PINs and size. */
export function ConferenceFormDialog({ item: bridge, onClose }: ResourceFormProps<Conference>) {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const [name, setName] = useState(bridge?.name ?? '');
  const [extension, setExtension] = useState(bridge?.extension ?? '');
  const [pin, setPin] = useState<PinEntry>({ typed: '', remove: false });
  const [moderatorPin, setModeratorPin] = useState<PinEntry>({ typed: '', remove: false });
  const [endWithModerator, setEndWithModerator] = useState(bridge?.endWithModerator ?? false);
  const [maxParticipants, setMaxParticipants] = useState(String(bridge?.maxParticipants ?? 20));

  const save = () => {
    const pinValue = pinChange(pin);
    const moderatorValue = pinChange(moderatorPin);
    const body = {
      name: name.trim(),
      ...(extension.trim() && { extension: extension.trim() }),
      ...('value' in pinValue && { pin: pinValue.value }),
      ...('value' in moderatorValue && { moderatorPin: moderatorValue.value }),
      endWithModerator,
      maxParticipants: Number(maxParticipants),
    };
    return bridge ? admin.updateConference({ id: bridge.id, body }) : admin.createConference({ body });
  };

  return (
    <FormDialog
      title={bridge ? t('admin.common.editNamed', { name: bridge.name }) : t('admin.conferences.add')}
      submitLabel={bridge ? t('admin.common.save') : t('admin.conferences.add')}
      save={save}
      onSaved={onClose}
      onCancel={() => onClose(null)}
    >
      {(error) => (
        <>
          <NameField id="conference-name" value={name} error={error} onChange={setName} />
          <ExtensionField
            id="conference-extension"
            label={t('admin.conferences.extension')}
            value={extension}
            hint={t('admin.conferences.extensionHint')}
            invalid={refused(error, 'extension', 'extension_taken')}
            onChange={setExtension}
          />
          <PinField
            id="conference-pin"
            label={t('admin.conferences.pin')}
            hint={t('admin.conferences.pinHint')}
            isSet={bridge?.hasPin ?? false}
            entry={pin}
            invalid={refused(error, 'pin')}
            onChange={setPin}
          />
          <PinField
            id="conference-moderator-pin"
            label={t('admin.conferences.moderatorPin')}
            hint={t('admin.conferences.moderatorPinHint')}
            isSet={bridge?.hasModeratorPin ?? false}
            entry={moderatorPin}
            invalid={refused(error, 'moderatorPin')}
            onChange={setModeratorPin}
          />
          <CheckField
            label={t('admin.conferences.endWithModeratorLabel')}
            checked={endWithModerator}
            onChange={setEndWithModerator}
          />
          <TextField
            id="conference-max-participants"
            label={t('admin.conferences.maxParticipants')}
            type="number"
            required
            {...numberLimits(ConferenceSize)}
            value={maxParticipants}
            invalid={refused(error, 'maxParticipants')}
            onChange={setMaxParticipants}
          />
        </>
      )}
    </FormDialog>
  );
}
