// An office listening on every address (0.0.0.0) with a public address for phones elsewhere:
// each phone gets, in Via and Contact, the address of the interface it reached, never the
// wildcard. One phone is on loopback (the app's softphone over WebSocket), the other on
// another machine of the LAN (a namespace behind a veth pair): its responses follow our Via,
// its BYE our Contact, and both arrive.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOMAIN } from '../support/sip-office';
import type { SipService } from '../../server/sip/service';
import { Namespaces, canMakeNamespaces, type PhoneProcess } from '../support/netns';
import { officeWithNamespacedPhone, type NamespacedCall } from './namespaced-phone';
import { reaches, SessionState, type TestPhone } from './softphone';

const OFFICE_ON_LAN = '172.31.77.1';
const PHONE_ON_LAN = '172.31.77.2';

describe.skipIf(!(await canMakeNamespaces()))('an office listening on 0.0.0.0', () => {
  const namespaces = new Namespaces();
  let started: NamespacedCall | undefined;
  let sip: SipService;
  let caller: TestPhone;
  let phone: PhoneProcess;
  let calleeExtension: string;

  beforeAll(async () => {
    const lan = await namespaces.add('lan');
    await namespaces.link(
      { namespace: null, address: OFFICE_ON_LAN },
      { namespace: lan, address: PHONE_ON_LAN },
      30,
      'l',
    );
    started = await officeWithNamespacedPhone(lan, OFFICE_ON_LAN, PHONE_ON_LAN, {
      caller: 'Wired Caller',
      callee: 'Wired Callee',
    });
    ({ sip, caller, phone, extension: calleeExtension } = started);
  }, 60_000);

  afterAll(async () => {
    await started?.close();
    await namespaces.removeAll();
  });

  it('gives the LAN phone the LAN address in Via and Contact, and its BYE reaches the caller', async () => {
    const { session, final } = caller.dial(`sip:${calleeExtension}@${DOMAIN}`);
    const invite = await phone.next('invite');
    expect(invite.via).toMatch(
      new RegExp(`^SIP/2\\.0/UDP ${OFFICE_ON_LAN.replace(/\./g, '\\.')}:${sip.ports.udp};`),
    );
    expect(invite.contact).toBe(`sip:switchboard@${OFFICE_ON_LAN}:${sip.ports.udp}`);
    // The 200 went to our Via's address: the caller hears the answer.
    expect(await final).toBe(200);
    await phone.next('ack');

    phone.command('bye');
    expect(await phone.next('sending-bye')).toMatchObject({ host: OFFICE_ON_LAN, port: sip.ports.udp });
    expect((await phone.next('bye-answered')).status).toBe(200);
    await reaches(session, SessionState.Terminated);
  });

  it('sends the caller’s BYE to the LAN phone', async () => {
    const { session, final } = caller.dial(`sip:${calleeExtension}@${DOMAIN}`);
    await phone.next('invite');
    expect(await final).toBe(200);
    await phone.next('ack');
    await session.bye();
    await phone.next('bye');
    await reaches(session, SessionState.Terminated);
  });

  it('tells the loopback phone the loopback address', () => {
    const softphone = [...sip.registrar.all()].find((b) => b.flow.transport === 'WS')!;
    expect(softphone.flow.local).toBe('127.0.0.1');
    expect(sip.stack.localAddress(softphone.flow).host).toBe('127.0.0.1');
  });
});
