// An office listening on every address, a softphone caller on loopback, and a desk phone in a
// namespace that reaches the office at `officeAddress`: where the LAN and NAT tests start.
import { expect } from 'vitest';
import { DOMAIN, startSipOffice, type SipOffice } from '../support/sip-office';
import { PhoneProcess } from '../support/netns';
import { TestPhone } from './softphone';

/** A documentation address (RFC 5737): only phones beyond the machine's networks would be told it. */
export const PUBLIC_ADDRESS = '198.51.100.7';

export interface NamespacedCall extends SipOffice {
  caller: TestPhone;
  phone: PhoneProcess;
  extension: string;
}

export async function officeWithNamespacedPhone(
  namespace: string,
  officeAddress: string,
  phoneAddress: string,
  names: { caller: string; callee: string },
): Promise<NamespacedCall> {
  const started = await startSipOffice({ sipHost: '0.0.0.0', publicAddress: PUBLIC_ADDRESS });
  const { office, sip } = started;
  const admin = await office.adminToken();
  const callerUser = await office.createSignedInUser(admin, names.caller);
  const config = (await office.request('GET', '/me/softphone', { token: callerUser.token })).body;
  const caller = await TestPhone.start(names.caller, {
    sipUri: config.sipUri,
    authorizationUsername: config.authorizationUsername,
    password: config.password,
    // /me/softphone names the public address; this phone sits on the office's own machine.
    websocketServer: `ws://127.0.0.1:${sip.ports.ws}`,
  });
  const callee = await office.createSignedInUser(admin, names.callee);
  const desk = await office.addDeskPhone(admin, callee.extension);
  const phone = new PhoneProcess(namespace, {
    office: `${officeAddress}:${sip.ports.udp}`,
    bind: phoneAddress,
    extension: callee.extension,
    username: desk.sipUsername,
    password: desk.sipPassword,
    domain: DOMAIN,
  });
  expect((await phone.next('registered', 20_000)).status).toBe(200);
  return {
    ...started,
    caller,
    phone,
    extension: callee.extension,
    close: async () => {
      await phone.stop();
      await caller.stop();
      await started.close();
    },
  };
}
