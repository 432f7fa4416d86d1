// Every language has every key (the type system also checks), no message is empty, and every
// key is used somewhere in the renderer's source: a missing or unused key fails here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from './index';
import { flattenKeys } from './messages';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === 'i18n' ? [] : sources(file);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [file] : [];
  });
}

function valueAt(tree: object, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], tree);
}

describe('messages', () => {
  const english = flattenKeys(MESSAGES.en).sort();

  it.each(Object.keys(MESSAGES))('%s has exactly the English keys, none empty', (language) => {
    const messages = MESSAGES[language as keyof typeof MESSAGES];
    expect(flattenKeys(messages).sort()).toEqual(english);
    for (const key of english) expect(String(valueAt(messages, key)).trim(), key).not.toBe('');
  });

  it('uses every key in the source', () => {
    const code = sources(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const unused = english.filter((key) => !code.includes(`'${key}'`));
    expect(unused).toEqual([]);
  });
});
