import type {
  InputHTMLAttributes,
  ReactNode,
  Ref,
  SelectHTMLAttributes,
  TextareaHTMLAttributes,
} from 'react';
import { Password } from '../../../common/api/primitives';
import { textLimits } from './field-limits';
import './field.css';

/** What every labelled field says about itself. */
export interface FieldText {
  /** The control's id; its hint and error take `<id>-hint` and `<id>-error`. */
  id: string;
  label: string;
  /** Shown under the control and read with it. */
  hint?: ReactNode;
  /** What is wrong, in words: shown under the control, read with it, and marks it invalid. */
  error?: string;
  /** Marks the control invalid when the words are elsewhere (the form's own refusal). */
  invalid?: boolean;
  /** Another element that describes the control, when it has no hint or error of its own. */
  describedBy?: string;
  /** The field's own class beside `field` (its place in a screen's layout). */
  className?: string;
}

/** A label, the control it names, and the control's hint and error under it. */
function Field({
  id,
  label,
  hint,
  error,
  className,
  children,
}: Omit<FieldText, 'invalid' | 'describedBy'> & { children: ReactNode }) {
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint !== undefined && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * Splits a field's props: what its wrapper shows (label, hint, error), the attributes that tie the
 * control to them (id, validity, description: the error first), and the control's own.
 */
function split<P extends FieldText>(props: P) {
  const { id, label, hint, error, invalid, describedBy, className, ...own } = props;
  return {
    field: { id, label, hint, error, className },
    tie: {
      id,
      'aria-invalid': error ? true : invalid,
      'aria-describedby': error ? `${id}-error` : hint !== undefined ? `${id}-hint` : describedBy,
    },
    own,
  };
}

type Native<A> = Omit<
  A,
  'id' | 'value' | 'onChange' | 'aria-invalid' | 'aria-describedby' | 'children' | 'className'
>;

export type TextFieldProps = FieldText &
  Native<InputHTMLAttributes<HTMLInputElement>> & {
    value: string;
    onChange: (value: string) => void;
    /** Shown right under the input, above its hint (a live check of what is typed, suggestions). */
    children?: ReactNode;
    ref?: Ref<HTMLInputElement>;
  };

/** A labelled input (text, email, number, password, search…) that hands back what is typed. */
export function TextField(props: TextFieldProps) {
  const { field, tie, own } = split(props);
  const { value, onChange, children, type = 'text', ...native } = own;
  return (
    <Field {...field}>
      <input
        {...native}
        {...tie}
        type={type}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
      {children}
    </Field>
  );
}

/**
 * A password, held to the length the office accepts for every password it is sent (a new
 * password's policy is checked as it is typed, beside the field).
 */
export function PasswordField(
  props: Omit<TextFieldProps, 'type' | 'maxLength' | 'minLength' | 'pattern' | 'autoComplete'> & {
    autoComplete: 'current-password' | 'new-password';
  },
) {
  return <TextField {...props} type="password" {...textLimits(Password)} />;
}

export type TextAreaFieldProps = FieldText &
  Native<TextareaHTMLAttributes<HTMLTextAreaElement>> & {
    value: string;
    onChange: (value: string) => void;
  };

/** A labelled multi-line text. */
export function TextAreaField(props: TextAreaFieldProps) {
  const { field, tie, own } = split(props);
  const { value, onChange, ...native } = own;
  return (
    <Field {...field}>
      <textarea {...native} {...tie} value={value} onChange={(event) => onChange(event.target.value)} />
    </Field>
  );
}

export type SelectFieldProps<V extends string> = FieldText &
  Native<SelectHTMLAttributes<HTMLSelectElement>> & {
    value: V;
    onChange: (value: V) => void;
    /** The `<option>`s, each valued with one of `V`. */
    children: ReactNode;
  };

/** A labelled choice among the options given as children. */
export function SelectField<V extends string>(props: SelectFieldProps<V>) {
  const { field, tie, own } = split(props);
  const { value, onChange, children, ...native } = own;
  return (
    <Field {...field}>
      <select
        {...native}
        {...tie}
        value={value}
        // The options are the caller's, each valued with one of V.
        onChange={(event) => onChange(event.target.value as V)}
      >
        {children}
      </select>
    </Field>
  );
}

/** A labelled checkbox that hands back whether it is ticked. */
export function CheckField({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      {label}
    </label>
  );
}
