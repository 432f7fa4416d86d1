import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { Password } from '../../../common/api/primitives';
import { CheckField, PasswordField, SelectField, TextAreaField, TextField } from './Field';
import { schemaLimits } from './field-limits';

afterEach(cleanup);

/** A field kept in state, as the forms keep theirs: what it hands back is what it shows. */
function Typed({ hint, error }: { hint?: string; error?: string }) {
  const [value, setValue] = useState('');
  return (
    <>
      <TextField
        id="name"
        label="Name"
        maxLength={5}
        hint={hint}
        error={error}
        value={value}
        onChange={setValue}
      />
      <output>{value}</output>
    </>
  );
}

describe('TextField', () => {
  it('is named by its label and hands back what is typed, within its limit', async () => {
    render(<Typed />);
    await userEvent.type(screen.getByLabelText('Name'), 'Ada Lovelace');
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveProperty('value', 'Ada L');
    expect(screen.getByRole('status').textContent).toBe('Ada L');
  });

  it('is described by its hint, and by its error instead once there is one', () => {
    const { rerender } = render(<Typed hint="Five letters at most" />);
    const input = screen.getByLabelText('Name');
    expect(input.getAttribute('aria-invalid')).toBeNull();
    expect(document.getElementById(input.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Five letters at most',
    );

    rerender(<Typed hint="Five letters at most" error="Names need a letter" />);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(input.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Names need a letter',
    );
    expect(screen.getByText('Five letters at most')).toBeTruthy();
  });

  it('marks itself invalid without words of its own, and takes another describing element', () => {
    render(
      <>
        <p id="rules">Twelve characters</p>
        <TextField id="p" label="Password" value="" invalid describedBy="rules" onChange={() => {}} />
        <TextField id="q" label="Again" value="" invalid={false} onChange={() => {}} />
      </>,
    );
    const password = screen.getByLabelText('Password');
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(password.getAttribute('aria-describedby')).toBe('rules');
    expect(screen.getByLabelText('Again').getAttribute('aria-invalid')).toBe('false');
    expect(screen.getByLabelText('Again').getAttribute('aria-describedby')).toBeNull();
  });

  it('shows what is given right under the input, above its hint', () => {
    render(
      <TextField id="p" label="Password" value="" hint="Rules" onChange={() => {}}>
        <p>Live check</p>
      </TextField>,
    );
    const field = screen.getByLabelText('Password').parentElement!;
    expect([...field.querySelectorAll('p')].map((p) => p.textContent)).toEqual(['Live check', 'Rules']);
  });
});

describe('PasswordField', () => {
  it('takes a password as long as the office accepts, and not longer', async () => {
    function Typed() {
      const [value, setValue] = useState('');
      return (
        <PasswordField
          id="pw"
          label="Password"
          autoComplete="current-password"
          value={value}
          onChange={setValue}
        />
      );
    }
    render(<Typed />);
    const input = screen.getByLabelText<HTMLInputElement>('Password');
    const limit = schemaLimits(Password).maxLength!;
    expect(input.type).toBe('password');
    expect(input.maxLength).toBe(limit);
    await userEvent.click(input);
    await userEvent.paste('x'.repeat(limit + 10));
    expect(input.value).toHaveLength(limit);
  });

  it('takes the field’s own class beside `field`', () => {
    render(<TextField id="q" label="Search" className="wide" value="" onChange={() => {}} />);
    expect(screen.getByLabelText('Search').parentElement!.className).toBe('field wide');
  });
});

describe('TextAreaField, SelectField, CheckField', () => {
  it('hand back what is typed, chosen and ticked', async () => {
    const seen: unknown[] = [];
    function Form() {
      const [text, setText] = useState('');
      const [kind, setKind] = useState<'a' | 'b'>('a');
      const [on, setOn] = useState(false);
      seen.push([text, kind, on]);
      return (
        <>
          <TextAreaField id="t" label="Notes" hint="Anything" value={text} onChange={setText} />
          <SelectField id="s" label="Kind" value={kind} onChange={setKind}>
            <option value="a">A</option>
            <option value="b">B</option>
          </SelectField>
          <CheckField label="Default" checked={on} onChange={setOn} />
        </>
      );
    }
    render(<Form />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Notes' }), 'hi');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Kind' }), 'b');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Default' }));
    expect(seen.at(-1)).toEqual(['hi', 'b', true]);
    expect(screen.getByRole('textbox', { name: 'Notes' }).getAttribute('aria-describedby')).toBe('t-hint');
  });
});
