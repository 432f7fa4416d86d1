// DESIGN.md's folder table, as lint enforces it: each forbidden import, written in a file of
// the folder, must fail with the rule that forbids it; each allowed one must pass. Imports name
// real files, since a zone can only forbid an import the resolver finds.
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A real file of each folder (extension-less, as the code imports them). */
const FILE_IN = {
  common: 'common/ipc/result',
  main: 'main/ipc/failure',
  preload: 'preload/index',
  renderer: 'renderer/src/format',
  server: 'server/logger',
  tests: 'tests/support/random',
  bench: 'bench/seed',
} as const;
type Folder = keyof typeof FILE_IN;

/** Where the snippet is linted from: a file that would sit in that folder. */
const PROBE_IN: Record<Folder, string> = {
  common: 'common/ipc/probe.ts',
  main: 'main/services/probe.ts',
  preload: 'preload/probe.ts',
  renderer: 'renderer/src/app/probe.tsx',
  server: 'server/api/probe.ts',
  tests: 'tests/main/probe.ts',
  bench: 'bench/probe.ts',
};

const FORBIDDEN: [Folder, string][] = [
  ...(['main', 'preload', 'renderer', 'server', 'tests', 'bench'] as const).map(
    (from) => ['common', FILE_IN[from]] as [Folder, string],
  ),
  ...(['main', 'preload', 'renderer', 'tests', 'bench'] as const).map(
    (from) => ['server', FILE_IN[from]] as [Folder, string],
  ),
  ...(['preload', 'renderer', 'tests', 'bench'] as const).map(
    (from) => ['main', FILE_IN[from]] as [Folder, string],
  ),
  // main may use server/ only to start the embedded office.
  ['main', 'server/logger'],
  ['main', 'server/office'],
  ...(['main', 'renderer', 'server', 'tests', 'bench'] as const).map(
    (from) => ['preload', FILE_IN[from]] as [Folder, string],
  ),
  ...(['main', 'preload', 'server', 'tests', 'bench'] as const).map(
    (from) => ['renderer', FILE_IN[from]] as [Folder, string],
  ),
];

const ALLOWED: [Folder, string][] = [
  ['common', 'common/api/primitives'],
  ['server', FILE_IN.common],
  ['main', FILE_IN.common],
  ['main', 'server/embedded'],
  ['preload', FILE_IN.common],
  ['renderer', FILE_IN.common],
  ['tests', FILE_IN.main],
  ['tests', FILE_IN.renderer],
  ['tests', FILE_IN.server],
  ['bench', FILE_IN.main],
  ['bench', FILE_IN.tests],
];

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** The rules that fired on `import … from <target>` written in a file of `folder`. */
async function rulesFiredOn(folder: Folder, target: string): Promise<(string | null)[]> {
  const probe = path.join(ROOT, PROBE_IN[folder]);
  const specifier = target.startsWith('.') || !target.includes('/') ? target : relativeTo(probe, target);
  const code = `import * as imported from '${specifier}';\nexport const used = imported;\n`;
  const [result] = await eslint.lintText(code, { filePath: probe });
  return result!.messages.map((message) => message.ruleId);
}

function relativeTo(probe: string, target: string): string {
  const relative = path.relative(path.dirname(probe), path.join(ROOT, target));
  return relative.startsWith('.') ? relative : `./${relative}`;
}

describe('lint enforces which folder may import which', () => {
  it.each(FORBIDDEN)('%s/ may not import %s', async (folder, target) => {
    expect(await rulesFiredOn(folder, target)).toEqual(['import-x/no-restricted-paths']);
  });

  it.each(ALLOWED)('%s/ may import %s', async (folder, target) => {
    expect(await rulesFiredOn(folder, target)).toEqual([]);
  });

  it.each([
    ['renderer', 'node:fs'],
    ['renderer', 'electron'],
    ['common', 'node:path'],
    ['common', 'crypto'],
  ] as [Folder, string][])('%s/ may not use %s', async (folder, builtin) => {
    expect(await rulesFiredOn(folder, builtin)).toEqual(['no-restricted-imports']);
  });

  it('an import cycle is an error', async () => {
    // main/ipc/router.ts imports IpcFailure from main/ipc/failure.ts: failure importing the router closes a loop.
    const code = "import { IpcRouter } from './router';\nexport const router = IpcRouter;\n";
    const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, 'main/ipc/failure.ts') });
    expect(result!.messages.map((message) => message.ruleId)).toEqual(['import-x/no-cycle']);
  });

  it('server/ may not use electron', async () => {
    expect(await rulesFiredOn('server', 'electron')).toEqual(['no-restricted-imports']);
  });
});
