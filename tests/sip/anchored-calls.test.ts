// Calls between the app's softphone (sip.js over WebSocket, WebRTC media from a werift peer) and
// desk phones (raw UDP, G.711): the office anchors them in its media agent, and they hear each
// other both ways, hold and resume, send keys both ways (RFC 4733 or INFO), restart ICE, take a
// second call, and ring a user who has both kinds of phone. Two softphones talk directly.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Info, Invitation, Session } from 'sip.js';
import type { SipOffice } from '../support/sip-office';
import type { SipResponse } from '../../server/sip/message';
import { DOMAIN } from './desk-phone';
import { pressKey, reaches, SessionState } from './softphone';
import {
  callLogOf,
  deskPhoneOf,
  endEveryCall,
  expectTone,
  softphoneOf,
  startMixedOffice,
  type Desk,
  type Softphone,
  POLL,
  directionOf,
  portOf,
  reinvite,
  ufragOf,
} from './mixed-office';

/** The keys a session receives as SIP INFO (how the app's softphone hears them). */
function keysOf(session: Session): string[] {
  const keys: string[] = [];
  session.delegate = {
    ...session.delegate,
    onInfo: (info: Info) => {
      keys.push(/Signal=(.)/.exec(info.request.body)?.[1] ?? '?');
      void info.accept();
    },
  };
  return keys;
}

