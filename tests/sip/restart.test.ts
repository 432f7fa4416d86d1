// A restart during a registration's lifetime costs a UDP phone nothing: its binding and its
// message-waiting subscription are read back from the database (SQLite and PostgreSQL), so the
// next call rings it and the next NOTIFY reaches it, without a REGISTER in between. A stream
// binding's connection died with the process: it is not kept.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASES, freshPostgresDatabase } from '../support/office';
import { DOMAIN, startSipOffice, type SipOffice } from '../support/sip-office';
import { freeSipPort, freeTcpPort } from '../../server/free-port';
import { cseqOf, parseMessage, serializeMessage, type SipRequest } from '../../server/sip/message';
import { buildResponse } from '../../server/sip/fields';
import { udpPeer, type Peer } from './support';
import { registerWithDigest } from './desk-phone';
import { next, subscribeWithDigest } from './mwi-phone';
import { TestPhone } from './softphone';

/** The next request the phone gets; the office's own answers to it are not expected here. */
async function nextRequest(peer: Peer): Promise<SipRequest> {
  for (;;) {
    const message = parseMessage(await peer.next(5000));
    if (message.kind === 'request') return message;
  }
}

describe.each(DATABASES)('a restart of the office (%s)', (database) => {
  it('keeps a UDP phone’s registration and subscription: the next call rings it, the next NOTIFY reaches it', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-restart-'));
    const pg = database === 'postgres' ? await freshPostgresDatabase() : null;
    const ports = { sipUdpPort: await freeSipPort(), sipWsPort: await freeTcpPort() };
    const start = () => startSipOffice({ dataDir, databaseUrl: pg?.url ?? null, ...ports });
    let running: SipOffice | null = await start();
    const phones: { stop(): Promise<void> }[] = [];
    const peer = await udpPeer(ports.sipUdpPort);
    try {
      const admin = await running.office.adminToken();
      const user = await running.office.createSignedInUser(admin, 'Durable Dora');
      const desk = await running.office.addDeskPhone(admin, user.extension);
      expect(
        (await registerWithDigest(peer, user.extension, desk.sipUsername, desk.sipPassword)).status,
      ).toBe(200);
      const phone = {
        peer,
        extension: user.extension,
        sipUsername: desk.sipUsername,
        sipPassword: desk.sipPassword,
      };
      expect((await subscribeWithDigest(phone, user.extension, { callId: 'durable-mwi' })).status).toBe(200);
      const first = await next(phone, 'request');
      expect(first.method).toBe('NOTIFY');
      const softphone = await TestPhone.ofUser(running.office, user.token, 'durable-soft');
      expect(running.sip.registrar.contactsOf(user.extension)).toHaveLength(2);
      await softphone.stop();

      await running.close();
      running = null;
      running = await start();
      const sip = running.sip;
      // The UDP binding came back; the softphone's WebSocket binding did not (its connection is gone).
      expect(sip.registrar.contactsOf(user.extension).map((b) => b.flow.transport)).toEqual(['UDP']);

      const admin2 = await running.office.adminToken();
      const callerUser = await running.office.createSignedInUser(admin2, 'Restart Caller');
      const caller = await TestPhone.ofUser(running.office, callerUser.token, 'restart-caller');
      phones.push(caller);
      const { final } = caller.dial(`sip:${user.extension}@${DOMAIN}`);
      const invite = await nextRequest(peer);
      expect(invite.method).toBe('INVITE');
      peer.send(serializeMessage(buildResponse(invite, 486, 'Busy Here')));
      expect(await final).toBe(486);
      await nextRequest(peer); // the ACK of the 486

      running.office.office.events.emit('voicemail-changed', user.id);
      const notify = await next(phone, 'request');
      expect(notify.method).toBe('NOTIFY');
      expect(notify.headers.get('Call-ID')).toBe('durable-mwi');
      // The dialog went on where it was: its CSeq did not start over.
      expect(cseqOf(notify).seq).toBeGreaterThan(cseqOf(first).seq);
    } finally {
      for (const phone of phones) await phone.stop();
      peer.close();
      await running?.close();
      await pg?.drop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
