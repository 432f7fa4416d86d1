// Busy lamp fields over real UDP (RFC 4235): a desk phone subscribes to `dialog` for the
// colleague on its BLF key and is told the colleague's line is idle, then ringing (early, the
// colleague called), then in a call (confirmed), then idle again, each as a dialog-info
// document with a growing version. A line that is not on one of its keys is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedDevice } from '../../common/api/devices';
import { parseMessage, serializeMessage, type SipRequest } from '../../server/sip/message';
import { buildResponse, parseNameAddr } from '../../server/sip/fields';
import { startSipOffice, type SipOffice } from '../support/sip-office';
import { parseXml, type XmlElement } from '../support/provisioning-phone';
import { udpPeer, type Peer } from './support';
import { DOMAIN, next, registerWithDigest, subscribeWithDigest, type Phone } from './desk-phone';
import { TestPhone, reaches, SessionState } from './softphone';

const SDP =
  'v=0\r\no=desk 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 7000 RTP/AVP 0\r\n';

interface LineState {
  version: number;
  entity: string;
  dialogs: { direction: string; state: string }[];
  subscription: string;
}

/** The next dialog NOTIFY: its dialog-info parsed, and its Subscription-State. */
async function nextLineState(phone: Phone): Promise<LineState> {
  const notify = await next(phone, 'request');
  expect(notify.method).toBe('NOTIFY');
  expect(notify.headers.get('Event')).toBe('dialog');
  expect(notify.headers.get('Content-Type')).toBe('application/dialog-info+xml');
  const info = parseXml(notify.body.toString());
  expect(info.name).toBe('dialog-info');
  expect(info.attributes.get('xmlns')).toBe('urn:ietf:params:xml:ns:dialog-info');
  expect(info.attributes.get('state')).toBe('full');
  const stateOf = (dialog: XmlElement) => dialog.children.find((child) => child.name === 'state')?.text ?? '';
  return {
    version: Number(info.attributes.get('version')),
    entity: info.attributes.get('entity') ?? '',
    dialogs: info.children
      .filter((child) => child.name === 'dialog')
      .map((dialog) => ({ direction: dialog.attributes.get('direction') ?? '', state: stateOf(dialog) })),
    subscription: notify.headers.get('Subscription-State') ?? '',
  };
}

/** The next request a ringing desk phone gets. */
async function nextRequest(peer: Peer): Promise<SipRequest> {
  for (;;) {
    const message = parseMessage(await peer.next(5000));
    if (message.kind === 'request') return message;
  }
}

describe('busy lamp fields (SUBSCRIBE/NOTIFY dialog)', () => {
  let sipOffice: SipOffice;
  let watcher: Phone;
  let colleague: { extension: string; peer: Peer };
  let caller: { token: string };
  let stranger: { extension: string };

  beforeAll(async () => {
    sipOffice = await startSipOffice();
    const { office } = sipOffice;
    const admin = await office.adminToken();
    const watching = await office.createSignedInUser(admin, 'Watching Wanda');
    const watched = await office.createSignedInUser(admin, 'Watched Walter');
    stranger = await office.createSignedInUser(admin, 'Unwatched Ursula');
    caller = await office.createSignedInUser(admin, 'Calling Carl');
    const deskPhone = (
      await office.request('POST', '/admin/devices', {
        token: admin,
        body: {
          kind: 'desk-phone',
          model: 'yealink-t54w',
          mac: '001565dd0001',
          extension: watching.extension,
          blfKeys: [watched.extension],
        },
      })
    ).body as CreatedDevice;
    watcher = {
      peer: await udpPeer(sipOffice.sip.ports.udp),
      extension: watching.extension,
      sipUsername: deskPhone.sipUsername,
      sipPassword: deskPhone.sipPassword,
    };
    const watchedPhone = await office.addDeskPhone(admin, watched.extension);
    colleague = { extension: watched.extension, peer: await udpPeer(sipOffice.sip.ports.udp) };
    expect(
      (
        await registerWithDigest(
          colleague.peer,
          watched.extension,
          watchedPhone.sipUsername,
          watchedPhone.sipPassword,
        )
      ).status,
    ).toBe(200);
  });
  afterAll(async () => {
    watcher?.peer.close();
    colleague?.peer.close();
    await sipOffice?.close();
  });

  it('refuses a line that is not on one of the phone’s BLF keys', async () => {
    const refused = await subscribeWithDigest(watcher, stranger.extension, {
      callId: 'blf-no',
      event: 'dialog',
    });
    expect(refused.status).toBe(403);
    expect(sipOffice.sip.dialogEvents.size).toBe(0);
  });

  it('tells the phone the colleague’s line is idle, ringing, in a call and idle again', async () => {
    const ok = await subscribeWithDigest(watcher, colleague.extension, {
      callId: 'blf-walter',
      event: 'dialog',
    });
    expect(ok.status).toBe(200);
    const idle = await nextLineState(watcher);
    expect(idle).toMatchObject({ version: 0, entity: `sip:${colleague.extension}@${DOMAIN}`, dialogs: [] });
    expect(idle.subscription).toMatch(/^active;expires=\d+$/);

    // Carl calls Walter from the app: Walter's desk phone rings.
    const softphone = await TestPhone.ofUser(sipOffice.office, caller.token, 'carl');
    const { session, final } = softphone.dial(`sip:${colleague.extension}@${DOMAIN}`);
    const invite = await nextRequest(colleague.peer);
    expect(invite.method).toBe('INVITE');
    const ringing = await nextLineState(watcher);
    expect(ringing).toMatchObject({ version: 1, dialogs: [{ direction: 'recipient', state: 'early' }] });

    colleague.peer.send(serializeMessage(buildResponse(invite, 180, 'Ringing', { toTag: 'walter' })));
    colleague.peer.send(
      serializeMessage(
        buildResponse(invite, 200, 'OK', {
          toTag: 'walter',
          headers: [['Contact', `<sip:${colleague.extension}@127.0.0.1:${colleague.peer.localPort}>`]],
          body: Buffer.from(SDP),
          contentType: 'application/sdp',
        }),
      ),
    );
    expect(await final).toBe(200);
    const inCall = await nextLineState(watcher);
    expect(inCall).toMatchObject({ version: 2, dialogs: [{ direction: 'recipient', state: 'confirmed' }] });
    expect((await nextRequest(colleague.peer)).method).toBe('ACK');

    await session.bye();
    const bye = await nextRequest(colleague.peer);
    expect(bye.method).toBe('BYE');
    colleague.peer.send(serializeMessage(buildResponse(bye, 200, 'OK')));
    await reaches(session, SessionState.Terminated);
    expect(await nextLineState(watcher)).toMatchObject({ version: 3, dialogs: [] });

    // Unsubscribing ends it with a last NOTIFY.
    const toTag = parseNameAddr(ok.headers.get('To')!).params.get('tag')!;
    const gone = await subscribeWithDigest(watcher, colleague.extension, {
      callId: 'blf-walter',
      toTag,
      expires: 0,
      event: 'dialog',
    });
    expect(gone.status).toBe(200);
    expect((await nextLineState(watcher)).subscription).toMatch(/^terminated/);
    expect(sipOffice.sip.dialogEvents.size).toBe(0);
    await softphone.stop();
  });
});
