// Lint also enforces DESIGN.md's folder table: which folder may import which.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';

const folders = ['common', 'main', 'preload', 'renderer', 'server', 'tests', 'bench'];

/** A zone forbidding `target` from importing every project folder not in `allowed`. */
function onlyFrom(target, allowed) {
  return folders
    .filter((folder) => folder !== target && !allowed.includes(folder))
    .map((folder) => ({
      target: `./${target}`,
      from: `./${folder}`,
      message: `DESIGN.md: ${target}/ may not import from ${folder}/.`,
    }));
}

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
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            ...onlyFrom('common', []),
            ...onlyFrom('server', ['common']),
            ...onlyFrom('main', ['common', 'server']),
            ...onlyFrom('preload', ['common']),
            ...onlyFrom('renderer', ['common']),
            ...onlyFrom('bench', ['common', 'server', 'tests']),
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
