// Transfers of calls anchored in the media agent: the side that stays keeps its anchor point
// (its phone is told only whom it now reaches), the new side is offered what it speaks, and
// two desk phones end up talking directly. A softphone on a point keeps it even when the new
// side is a softphone (its WebRTC session is with the point), which then gets one too.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UserAgent, type Invitation } from 'sip.js';
import type { SipOffice } from '../support/sip-office';
import { DOMAIN } from './desk-phone';
import { reaches, SessionState, TestPhone } from './softphone';
import { WebRtcMedia } from './webrtc-media';
import type { DeskDialog } from './udp-desk-phone';
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
  portOf,
  directionOf,
  ufragOf,
} from './mixed-office';

describe('transfers of anchored calls', () => {
  let office: SipOffice & { admin: string };
  let ana: Softphone;
  let ben: Softphone;
  let dan: Desk;
  let eve: Desk;
  const points = () => office.sip.media!.anchors.openPoints;
  /** Dan's and Eve's desk phones talk directly: each one's SDP reached the other, no point is left. */
  const expectDeskPhonesDirect = async (danCall: DeskDialog, eveCall: DeskDialog) => {
    await expect.poll(() => danCall.descriptions.at(-1), POLL).toContain(`m=audio ${eve.phone.media.port} `);
    await expect.poll(() => eveCall.descriptions.at(-1), POLL).toContain(`m=audio ${dan.phone.media.port} `);
    await expect.poll(points, POLL).toBe(0);
    await expectTone(dan.phone.media.hearing, 800);
    await expectTone(eve.phone.media.hearing, 1000);
  };

  beforeAll(async () => {
    office = await startMixedOffice();
    ana = await softphoneOf(office, 'Ana Transfer', 440);
    ben = await softphoneOf(office, 'Ben Transfer', 600);
    dan = await deskPhoneOf(office, 'Dan Transfer', 1000);
    eve = await deskPhoneOf(office, 'Eve Transfer', 800, 'PCMA');
  });
  afterEach(() => endEveryCall(office, [ana, ben, dan, eve]));
  afterAll(async () => {
    for (const soft of [ana, ben]) {
      await soft?.phone.stop();
      await soft?.media.close();
    }
    dan?.phone.close();
    eve?.phone.close();
    await office?.close();
  });

  it('blind: a softphone passes a desk phone to another softphone (re-patched), who passes it to a desk phone (direct)', async () => {
    const { session, final } = ana.phone.dial(`sip:${dan.extension}@${DOMAIN}`);
    const call = dan.phone.answer(await dan.phone.nextInvite());
    expect(await final).toBe(200);
    await expectTone(dan.phone.media.hearing, 440);
    const deskPort = portOf(call.descriptions[0]!);

    await session.refer(UserAgent.makeURI(`sip:${ben.extension}@${DOMAIN}`)!);
    const atBen: Invitation = await ben.phone.nextInvitation();
    expect(atBen.body).toContain('UDP/TLS/RTP/SAVPF'); // a point's offer: Dan speaks plain RTP
    await atBen.accept();
    await reaches(session, SessionState.Terminated);
    // Dan keeps his point: one re-INVITE saying who he now reaches, the same address and port.
    await expect
      .poll(() => call.requests.find((r) => r.method === 'INVITE')?.headers.get('P-Asserted-Identity'), POLL)
      .toContain(`sip:${ben.extension}@`);
    expect(portOf(call.descriptions.at(-1)!)).toBe(deskPort);
    await expectTone(dan.phone.media.hearing, 600);
    await expectTone(ben.media.of(atBen).hearing, 1000);
    expect(points()).toBe(2);

    // Ben passes Dan on to Eve's desk phone: two desk phones talk directly, the points close.
    await atBen.refer(UserAgent.makeURI(`sip:${eve.extension}@${DOMAIN}`)!);
    const atEve = await eve.phone.nextInvite();
    expect(atEve.body.length).toBe(0); // asked for an offer, which Dan then answers
    const eveCall = eve.phone.answer(atEve);
    await reaches(atBen, SessionState.Terminated);
    await expectDeskPhonesDirect(call, eveCall);
    await dan.phone.bye(call);
    await eve.phone.hungUp(eveCall);

    expect((await callLogOf(office, ana.token))[0]).toMatchObject({
      otherNumber: dan.extension,
      result: 'answered',
    });
    const danLog = await callLogOf(office, dan.token);
    expect(danLog.slice(0, 3).map((row) => [row.otherNumber, row.result])).toEqual([
      [eve.extension, 'answered'],
      [ben.extension, 'answered'],
      [ana.extension, 'answered'],
    ]);
  });

  it('blind: a desk phone passes a softphone to another desk phone, who passes it to a softphone: she keeps her point', async () => {
    const dialled = dan.phone.dial(ana.extension);
    const atAna = await ana.phone.nextInvitation();
    await atAna.accept();
    const { dialog: danCall } = await dialled;
    const peer = ana.media.of(atAna);
    await expectTone(peer.hearing, 1000);
    const ufrag = ufragOf(peer.remoteSdp);

    expect(await dan.phone.refer(danCall!, eve.extension)).toBe(202);
    const atEve = await eve.phone.nextInvite();
    expect(atEve.body.toString()).toContain('o=switchboard'); // a point's offer: Ana does WebRTC
    const eveCall = eve.phone.answer(atEve);
    await dan.phone.hungUp(danCall!);
    // Ana keeps her point (the same ICE session) and hears Eve; only the bridge moved.
    await expectTone(eve.phone.media.hearing, 440);
    await expectTone(peer.hearing, 800);
    expect(ufragOf(peer.remoteSdp)).toBe(ufrag);
    expect(points()).toBe(2);

    // Eve passes Ana on to Ben's softphone. Ana's WebRTC session is with her point, and a
    // browser does not move it to another peer mid-call: Ben gets a point too, bridged to hers.
    expect(await eve.phone.refer(eveCall, ben.extension)).toBe(202);
    const atBen = await ben.phone.nextInvitation();
    expect(points()).toBe(3); // Ana's, Eve's and the one Ben is offered
    await atBen.accept();
    await eve.phone.hungUp(eveCall);
    await expectTone(ben.media.of(atBen).hearing, 440);
    await expectTone(peer.hearing, 600);
    expect(ufragOf(peer.remoteSdp)).toBe(ufrag);
    expect(points()).toBe(2);
    await atBen.bye();
    await reaches(atAna, SessionState.Terminated);
    await expect.poll(points, POLL).toBe(0);
    expect((await callLogOf(office, ana.token)).slice(0, 2)).toMatchObject([
      { otherNumber: ben.extension, result: 'answered' },
      { otherNumber: eve.extension, result: 'answered' },
    ]);
  });

  it('attended: a desk phone joins the softphone it holds with the desk phone it consulted, through the agent', async () => {
    const held = dan.phone.dial(ana.extension);
    const atAna = await ana.phone.nextInvitation();
    await atAna.accept();
    const heldCall = (await held).dialog!;
    const peer = ana.media.of(atAna);
    await expectTone(peer.hearing, 1000);
    const ufrag = ufragOf(peer.remoteSdp);
    await dan.phone.hold(heldCall, true);
    await expect.poll(() => directionOf(peer.remoteSdp), POLL).toBe('sendonly');

    const consult = dan.phone.dial(eve.extension);
    const consultCall = eve.phone.answer(await eve.phone.nextInvite());
    const { dialog: toEve } = await consult;
    expect(consultCall.descriptions[0]).toContain('o=desk'); // desk to desk: direct

    expect(await dan.phone.refer(heldCall, eve.extension, toEve!)).toBe(202);
    await dan.phone.hungUp(heldCall);
    await dan.phone.hungUp(toEve!);
    // Eve's phone, which talked to Dan directly, gets a point of the agent's offered by re-INVITE;
    // Ana keeps hers (the same ICE session), sendrecv again and told she now reaches Eve.
    await expect.poll(() => consultCall.descriptions.at(-1), POLL).toContain('o=switchboard');
    await expect.poll(() => directionOf(peer.remoteSdp), POLL).toBe('sendrecv');
    expect(ufragOf(peer.remoteSdp)).toBe(ufrag);
    await expectTone(peer.hearing, 800);
    await expectTone(eve.phone.media.hearing, 440);
    expect(points()).toBe(2);

    await eve.phone.bye(consultCall);
    await reaches(atAna, SessionState.Terminated);
    await expect.poll(points, POLL).toBe(0);
    expect((await callLogOf(office, ana.token))[0]).toMatchObject({
      otherNumber: eve.extension,
      result: 'answered',
    });
  });

  it('attended: a desk phone joins the two softphones it called; each keeps her point, bridged', async () => {
    const toAna = dan.phone.dial(ana.extension);
    const atAna = await ana.phone.nextInvitation();
    await atAna.accept();
    const anaCall = (await toAna).dialog!;
    await dan.phone.hold(anaCall, true);
    const toBen = dan.phone.dial(ben.extension);
    const atBen = await ben.phone.nextInvitation();
    await atBen.accept();
    const benCall = (await toBen).dialog!;
    await expectTone(ben.media.of(atBen).hearing, 1000);
    const anaPeer = ana.media.of(atAna);
    const benPeer = ben.media.of(atBen);
    const ufrags = [ufragOf(anaPeer.remoteSdp), ufragOf(benPeer.remoteSdp)];
    expect(points()).toBe(4);

    expect(await dan.phone.refer(anaCall, ben.extension, benCall)).toBe(202);
    await dan.phone.hungUp(anaCall);
    await dan.phone.hungUp(benCall);
    // Two softphones, but each one's WebRTC session is with her point: the points stay, bridged.
    await expectTone(anaPeer.hearing, 600);
    await expectTone(benPeer.hearing, 440);
    expect([ufragOf(anaPeer.remoteSdp), ufragOf(benPeer.remoteSdp)]).toEqual(ufrags);
    expect(points()).toBe(2);
    await atBen.bye();
    await reaches(atAna, SessionState.Terminated);
    await expect.poll(points, POLL).toBe(0);
  });

  it('attended: a softphone joins the two desk phones it called, who then talk directly, the points closed', async () => {
    const { session: toDan, final: danAnswered } = ana.phone.dial(`sip:${dan.extension}@${DOMAIN}`);
    const danCall = dan.phone.answer(await dan.phone.nextInvite());
    expect(await danAnswered).toBe(200);
    const { session: toEve, final: eveAnswered } = ana.phone.dial(`sip:${eve.extension}@${DOMAIN}`);
    const eveCall = eve.phone.answer(await eve.phone.nextInvite());
    expect(await eveAnswered).toBe(200);
    expect(points()).toBe(4);
    await expectTone(eve.phone.media.hearing, 440);

    // Refer-To with Replaces naming the call to Eve (as the app sends it).
    await toDan.refer(toEve);
    await reaches(toDan, SessionState.Terminated);
    await reaches(toEve, SessionState.Terminated);
    // Eve is asked for an offer, which Dan answers: each one's SDP reaches the other as it is.
    await expectDeskPhonesDirect(danCall, eveCall);

    await dan.phone.bye(danCall);
    await eve.phone.hungUp(eveCall);
    expect((await callLogOf(office, dan.token))[0]).toMatchObject({
      otherNumber: eve.extension,
      result: 'answered',
    });
  });

  it('lets a desk phone of the same extension take an anchored call over, and go direct', async () => {
    const second = await deskPhoneOf(office, 'Ana Desk', 300, 'PCMU', ana);
    try {
      const dialled = dan.phone.dial(ana.extension);
      // Ana's two phones ring; her softphone answers (anchored), her desk phone is cancelled.
      const atSoftphone = await ana.phone.nextInvitation();
      second.phone.ring(await second.phone.nextInvite());
      await atSoftphone.accept();
      const { dialog } = await dialled;
      await expectTone(dan.phone.media.hearing, 440);
      expect(points()).toBe(2);

      // Ana's desk phone picks the call up with Replaces naming the softphone's dialog.
      const softphoneDialog = atSoftphone.dialog!;
      const replaces = `${softphoneDialog.callId};to-tag=${softphoneDialog.remoteTag};from-tag=${softphoneDialog.localTag}`;
      const takeOver = await second.phone.dial(ana.extension, undefined, [['Replaces', replaces]]);
      expect(takeOver.response.status).toBe(200);
      await reaches(atSoftphone, SessionState.Terminated);
      await expect
        .poll(() => dialog!.descriptions.at(-1), POLL)
        .toContain(`m=audio ${second.phone.media.port} `);
      await expect.poll(points, POLL).toBe(0);
      await expectTone(dan.phone.media.hearing, 300);
      await dan.phone.bye(dialog!);
      await second.phone.hungUp(takeOver.dialog!);
    } finally {
      second.phone.close();
    }
  });

  it('lets a softphone of the same extension take over from a desk phone a call with a softphone, who keeps her point', async () => {
    const media = new WebRtcMedia(300);
    const danSoft = await TestPhone.ofUser(office.office, dan.token, 'Dan Transfer', 0, media.factory);
    try {
      const { session, final } = ana.phone.dial(`sip:${dan.extension}@${DOMAIN}`);
      const deskCall = dan.phone.answer(await dan.phone.nextInvite());
      // Dan's softphone rang too, and was cancelled when his desk phone answered.
      const ringing = await danSoft.nextInvitation();
      expect(await final).toBe(200);
      await reaches(ringing, SessionState.Terminated);
      const anaPeer = ana.media.of(session);
      await expectTone(anaPeer.hearing, 1000);
      const ufrag = ufragOf(anaPeer.remoteSdp);

      const replaces = `${deskCall.callId};to-tag=${deskCall.remoteTag};from-tag=${deskCall.localTag}`;
      const takeOver = danSoft.dial(`sip:${ana.extension}@${DOMAIN}`, [`Replaces: ${replaces}`]);
      expect(await takeOver.final).toBe(200);
      await dan.phone.hungUp(deskCall);
      await expectTone(anaPeer.hearing, 300);
      await expectTone(media.of(takeOver.session).hearing, 440);
      expect(ufragOf(anaPeer.remoteSdp)).toBe(ufrag);
      expect(points()).toBe(2);
      await takeOver.session.bye();
      await reaches(session, SessionState.Terminated);
      await expect.poll(points, POLL).toBe(0);
    } finally {
      await danSoft.stop();
      await media.close();
    }
  });
});
