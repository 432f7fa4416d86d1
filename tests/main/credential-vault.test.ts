// Against the real OS keyring: gnome-keyring in the D-Bus session scripts/test.sh starts.
// Without one, these tests fail (the vault refuses to open); they never skip.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import keytar from 'keytar';
import { beforeAll, describe, expect, it } from 'vitest';
import { CredentialVault, KEYRING_SERVICE, keytarBackend } from '../../main/services/credential-vault';

const run = promisify(execFile);

describe('CredentialVault over keytar and gnome-keyring', () => {
  let vault: CredentialVault;
  beforeAll(async () => {
    vault = await CredentialVault.open([keytarBackend]);
  });

  const account = () => `http://127.0.0.1:8080 user-${randomBytes(6).toString('hex')}`;

  it('keeps each account’s refresh token and SIP password apart and reads them back', async () => {
    const ana = account();
    const bob = account();
    await vault.save(ana, 'refresh-token', 'ana-refresh');
    await vault.save(ana, 'sip-password', 'ana-sip');
    await vault.save(bob, 'refresh-token', 'bob-refresh');
    expect(await vault.read(ana, 'refresh-token')).toBe('ana-refresh');
    expect(await vault.read(ana, 'sip-password')).toBe('ana-sip');
    expect(await vault.read(bob, 'refresh-token')).toBe('bob-refresh');
    expect(await vault.read(bob, 'sip-password')).toBeNull();
    // What the keyring itself holds, asked without the vault.
    expect(await keytar.getPassword(KEYRING_SERVICE, `${ana} refresh-token`)).toBe('ana-refresh');
    await vault.wipe(ana);
    await vault.wipe(bob);
  });

  it('opens many times at once on one keyring (two app processes starting together), leaving no probe', async () => {
    const vaults = await Promise.all(Array.from({ length: 8 }, () => CredentialVault.open([keytarBackend])));
    expect(vaults.map((opened) => opened.backendName)).toEqual(Array(8).fill(keytarBackend.name));
    const left = (await keytar.findCredentials(KEYRING_SERVICE)).map((c) => c.account);
    expect(left.filter((name) => name.startsWith('switchboard-keyring-probe'))).toEqual([]);
  });

  it('sign-out wipes every secret of the account and leaves the others', async () => {
    const ana = account();
    const bob = account();
    await vault.save(ana, 'refresh-token', 'r1');
    await vault.save(ana, 'sip-password', 's1');
    await vault.save(bob, 'refresh-token', 'r2');
    await vault.wipe(ana);
    const left = (await keytar.findCredentials(KEYRING_SERVICE)).map((c) => c.account);
    expect(left.filter((name) => name.startsWith(ana))).toEqual([]);
    expect(left).toContain(`${bob} refresh-token`);
    expect(left.filter((name) => name.startsWith('switchboard-keyring-probe'))).toEqual([]);
    await vault.wipe(bob);
  });

  it('without a reachable keyring it refuses with keyring_unavailable, never storing in plain text', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' };
    delete env.DISPLAY;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'tests/main/fixtures/open-vault.ts'], {
      env,
      timeout: 20_000,
    });
    const outcome = JSON.parse(stdout);
    expect(outcome.code).toBe('keyring_unavailable');
    expect(outcome.message).toMatch(/No usable keyring.*OS keyring/);
  });
});
