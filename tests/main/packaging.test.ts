// The installers' configuration (electron-builder.yml) and the windows' settings, asserted
// without electron-builder or Electron: what is packaged, which links open the app, which
// fuses are flipped, and that no window is made without the secure webPreferences.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { windowWebPreferences } from '../../main/window/security';

const ROOT = path.resolve(import.meta.dirname, '../..');
const config = parse(readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<
  string,
  unknown
>;
const section = (name: string) => config[name] as Record<string, unknown>;

/** Every TypeScript source of the main process, with its path relative to main/. */
function mainSources(dir = path.join(ROOT, 'main')): { file: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return mainSources(full);
    if (!entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) return [];
    return [{ file: path.relative(ROOT, full), text: readFileSync(full, 'utf8') }];
  });
}

describe('electron-builder.yml', () => {
  it('builds AppImage and deb, dmg and nsis', () => {
    expect(section('linux').target).toEqual(['AppImage', 'deb']);
    expect(section('mac').target).toEqual(['dmg']);
    expect(section('win').target).toEqual(['nsis']);
  });

  it('registers the tel:, sip: and callto: links, and its own switchboard: links', () => {
    const protocols = config.protocols as { name: string; schemes: string[] }[];
    expect(protocols.flatMap((p) => p.schemes).sort()).toEqual(['callto', 'sip', 'switchboard', 'tel']);
    for (const protocol of protocols) expect(protocol.name).not.toBe('');
  });

  it('says why macOS should let it use the microphone', () => {
    const info = section('mac').extendInfo as Record<string, string>;
    expect(info.NSMicrophoneUsageDescription).toMatch(/microphone/i);
  });

  it('flips the fuses: no RunAsNode, NODE_OPTIONS or --inspect; encrypted cookies; the app only from its checked archive', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    // Integrity validation means nothing without an archive to validate.
    expect(config.asar).toBe(true);
  });

  it('packages the bundles main/index.ts loads, and nothing of the sources', () => {
    const files = config.files as string[];
    expect(files).toEqual(expect.arrayContaining(['dist/main/**', 'dist/preload/**', 'dist/renderer/**']));
    expect(files.some((pattern) => /^(main|server|common|renderer|preload|tests)\//.test(pattern))).toBe(
      false,
    );
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string };
    expect(manifest.main).toBe('dist/main/index.js');
    const build = readFileSync(path.join(ROOT, 'scripts/build-desktop.ts'), 'utf8');
    expect(build).toContain("outDir: 'dist/main'");
    expect(build).toContain("entryFileNames: 'index.js'");
    expect(build).toContain("fileName: () => 'index.cjs'");
    expect(readFileSync(path.join(ROOT, 'main/index.ts'), 'utf8')).toContain("'preload', 'index.cjs'");
  });
});

describe('every window', () => {
  it('is isolated and sandboxed with no Node, web security on and no webview', () => {
    expect(windowWebPreferences('/preload.cjs', { packaged: true })).toMatchObject({
      devTools: false,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
  });

  it('is made with those webPreferences and no others', () => {
    const windows = mainSources().flatMap(({ file, text }) =>
      [...text.matchAll(/new BrowserWindow\(\{([\s\S]*?)\n\s*\}\);/g)].map((match) => ({
        file,
        options: match[1]!,
      })),
    );
    expect(windows.length).toBeGreaterThan(0);
    for (const { file, options } of windows) {
      expect(options, file).toMatch(/webPreferences: windowWebPreferences\(/);
      expect(options.match(/webPreferences/g), file).toHaveLength(1);
    }
    // Nothing else creates web contents with settings of its own.
    for (const { file, text } of mainSources()) {
      expect(text, file).not.toMatch(/new (BrowserView|WebContentsView)\(/);
    }
  });
});
