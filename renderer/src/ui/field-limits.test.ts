import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MacAddress } from '../../../common/api/devices';
import { CreatePhoneNumber, CreateUserGroup } from '../../../common/api/directory';
import { Email, ExtensionNumber, Password, PersonName } from '../../../common/api/primitives';
import { RingTimeout } from '../../../common/api/preferences';
import { htmlPattern, numberLimits, schemaLimits, textLimits } from './field-limits';

/** Whether a value passes an input's `pattern` as Chromium checks it: whole value, `v` flag. */
const inputAccepts = (pattern: string, value: string) => new RegExp(`^(?:${pattern})$`, 'v').test(value);

/** Whether the office's schema accepts it (JSON Schema: the pattern found anywhere, `u` flag). */
const schemaAccepts = (pattern: string, value: string) => new RegExp(pattern, 'u').test(value);

describe('field limits', () => {
  it('reads a text schema’s length and pattern, and a number schema’s range', () => {
    expect(textLimits(Password)).toEqual({ maxLength: 256, minLength: 1 });
    expect(textLimits(Email)).toEqual({ maxLength: 254, minLength: 3 });
    expect(textLimits(ExtensionNumber)).toEqual({ maxLength: 8, pattern: '[0-9]{2,8}' });
    expect(numberLimits(RingTimeout)).toEqual({ min: 5, max: 120 });
    expect(schemaLimits(CreateUserGroup.properties.description)).toEqual({ maxLength: 500 });
  });

  it.each([
    ['an extension', ExtensionNumber, ['101', '12345678'], ['1', '123456789', '10a', ' 101']],
    [
      'an E.164 number',
      CreatePhoneNumber.properties.number,
      ['+34911234567'],
      ['34911234567', '+0123', '+1 555'],
    ],
    [
      'a MAC address',
      MacAddress,
      ['00:15:65:aa:bb:cc', '00-15-65-AA-BB-CC', '001565aabbcc'],
      ['00:15:65', 'zz:15:65:aa:bb:cc'],
    ],
    ['a name', PersonName, ['Ada', ' Ada Lovelace '], ['', '   ']],
  ])('holds %s to what the office accepts, as a browser checks an input', (_, schema, good, bad) => {
    const pattern = schemaLimits(schema).pattern!;
    const attribute = htmlPattern(pattern);
    for (const value of [...good, ...bad])
      expect(inputAccepts(attribute, value), JSON.stringify(value)).toBe(schemaAccepts(pattern, value));
    for (const value of good) expect(inputAccepts(attribute, value), value).toBe(true);
  });

  it('leaves no text limit written by hand in the renderer: each is read from a schema', () => {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
    const sources = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const file = path.join(dir, name);
        if (statSync(file).isDirectory()) return sources(file);
        return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [file] : [];
      });
    const literal = /\b(maxLength|minLength)(=\{|:\s*)[\d_]+\b|\bpattern="/;
    const found = sources(root).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => literal.test(line))
        .map((line) => `${path.relative(root, file)}: ${line.trim()}`),
    );
    expect(found).toEqual([]);
  });
});