describe('softphone ↔ desk phone calls anchored in the media agent', () => {
  let office: SipOffice & { admin: string };
  let ana: Softphone;
  let dan: Desk;
  let eve: Desk;
  const points = () => office.sip.media!.anchors.openPoints;

  beforeAll(async () => {
    office = await startMixedOffice();
    ana = await softphoneOf(office, 'Ana Anchored', 440);
    dan = await deskPhoneOf(office, 'Dan Desk', 1000);
    eve = await deskPhoneOf(office, 'Eve Desk', 800, 'PCMA');
  });
  afterEach(() => endEveryCall(office, [ana, dan, eve]));
  afterAll(async () => {
    await ana?.phone.stop();
    await ana?.media.close();
    dan?.phone.close();
    eve?.phone.close();
    await office?.close();
  });

  it('a softphone calls a desk phone: both hear each other, hold and keys cross, both logs say answered', async () => {
    const { session, final } = ana.phone.dial(`sip:${dan.extension}@${DOMAIN}`);
    const invite = await dan.phone.nextInvite();
    // The desk phone is offered plain RTP by the agent, the softphone's laws first, not WebRTC.
    const offer = invite.body.toString();
    expect(offer).toMatch(/m=audio \d+ RTP\/AVP 0 8 101/);
    expect(offer).toContain('o=switchboard');
    const call = dan.phone.answer(invite);
    expect(await final).toBe(200);
    const peer = ana.media.of(session);
    expect(peer.remoteSdp).toContain('UDP/TLS/RTP/SAVPF');
    expect(points()).toBe(2);
    await expectTone(dan.phone.media.hearing, 440);
    await expectTone(peer.hearing, 1000);
    expect(peer.sending).toBe('audio/PCMU'); // no transcoding: the desk phone's law

    // The softphone holds: the agent answers it and tells the desk phone (sendonly); resume too.
    expect(await reinvite(session, { hold: true })).toBe(200);
    await expect.poll(() => directionOf(call.descriptions.at(-1)!), POLL).toBe('sendonly');
    expect(portOf(call.descriptions.at(-1)!)).toBe(portOf(offer)); // the same point
    expect(await reinvite(session, { hold: false })).toBe(200);
    await expect.poll(() => directionOf(call.descriptions.at(-1)!), POLL).toBe('sendrecv');
    await expectTone(peer.hearing, 1000);

    // Keys: SIP INFO from the softphone reaches the desk phone as RFC 4733, and back as INFO.
    const heardByAna = keysOf(session);
    await pressKey(session, '5');
    await pressKey(session, '#');
    await expect.poll(() => dan.phone.media.hearing.keys, POLL).toEqual(['5', '#']);
    dan.phone.media.pressKey('9');
    await expect.poll(() => heardByAna, POLL).toEqual(['9']);

    await session.bye();
    await dan.phone.hungUp(call);
    await expect.poll(points, POLL).toBe(0);
    await expect.poll(() => office.sip.calls.activeCalls, POLL).toBe(0);
    expect((await callLogOf(office, ana.token))[0]).toMatchObject({
      direction: 'outgoing',
      otherNumber: dan.extension,
      result: 'answered',
      fault: null,
    });
    expect((await callLogOf(office, dan.token))[0]).toMatchObject({
      direction: 'incoming',
      result: 'answered',
    });
  });

  it('a desk phone calls a softphone: one 180, audio both ways, the desk phone’s hold reaches the softphone, ICE restarts', async () => {
    const dialled = dan.phone.dial(ana.extension);
    const invitation: Invitation = await ana.phone.nextInvitation();
    // The softphone is offered WebRTC by the agent, the desk phone's law first.
    expect(invitation.body).toMatch(/m=audio \d+ UDP\/TLS\/RTP\/SAVPF 0 8 111/);
    // sip.js says 180 by itself, and the app used to say it again (progress()): a phone that
    // rings twice, or two phones ringing, still make one 180 for the desk phone.
    await invitation.progress();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await invitation.accept();
    const { response, dialog } = await dialled;
    expect(response.status).toBe(200);
    expect(response.body.toString()).toMatch(/m=audio \d+ RTP\/AVP 0 101/);
    const ringing = dan.phone.received.filter(
      (m): m is SipResponse =>
        m.kind === 'response' && m.status === 180 && m.headers.get('Call-ID') === dialog!.callId,
    );
    expect(ringing).toHaveLength(1);
    const peer = ana.media.of(invitation);
    await expectTone(peer.hearing, 1000);
    await expectTone(dan.phone.media.hearing, 440);

    // The desk phone holds: the agent answers it recvonly, and re-offers the softphone sendonly.
    const held = await dan.phone.hold(dialog!, true);
    expect(directionOf(held.body.toString())).toBe('recvonly');
    await expect.poll(() => directionOf(peer.remoteSdp), POLL).toBe('sendonly');
    await dan.phone.hold(dialog!, false);
    await expect.poll(() => directionOf(peer.remoteSdp), POLL).toBe('sendrecv');

    // The softphone's network changed: new ICE credentials, answered by the agent; audio goes on.
    const before = ufragOf(peer.remoteSdp);
    expect(await reinvite(invitation, { iceRestart: true })).toBe(200);
    expect(ufragOf(peer.remoteSdp)).not.toBe(before);
    await expectTone(peer.hearing, 1000);
    await expectTone(dan.phone.media.hearing, 440);

    expect(await dan.phone.bye(dialog!)).toBe(200);
    await reaches(invitation, SessionState.Terminated);
    await expect.poll(points, POLL).toBe(0);
  });

  it('carries keys as SIP INFO both ways when the desk phone has no RFC 4733 (telephone-event)', async () => {
    const withoutEvents = dan.phone
      .description()
      .split('\r\n')
      .filter((line) => !/telephone-event|^a=fmtp:101/.test(line))
      .join('\r\n')
      .replace(/^(m=audio \d+ RTP\/AVP 0) 101/m, '$1');
    expect(withoutEvents).not.toContain('telephone-event');
    expect(withoutEvents).toMatch(/m=audio \d+ RTP\/AVP 0\r\n/);
    const dialled = dan.phone.dial(ana.extension, withoutEvents);
    const invitation = await ana.phone.nextInvitation();
    await invitation.accept();
    const { dialog } = await dialled;
    await expectTone(dan.phone.media.hearing, 440);

    // The softphone's INFO goes on to the desk phone as INFO, the agent having no event to play.
    const keysInMedia = dan.phone.media.hearing.keys.length;
    await pressKey(invitation, '3');
    await expect.poll(() => dialog!.infos, POLL).toEqual([expect.stringContaining('Signal=3')]);
    expect(dan.phone.media.hearing.keys).toHaveLength(keysInMedia);
    // And the desk phone's INFO reaches the softphone.
    const heardByAna = keysOf(invitation);
    expect(await dan.phone.infoKey(dialog!, '7')).toBe(200);
    await expect.poll(() => heardByAna, POLL).toEqual(['7']);

    expect(await dan.phone.bye(dialog!)).toBe(200);
    await reaches(invitation, SessionState.Terminated);
    await expect.poll(points, POLL).toBe(0);
  });

  it('lets a softphone on an anchored call take a second one: the first is held through the agent', async () => {
    const first = dan.phone.dial(ana.extension);
    const one = await ana.phone.nextInvitation();
    await one.accept();
    const { dialog: danCall } = await first;
    await expectTone(dan.phone.media.hearing, 440);

    const second = eve.phone.dial(ana.extension);
    const two = await ana.phone.nextInvitation();
    // The app holds the call going on, then answers the new one.
    expect(await reinvite(one, { hold: true })).toBe(200);
    await expect.poll(() => directionOf(danCall!.descriptions.at(-1)!), POLL).toBe('sendonly');
    await two.accept();
    const { dialog: eveCall } = await second;
    expect(points()).toBe(4);
    await expectTone(ana.media.of(two).hearing, 800); // Eve speaks A-law
    await expectTone(eve.phone.media.hearing, 440);

    await eve.phone.bye(eveCall!);
    await dan.phone.bye(danCall!);
    await expect.poll(points, POLL).toBe(0);
  });

  it('leaves a call between two softphones direct: the offer passes through, no point opens, Opus', async () => {
    const bea = await softphoneOf(office, 'Bea Direct', 600);
    try {
      const { session, final } = ana.phone.dial(`sip:${bea.extension}@${DOMAIN}`);
      const invitation = await bea.phone.nextInvitation();
      // Bea is offered Ana's own description, and Ana gets Bea's answer: no point of the agent's.
      expect(invitation.body).toContain('UDP/TLS/RTP/SAVPF');
      expect(invitation.body).not.toContain('o=switchboard');
      await invitation.accept();
      expect(await final).toBe(200);
      expect(ana.media.of(session).remoteSdp).not.toContain('o=switchboard');
      expect(points()).toBe(0);
      await expectTone(bea.media.of(invitation).hearing, 440);
      await expectTone(ana.media.of(session).hearing, 600);
      expect(ana.media.of(session).sending).toBe('audio/opus'); // the softphones' first choice
      await session.bye();
      await reaches(invitation, SessionState.Terminated);
      expect(points()).toBe(0);
    } finally {
      await bea.phone.stop();
      await bea.media.close();
    }
  });

  it('rings a user with a softphone and a desk phone: each gets what it speaks, the loser is cancelled “completed elsewhere”', async () => {
    const mia = await softphoneOf(office, 'Mia Mixed', 500);
    const miaDesk = await deskPhoneOf(office, 'Mia Desk', 700, 'PCMU', mia);
    try {
      // A desk phone calls: Mia's desk phone gets its offer as it came, her softphone the agent's.
      const call = dan.phone.dial(mia.extension);
      const atDesk = await miaDesk.phone.nextInvite();
      const invitation = await mia.phone.nextInvitation();
      expect(atDesk.body.toString()).toContain('o=desk');
      expect(invitation.body).toContain('UDP/TLS/RTP/SAVPF');
      miaDesk.phone.ring(atDesk);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await invitation.accept();
      const { dialog } = await call;
      // Both of Mia's phones rang: Dan heard one 180.
      const ringing = dan.phone.received.filter(
        (m) => m.kind === 'response' && m.status === 180 && m.headers.get('Call-ID') === dialog!.callId,
      );
      expect(ringing).toHaveLength(1);
      await expect
        .poll(() => miaDesk.phone.received.find((m) => m.kind === 'request' && m.method === 'CANCEL'), POLL)
        .toBeTruthy();
      const cancel = miaDesk.phone.received.find((m) => m.kind === 'request' && m.method === 'CANCEL')!;
      expect(cancel.headers.get('Reason')).toBe('SIP;cause=200;text="Call completed elsewhere"');
      await expectTone(mia.media.of(invitation).hearing, 1000);
      expect(points()).toBe(2);
      await dan.phone.bye(dialog!);
      await expect.poll(points, POLL).toBe(0);

      // Again, and this time the desk phone answers: the call is direct, the softphone's point closes.
      const again = dan.phone.dial(mia.extension);
      const deskAgain = await miaDesk.phone.nextInvite();
      const ringingSoftphone = await mia.phone.nextInvitation();
      let cancelReason: string | undefined;
      ringingSoftphone.delegate = {
        onCancel: (cancel) => (cancelReason = cancel.request.getHeader('Reason')),
      };
      const deskCall = miaDesk.phone.answer(deskAgain);
      const { response, dialog: direct } = await again;
      expect(response.body.toString()).toContain('o=desk'); // Mia's desk phone's own SDP
      await expect.poll(() => cancelReason, POLL).toBe('SIP;cause=200;text="Call completed elsewhere"');
      await expect.poll(points, POLL).toBe(0);
      await expectTone(miaDesk.phone.media.hearing, 1000);
      await dan.phone.bye(direct!);
      await miaDesk.phone.hungUp(deskCall);
    } finally {
      await mia.phone.stop();
      await mia.media.close();
      miaDesk.phone.close();
    }
  });
});
