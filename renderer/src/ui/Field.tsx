import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
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
}

/** A label, the control it names, and the control's hint and error under it. */
function Field({
  id,
  label,
  hint,
  error,
  children,
}: Omit<FieldText, 'invalid' | 'describedBy'> & { children: ReactNode }) {
  return (
    <div className="field">
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

/** The attributes that tie a control to its field: its id, validity and description (the error first). */
function controlProps({ id, hint, error, invalid, describedBy }: Omit<FieldText, 'label'>) {
  return {
    id,
    'aria-invalid': error ? true : invalid,
    'aria-describedby': error ? `${id}-error` : hint !== undefined ? `${id}-hint` : describedBy,
  };
}

type Native<A> = Omit<A, 'id' | 'value' | 'onChange' | 'aria-invalid' | 'aria-describedby' | 'children'>;

export type TextFieldProps = FieldText &
  Native<InputHTMLAttributes<HTMLInputElement>> & {
    value: string;
    onChange: (value: string) => void;
    /** Shown right under the input, above its hint (a live check of what is typed). */
    children?: ReactNode;
  };

/** A labelled input (text, email, number, password, search…) that hands back what is typed. */
export function TextField(props: TextFieldProps) {
  const {
    id,
    label,
    hint,
    error,
    invalid,
    describedBy,
    value,
    onChange,
    children,
    type = 'text',
    ...native
  } = props;
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <input
        {...native}
        {...controlProps({ id, hint, error, invalid, describedBy })}
        type={type}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
      {children}
    </Field>
  );
}

export type TextAreaFieldProps = FieldText &
  Native<TextareaHTMLAttributes<HTMLTextAreaElement>> & {
    value: string;
    onChange: (value: string) => void;
  };

/** A labelled multi-line text. */
export function TextAreaField(props: TextAreaFieldProps) {
  const { id, label, hint, error, invalid, describedBy, value, onChange, ...native } = props;
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <textarea
        {...native}
        {...controlProps({ id, hint, error, invalid, describedBy })}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
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
  const { id, label, hint, error, invalid, describedBy, value, onChange, children, ...native } = props;
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <select
        {...native}
        {...controlProps({ id, hint, error, invalid, describedBy })}
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
