// Bundles the Electron main process and the preload next to the built renderer:
// dist/main/index.js (ES module; dependencies stay in node_modules, native ones included) and
// dist/preload/index.cjs (one self-contained CommonJS file: a sandboxed preload can require
// nothing but electron). electron-builder.yml packages exactly these folders.
import { build } from 'vite';

await build({
  configFile: false,
  logLevel: 'warn',
  build: {
    ssr: 'main/index.ts',
    outDir: 'dist/main',
    emptyOutDir: true,
    target: 'node22',
    sourcemap: false,
    rollupOptions: { output: { format: 'es', entryFileNames: 'index.js' } },
  },
});

await build({
  configFile: false,
  logLevel: 'warn',
  build: {
    outDir: 'dist/preload',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: false,
    minify: false,
    lib: { entry: 'preload/index.ts', formats: ['cjs'], fileName: () => 'index.cjs' },
    rollupOptions: { external: ['electron'] },
  },
});
