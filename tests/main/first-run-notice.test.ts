// Where the super admin's one-time password is shown: on the app's first-run screen, and on the
// terminal only while there is no renderer to show that screen.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Starts the browser host on a fresh folder, waits for its address, stops it; what it wrote on stderr. */
async function firstStart(dataDir: string, rendererDir: string): Promise<string> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'main/web/cli.ts', '--data-dir', dataDir, '--port', '0'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LOG_LEVEL: 'warn', SWITCHBOARD_RENDERER_DIR: rendererDir },
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Switchboard is running at')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the host exited with ${code}: ${stderr}`)));
  });
  // 'close': after stderr has been read to its end.
  const exited = new Promise((resolve) => child.once('close', resolve));
  child.kill('SIGTERM');
  await exited;
  return stderr;
}

describe('the one-time password on the terminal', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-notice-'));
    await mkdir(path.join(dir, 'built'));
    await writeFile(path.join(dir, 'built', 'index.html'), '<!doctype html><title>Switchboard</title>');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('is not printed when the first-run screen will show it', async () => {
    const stderr = await firstStart(path.join(dir, 'with-renderer'), path.join(dir, 'built'));
    expect(stderr).not.toMatch(/temporary password/i);
  }, 60_000);

  it('is printed once while the renderer is not built', async () => {
    const stderr = await firstStart(path.join(dir, 'without-renderer'), path.join(dir, 'not-built'));
    expect(
      stderr.match(/created super admin admin@switchboard\.local with temporary password \S+/g),
    ).toHaveLength(1);
  }, 60_000);
});
