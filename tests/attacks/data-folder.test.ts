import { describe, expect, it } from 'vitest';
import { OWNER, runTs, startOfficeProcess } from './office-process';

describe('the data-folder script against a fresh office started under umask 022', () => {
  it('finds every folder 0700, every file 0600 and no plain audio, and exits 0', async () => {
    const office = await startOfficeProcess({ umask: '022' });
    try {
      const script = runTs('tests/attacks/data-folder.ts', [
        ...['--url', office.baseUrl, '--sip-port', String(office.ports.sip), '--data-dir', office.dataDir],
        ...['--email', OWNER.email, '--password', OWNER.password],
      ]);
      const { code, output } = await script.exited;
      expect(output).not.toMatch(/^GOT THROUGH/m);
      expect(output.match(/^held/gm)?.length).toBe(2);
      expect(code).toBe(0);
    } finally {
      await office.stop();
    }
  }, 90_000);
});
