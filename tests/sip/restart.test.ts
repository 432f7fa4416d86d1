// A restart during a registration's lifetime costs a UDP phone nothing: its binding and its
// subscriptions, message waiting and busy lamp field alike, are read back from the database
// (SQLite and PostgreSQL), so the next call rings it and the next NOTIFY of each reaches it in
// its dialog, without a REGISTER or SUBSCRIBE in between. A stream binding's connection died
// with the process: it is not kept.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CreatedDevice } from '../../common/api/devices';
import { DATABASES, freshPostgresDatabase } from '../support/office';
import { DOMAIN, startSipOffice, type SipOffice } from '../support/sip-office';
import { parseXml } from '../support/provisioning-phone';
import { freeSipPort, freeTcpPort } from '../../server/free-port';
import { cseqOf, parseMessage, serializeMessage, type SipRequest } from '../../server/sip/message';
import { buildResponse } from '../../server/sip/fields';
import { udpPeer, type Peer } from './support';
import { next, registerWithDigest, subscribeWithDigest } from './desk-phone';
import { TestPhone } from './softphone';

/**
 * The requests a phone gets, taken by what they are whatever order they come in (a call's
 * INVITE and the NOTIFYs it causes race); NOTIFYs are answered 200 as they arrive, as a phone would.
 */
class Inbox {
  private readonly waiting: SipRequest[] = [];

  constructor(private readonly peer: Peer) {}

  async take(which: (request: SipRequest) => boolean): Promise<SipRequest> {
    for (;;) {
      const found = this.waiting.findIndex(which);
      if (found >= 0) return this.waiting.splice(found, 1)[0]!;
      const message = parseMessage(await this.peer.next(5000));
      if (message.kind !== 'request') continue;
      if (message.method === 'NOTIFY') this.peer.send(serializeMessage(buildResponse(message, 200, 'OK')));
      this.waiting.push(message);
    }
  }
}

const inDialog = (callId: string) => (request: SipRequest) =>
  request.method === 'NOTIFY' && request.headers.get('Call-ID') === callId;

/** A dialog NOTIFY's version and its dialogs' direction and state. */
function lineState(notify: SipRequest) {
  const info = parseXml(notify.body.toString());
  return {
    version: Number(info.attributes.get('version')),
    dialogs: info.children
      .filter((child) => child.name === 'dialog')
      .map((dialog) => ({
        direction: dialog.attributes.get('direction'),
        state: dialog.children.find((child) => child.name === 'state')?.text,
      })),
  };
}

describe.each(DATABASES)('a restart of the office (%s)', (database) => {
  it('keeps a UDP phone’s registration and subscriptions: the next call rings it, the next NOTIFYs reach it', async () => {
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
      const callerUser = await running.office.createSignedInUser(admin, 'Restart Caller');
      // Dora's desk phone has her caller on a BLF key.
      const created = await running.office.request('POST', '/admin/devices', {
        token: admin,
        body: {
          kind: 'desk-phone',
          model: 'yealink-t54w',
          mac: '001565dd0a01',
          extension: user.extension,
          blfKeys: [callerUser.extension],
        },
      });
      expect(created.status).toBe(201);
      const desk = created.body as CreatedDevice;
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
      expect(
        (await subscribeWithDigest(phone, callerUser.extension, { callId: 'durable-blf', event: 'dialog' }))
          .status,
      ).toBe(200);
      const firstLine = await next(phone, 'request');
      expect(firstLine.headers.get('Event')).toBe('dialog');
      expect(lineState(firstLine)).toEqual({ version: 0, dialogs: [] });
      const softphone = await TestPhone.ofUser(running.office, user.token, 'durable-soft');
      expect(running.sip.registrar.contactsOf(user.extension)).toHaveLength(2);
      await softphone.stop();

      await running.close();
      running = null;
      running = await start();
      const sip = running.sip;
      // The UDP binding came back; the softphone's WebSocket binding did not (its connection is gone).
      expect(sip.registrar.contactsOf(user.extension).map((b) => b.flow.transport)).toEqual(['UDP']);
      expect([sip.messageWaiting.size, sip.dialogEvents.size]).toEqual([1, 1]);

      const inbox = new Inbox(peer);
      const caller = await TestPhone.ofUser(running.office, callerUser.token, 'restart-caller');
      phones.push(caller);
      const { final } = caller.dial(`sip:${user.extension}@${DOMAIN}`);
      const invite = await inbox.take((request) => request.method === 'INVITE');
      // The caller's line rings: the BLF key hears it in its dialog, its version going on from before.
      const ringing = await inbox.take(inDialog('durable-blf'));
      expect(lineState(ringing)).toEqual({
        version: 1,
        dialogs: [{ direction: 'initiator', state: 'early' }],
      });
      expect(cseqOf(ringing).seq).toBeGreaterThan(cseqOf(firstLine).seq);
      peer.send(serializeMessage(buildResponse(invite, 486, 'Busy Here')));
      expect(await final).toBe(486);
      await inbox.take((request) => request.method === 'ACK');
      expect(lineState(await inbox.take(inDialog('durable-blf')))).toEqual({ version: 2, dialogs: [] });

      running.office.office.events.emit('voicemail-changed', user.id);
      const notify = await inbox.take(inDialog('durable-mwi'));
      expect(notify.headers.get('Event')).toBe('message-summary');
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
