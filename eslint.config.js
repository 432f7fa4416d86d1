// Lint also enforces DESIGN.md's folder table: which folder may import which.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import globals from 'globals';

const folders = ['common', 'main', 'preload', 'renderer', 'server', 'tests', 'bench'];

/**
 * Zones forbidding `target` from importing every project folder not in `allowed`. A folder
 * allowed only in part is given as `{ folder, only }`: of it, `target` may import those files.
 */
function onlyFrom(target, allowed) {
  const partly = new Map(
    allowed.filter((entry) => typeof entry === 'object').map((entry) => [entry.folder, entry.only]),
  );
  return folders
    .filter((folder) => folder !== target && !allowed.includes(folder))
    .map((folder) => ({
      target: `./${target}`,
      from: `./${folder}`,
      ...(partly.has(folder) && { except: partly.get(folder).map((file) => `./${file}`) }),
      message: partly.has(folder)
        ? `DESIGN.md: ${target}/ may import from ${folder}/ only ${partly.get(folder).join(', ')}.`
        : `DESIGN.md: ${target}/ may not import from ${folder}/.`,
    }));
}

// import-x's TypeScript settings (which files it parses to follow imports, for no-cycle), with
// the resolver given as an instance rather than by name.
const importXTypeScript = Object.fromEntries(
  Object.entries(importX.flatConfigs.typescript.settings).filter(([name]) => name !== 'import-x/resolver'),
);

const nodeBuiltins = {
  patterns: [{ group: ['node:*'], message: 'DESIGN.md: this folder must not use Node built-ins.' }],
  paths: ['electron', 'fs', 'path', 'crypto', 'os', 'child_process', 'net', 'http'].map((name) => ({
    name,
    message: 'DESIGN.md: this folder must not use Node or Electron.',
  })),
};

export default tseslint.config(
  { ignores: ['node_modules/', '.tsbuild/', 'dist/', 'out/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { 'import-x': importX },
    // Without a resolver the extension-less imports (`../main/ipc/failure`) resolve to nothing,
    // and a zone cannot forbid what it cannot find.
    settings: {
      ...importXTypeScript,
      'import-x/resolver-next': [createTypeScriptImportResolver({ alwaysTryTypes: true })],
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          // tests/ and bench/ may import anything: a benchmark is a test that prints figures
          // (it drives main's softphone or voicemail cache from outside, as tests/main does),
          // and tsconfig checks bench/ with tests/.
          zones: [
            ...onlyFrom('common', []),
            ...onlyFrom('server', ['common']),
            // main starts the embedded office through server/embedded.ts and uses nothing else of it.
            ...onlyFrom('main', ['common', { folder: 'server', only: ['embedded.ts'] }]),
            ...onlyFrom('preload', ['common']),
            ...onlyFrom('renderer', ['common']),
          ],
        },
      ],
    },
  },
  {
    files: ['common/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: { 'no-restricted-imports': ['error', nodeBuiltins] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'DESIGN.md: server/ runs without Electron.' }] },
      ],
    },
  },
  {
    // Tests read JSON bodies of many shapes; typing each one adds nothing the assertions miss.
    files: ['tests/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
