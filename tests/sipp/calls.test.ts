import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestOffice } from '../support/office';
import { startSipOffice } from '../support/sip-office';
import type { SipService } from '../../server/sip/service';
import { udpPeer } from '../sip/support';
import { DOMAIN, registerWithDigest } from '../sip/desk-phone';
import { runSipp, udpPortTaken } from './sipp';
import { freeUdpPort } from '../../server/free-port';

interface DeskPhone {
  token: string;
  extension: string;
  sipUsername: string;
  sipPassword: string;
}

describe('sipp desk phones call each other through the office over UDP', () => {
  let office: TestOffice;
  let sip: SipService;
  let caller: DeskPhone, callee: DeskPhone;

  async function deskPhone(admin: string, name: string): Promise<DeskPhone> {
    const user = await office.createSignedInUser(admin, name);
    const device = (
      await office.request('POST', '/admin/devices', {
        token: admin,
        body: { kind: 'desk-phone', model: 'sipp', extension: user.extension },
      })
    ).body;
    return {
      token: user.token,
      extension: user.extension,
      sipUsername: device.sipUsername,
      sipPassword: device.sipPassword,
    };
  }

  /** Registers the callee's desk phone with a Contact on the port its sipp UAS will listen on. */
  async function registerCallee(port: number): Promise<void> {
    const peer = await udpPeer(sip.ports.udp);
    const ok = await registerWithDigest(peer, callee.extension, callee.sipUsername, callee.sipPassword, {
      contact: `<sip:${callee.extension}@127.0.0.1:${port}>`,
      callId: `sipp-uas-${port}`,
    });
    peer.close();
    expect(ok.status).toBe(200);
  }

  /** Runs the callee's UAS scenario and the caller's UAC scenario against each other. */
  async function call(uac: string, uas: string, uacArgs: string[] = []) {
    const port = await freeUdpPort();
    await registerCallee(port);
    const target = `127.0.0.1:${sip.ports.udp}`;
    const answering = runSipp(uas, target, [['unused']], ['-p', String(port), '-m', '1']);
    await Promise.race([
      udpPortTaken(port),
      answering.then((result) => Promise.reject(new Error(`the sipp UAS ended early:\n${result.output}`))),
    ]);
    const calling = runSipp(
      uac,
      target,
      [
        [
          caller.extension,
          `[authentication username=${caller.sipUsername} password=${caller.sipPassword}]`,
          DOMAIN,
          callee.extension,
        ],
      ],
      // sipp answers challenges for remote_ip:remote_port unless told the Request-URI it calls.
      ['-m', '1', '-auth_uri', `${callee.extension}@${DOMAIN}`, ...uacArgs],
    );
    return { uac: await calling, uas: await answering };
  }

  const lastCall = async (who: DeskPhone) =>
    (await office.request('GET', '/me/call-log', { token: who.token })).body.items[0];

  beforeAll(async () => {
    ({ office, sip } = await startSipOffice());
    const admin = await office.adminToken();
    caller = await deskPhone(admin, 'Sipp Caller');
    callee = await deskPhone(admin, 'Sipp Callee');
  });
  afterAll(async () => {
    await sip?.close();
    await office?.close();
  });

  it('connects a UAC to a UAS extension with digest on INVITE, SDP passed through both ways', async () => {
    const { uac, uas } = await call('uac.xml', 'uas.xml');
    expect(uac.successful, uac.output).toBe(1);
    expect(uas.successful, uas.output).toBe(1);
    await expect
      .poll(() => lastCall(caller))
      .toMatchObject({ direction: 'outgoing', otherNumber: callee.extension, result: 'answered' });
    expect(await lastCall(callee)).toMatchObject({
      direction: 'incoming',
      otherNumber: caller.extension,
      result: 'answered',
    });
  });

  it('cancels the ringing UAS when the UAC hangs up first', async () => {
    const { uac, uas } = await call('uac-cancel.xml', 'uas-cancel.xml');
    expect(uac.successful, uac.output).toBe(1);
    expect(uas.successful, uas.output).toBe(1);
    await expect.poll(() => lastCall(caller)).toMatchObject({ result: 'cancelled' });
    expect(await lastCall(callee)).toMatchObject({ result: 'missed' });
  });

  it('survives retransmissions: a caller slow to ACK gets the 200 again, and the callee its ACK once', async () => {
    // The caller waits 1.2 s before its ACK: the office repeats its 200 (at 0.5 s and 1.5 s
    // after the first), and the callee's own repeated 200s get the relayed ACK again.
    const { uac, uas } = await call('uac.xml', 'uas.xml', ['-d', '1200']);
    expect(uac.successful, uac.output).toBe(1);
    expect(uas.successful, uas.output).toBe(1);
    expect(uac.retransmissions, uac.output).toBeGreaterThanOrEqual(1); // the office's 200 again
    expect(uas.retransmissions, uas.output).toBeGreaterThanOrEqual(1); // the callee's 200 again
  });
});
