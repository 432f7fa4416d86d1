import { ExtensionNumber } from '../../../../common/api/primitives';
import { TextField, type TextFieldProps } from '../../ui/Field';
import { textLimits } from '../../ui/field-limits';

/** A field for an extension number, held to what the office accepts as one. */
export function ExtensionField(props: Omit<TextFieldProps, 'type' | 'inputMode' | 'pattern' | 'maxLength'>) {
  return <TextField {...props} inputMode="numeric" {...textLimits(ExtensionNumber)} />;
}
