// Every language has every key (the type system also checks), no message is empty, and every
// key is used somewhere by the code that reads the catalogues (the window, the desktop shell's
// words, the office's mail): a missing or unused key fails here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MESSAGES, translate } from './catalogue';
import { flattenKeys } from './messages';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The folders whose code reads the catalogues. */
const READERS = ['renderer/src', 'main/shell', 'server/mail', 'server/pages'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sources(file);
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
    const code = READERS.flatMap((dir) => sources(path.join(ROOT, dir)))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    // A count's forms (`_one`, `_other`) are asked for by their key without the suffix.
    const unused = english.filter((key) => !code.includes(`'${key.replace(/_(one|other)$/, '')}'`));
    expect(unused).toEqual([]);
  });
});

describe('translate', () => {
  it('fills the placeholders it is given and keeps the others for a mail template to fill', () => {
    expect(translate('es', 'desktop.retryingIn', { seconds: 8 })).toBe('reintentando en 8 s');
    expect(translate('fr', 'mail.voicemailNotice.subject')).toBe('Nouveau message vocal : {{caller}}');
    expect(translate('en', 'desktop.voicemailFrom', { caller: 'Ana', duration: '0:09' })).toBe(
      'From Ana (0:09)',
    );
  });
});
