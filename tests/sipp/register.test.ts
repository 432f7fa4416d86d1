import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestOffice } from '../support/office';
import { DOMAIN, startSipOffice } from '../support/sip-office';
import type { SipService } from '../../server/sip/service';
import { runSipp } from './sipp';

describe('sipp desk phones register over UDP with digest', () => {
  let office: TestOffice;
  let sip: SipService;
  let devices: { extension: string; sipUsername: string; sipPassword: string }[];

  beforeAll(async () => {
    ({ office, sip } = await startSipOffice());
    const admin = await office.adminToken();
    devices = [];
    for (const name of ['Desk One', 'Desk Two', 'Desk Three']) {
      const user = await office.request('POST', '/admin/users', {
        token: admin,
        body: { name, email: `${name.replace(' ', '.').toLowerCase()}@example.com`, sendWelcomeEmail: false },
      });
      const device = await office.request('POST', '/admin/devices', {
        token: admin,
        body: { kind: 'desk-phone', model: 'sipp', extension: user.body.extension },
      });
      devices.push(device.body);
    }
  });
  afterAll(async () => {
    await sip?.close();
    await office?.close();
  });

  const rows = (password: (d: { sipPassword: string }) => string) =>
    devices.map((d) => [
      d.extension,
      `[authentication username=${d.sipUsername} password=${password(d)}]`,
      DOMAIN,
    ]);

  it('registers every phone', async () => {
    const result = await runSipp(
      'register.xml',
      `127.0.0.1:${sip.ports.udp}`,
      rows((d) => d.sipPassword),
      // sipp answers challenges for remote_ip:remote_port unless told the Request-URI.
      ['-m', '3', '-auth_uri', DOMAIN],
    );
    expect(result.successful, result.output).toBe(3);
    for (const device of devices) {
      expect(sip.registrar.contactsOf(device.extension).map((b) => b.sipUsername)).toEqual([
        device.sipUsername,
      ]);
    }
  });

  it('gets no 200 with a wrong password', async () => {
    const result = await runSipp(
      'register.xml',
      `127.0.0.1:${sip.ports.udp}`,
      rows(() => 'wrong-password'),
      ['-m', '1', '-auth_uri', DOMAIN],
    );
    expect(result.successful).toBe(0);
    expect(result.failed).toBe(1);
  });
});
