import { TextField, type TextFieldProps } from '../../ui/Field';

/** A field for an extension number: two to eight digits, as the office accepts them. */
export function ExtensionField(props: Omit<TextFieldProps, 'type' | 'inputMode' | 'pattern' | 'maxLength'>) {
  return <TextField {...props} inputMode="numeric" pattern="[0-9]{2,8}" maxLength={8} />;
}
