import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../common/ipc/domains/settings';
import { SettingsStore } from '../../main/services/settings-store';

describe('SettingsStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-settings-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('starts from the defaults and keeps changes in config.json, readable by the next start', async () => {
    const store = await SettingsStore.open(dir);
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(store.recovered).toBeNull();
    const updated = store.update({
      theme: 'dark',
      lastLogin: '101',
      audio: { microphone: 'mic-1', speaker: null, ringer: null },
    });
    expect(updated.theme).toBe('dark');
    expect(store.path).toBe(path.join(dir, 'config.json'));
    const onDisk = JSON.parse(await readFile(store.path, 'utf8'));
    expect(onDisk).toMatchObject({ theme: 'dark', lastLogin: '101', audio: { microphone: 'mic-1' } });
    expect((await stat(store.path)).mode & 0o777).toBe(0o600);
    const again = await SettingsStore.open(dir);
    expect(again.get()).toEqual({
      ...DEFAULT_SETTINGS,
      theme: 'dark',
      lastLogin: '101',
      audio: updated.audio,
    });
  });

  it('refuses a value the schema does not allow and keeps what was there', async () => {
    const store = await SettingsStore.open(dir);
    store.update({ language: 'fr' });
    expect(() => store.update({ theme: 'purple' } as never)).toThrow(/schema/);
    expect(store.get().language).toBe('fr');
    expect(store.get().theme).toBe('system');
    store.update({ pendingMailLanguage: { userId: 'u-1', language: 'es' } });
    expect(() => store.update({ pendingMailLanguage: { userId: '../u', language: 'es' } })).toThrow(/schema/);
    expect(() => store.update({ pendingMailLanguage: { userId: 'u-1', language: 'de' } } as never)).toThrow(
      /schema/,
    );
    expect(store.get().pendingMailLanguage).toEqual({ userId: 'u-1', language: 'es' });
  });

  it('reads a file an older version wrote, without the newer settings, with their defaults', async () => {
    await writeFile(path.join(dir, 'config.json'), JSON.stringify({ theme: 'dark', language: 'es' }));
    const store = await SettingsStore.open(dir);
    expect(store.recovered).toBeNull();
    expect(store.get()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', language: 'es' });
    expect(store.get().pendingMailLanguage).toBeNull();
  });

  it('moves a corrupt file aside, says so, and starts from defaults', async () => {
    await writeFile(path.join(dir, 'config.json'), '{"theme": "dark", ');
    const store = await SettingsStore.open(dir);
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(store.recovered?.movedTo).toMatch(/config\.json\.unreadable-/);
    expect(store.recovered?.reason).toMatch(/JSON/);
    expect(await readFile(store.recovered!.movedTo, 'utf8')).toBe('{"theme": "dark", ');
    expect((await readdir(dir)).sort()).toEqual(
      ['config.json', path.basename(store.recovered!.movedTo)].sort(),
    );
  });

  it('moves aside a file that breaks the schema (hand-edited) instead of dropping it silently', async () => {
    await writeFile(path.join(dir, 'config.json'), JSON.stringify({ theme: 'dark', launchAtLogin: 'yes' }));
    const store = await SettingsStore.open(dir);
    expect(store.recovered?.reason).toMatch(/launchAtLogin/);
    expect(store.get().launchAtLogin).toBe(false);
    expect(JSON.parse(await readFile(store.recovered!.movedTo, 'utf8'))).toEqual({
      theme: 'dark',
      launchAtLogin: 'yes',
    });
  });
});
