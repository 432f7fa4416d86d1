import { useTranslation } from 'react-i18next';
import { CreateUserGroup } from '../../../../common/api/directory';
import type { IpcError } from '../../../../common/ipc/result';
import { TextAreaField, TextField } from '../../ui/Field';
import { textLimits } from '../../ui/field-limits';
import { refused } from '../../ui/FormDialog';

interface TextProps {
  id: string;
  value: string;
  onChange: (value: string) => void;
}

// Groups and templates share the schema of a name and a description.
const { name: NAME, description: DESCRIPTION } = CreateUserGroup.properties;

/** The name a group or template is known by: required, and unique in the office. */
export function NameField({ error, ...props }: TextProps & { error: IpcError | null }) {
  const { t } = useTranslation();
  return (
    <TextField
      {...props}
      label={t('admin.groups.name')}
      required
      {...textLimits(NAME)}
      invalid={refused(error, 'name', 'name_taken')}
    />
  );
}

/** What a group or template is for, in the admin's words. */
export function DescriptionField({ rows, ...props }: TextProps & { rows: number }) {
  const { t } = useTranslation();
  return (
    <TextAreaField
      {...props}
      label={t('admin.groups.description')}
      {...textLimits(DESCRIPTION)}
      rows={rows}
    />
  );
}
