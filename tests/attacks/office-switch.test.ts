// The office-switch attack script against the browser host as people start it: a page of the
// app, signed in or not, cannot point the app at another office behind the person's back.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withBrowserHost } from '../support/browser-host';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/office';

describe('a compromised renderer changing the office', () => {
  const started = withBrowserHost();

  it('gets nowhere: the script reports every attempt held and exits 0', async () => {
    const script = spawn(
      path.resolve('node_modules/.bin/tsx'),
      [
        'tests/attacks/office-switch.ts',
        '--url',
        started.host.url.href,
        '--login',
        ADMIN_EMAIL,
        '--password',
        ADMIN_PASSWORD,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    script.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    script.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [code] = await once(script, 'exit');
    expect(output).not.toMatch(/^GOT THROUGH/m);
    expect(output.match(/^held/gm)).toHaveLength(3);
    expect(code).toBe(0);
    // Nothing was written for the next launch either: it still starts the office on this computer.
    const saved = JSON.parse(await readFile(path.join(started.dataDir, 'config.json'), 'utf8'));
    expect(saved.serverUrl).toBeNull();
  }, 60_000);
});
