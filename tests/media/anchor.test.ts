// The media agent's anchor points and bridges, with real peers: a werift WebRTC peer playing the
// softphone (ICE, DTLS-SRTP) and a UDP socket playing the desk phone (plain RTP). Tones go both
// ways and are checked by frequency; G.711 is passed through untouched when both sides speak it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Anchors } from '../../server/media/bridge/anchors';
import { PortPool } from '../../server/media/port-pool';
import { Ticker } from '../../server/media/ticker';
import { Serial } from '../../server/media/werift-peer';
import { silentLogger } from '../../server/logger';
import type { AnchorPoint, Bridge } from '../../server/sip/calls/media-anchor';
import { POLL, expectTone, heardFor } from '../support/tone-checks';
import { RtpPeer, WebRtcPeer } from '../support/media-peers';
import { ufragOf } from '../sip/mixed-office';
import { rtpPortsForTest } from '../support/rtp-ports';

describe('anchor points and bridges', () => {
  let anchors: Anchors;
  const opened: { close(): void | Promise<void> }[] = [];
  const track = <T extends { close(): void | Promise<void> }>(thing: T) => (opened.push(thing), thing);

  beforeAll(async () => {
    const [low, high] = await rtpPortsForTest(80);
    anchors = new Anchors(
      { maxCalls: 3, bindHost: '127.0.0.1', publicAddress: '127.0.0.1' },
      new PortPool(low, low + 29),
      { icePorts: [low + 30, high], publicAddress: '127.0.0.1', gathering: new Serial() },
      new Ticker(),
      silentLogger,
    );
  });
  afterEach(async () => {
    for (const thing of opened.splice(0)) await thing.close();
  });
  afterAll(() => anchors.closeAll());

  async function point(kind: 'webrtc' | 'rtp'): Promise<AnchorPoint> {
    const opened = await anchors.open(kind);
    if (!opened) throw new Error('no point');
    return track(opened);
  }

  /** A softphone calling a desk phone: the desk phone is offered the softphone's laws first. */
  async function softphoneCallsDesk(peer: WebRtcPeer, desk: RtpPeer, deskLaws = [desk.law]) {
    const offer = await peer.offer();
    const deskPoint = await point('rtp');
    const toDesk = await deskPoint.offer('sendrecv', anchors.codecsOf(offer));
    expect(await deskPoint.accept(desk.description(deskLaws))).toBe(true);
    desk.sendTo(toDesk);
    const softPoint = await point('webrtc');
    const answer = await softPoint.answer(offer, [deskPoint.codec!]);
    expect(answer).not.toBeNull();
    await peer.accept(answer!);
    const bridge = track(anchors.bridge(softPoint, deskPoint));
    await peer.connectedSoon();
    return { softPoint, deskPoint, bridge, toDesk, answer: answer! };
  }

  it('bridges a softphone’s call to a desk phone both ways, passing A-law through untouched', async () => {
    const peer = track(new WebRtcPeer());
    const desk = track(await RtpPeer.open('PCMA'));
    const { toDesk, answer } = await softphoneCallsDesk(peer, desk);
    // The desk phone was offered both laws, the softphone's order (PCMU first); it took A-law.
    expect(toDesk).toMatch(/m=audio \d+ RTP\/AVP 0 8 101/);
    // The softphone's answer carries A-law alone, so it sends what the desk phone speaks.
    expect(answer).toMatch(/m=audio \d+ UDP\/TLS\/RTP\/SAVPF 8 \d+\r\n/);
    expect(answer).not.toContain('opus');
    peer.play(440);
    desk.play(1000);
    await expectTone(desk.hearing, 440, 0);
    await expectTone(peer.hearing, 1000, 0);
    expect(peer.sending).toBe('audio/PCMA');
    // Passed through: the desk phone got the softphone's packets, byte for byte and in order.
    expect([...desk.payloadTypes]).toEqual([8]);
    const sent = peer.sent.map((packet) => packet.payload!.toString('hex'));
    const got = desk.payloads.map((packet) => packet.payload.toString('hex'));
    const first = sent.indexOf(got[0]!);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(got.slice(0, 20)).toEqual(sent.slice(first, first + 20));
  });

  it('offers a softphone the desk phone’s law first when the desk phone calls, and transcodes Opus when the softphone has only that', async () => {
    const desk = track(await RtpPeer.open('PCMU'));
    const deskPoint = await point('rtp');
    const peer = track(new WebRtcPeer());
    const softPoint = await point('webrtc');
    const toSoftphone = await softPoint.offer('sendrecv', anchors.codecsOf(desk.description()));
    // µ-law first, then the rest: the softphone answers in the offer's order and sends µ-law.
    expect(toSoftphone).toMatch(/m=audio \d+ UDP\/TLS\/RTP\/SAVPF 0 8 111 101/);
    expect(await softPoint.accept(await peer.answer(toSoftphone))).toBe(true);
    const toDesk = await deskPoint.answer(desk.description(), [softPoint.codec!]);
    desk.sendTo(toDesk!);
    track(anchors.bridge(softPoint, deskPoint));
    await peer.connectedSoon();
    peer.play(600);
    desk.play(1200);
    await expectTone(desk.hearing, 600, 0);
    await expectTone(peer.hearing, 1200, 0);
    expect(peer.sending).toBe('audio/PCMU');

    // A softphone that has only Opus: the agent transcodes both ways.
    const opusOnly = track(new WebRtcPeer(['opus']));
    const desk2 = track(await RtpPeer.open('PCMA'));
    const { softPoint: opusPoint } = await softphoneCallsDesk(opusOnly, desk2);
    expect(opusPoint.codec).toBe('opus');
    opusOnly.play(500);
    desk2.play(900);
    await expectTone(desk2.hearing, 500, 0);
    await expectTone(opusOnly.hearing, 900, 0);
  });

  it('plays keys to a desk phone as RFC 4733 events and hears its keys', async () => {
    const peer = track(new WebRtcPeer());
    const desk = track(await RtpPeer.open('PCMU'));
    const { deskPoint, softPoint } = await softphoneCallsDesk(peer, desk);
    peer.play(440);
    await heardFor(desk.hearing, 0, 0.2);
    expect(softPoint.sendDigit('1')).toBe(false); // a softphone gets keys as SIP INFO
    expect(deskPoint.sendDigit('4')).toBe(true);
    expect(deskPoint.sendDigit('#')).toBe(true);
    const events = () => desk.payloads.filter((packet) => packet.payloadType === 101);
    // Each key: growing durations, then three end packets.
    await expect.poll(() => events().filter((e) => (e.payload[1]! & 0x80) !== 0).length, POLL).toBe(6);
    expect(desk.hearing.keys).toEqual(['4', '#']);
    expect(events()[0]!.marker).toBe(true);
    expect(
      events()
        .map((e) => e.payload.readUInt16BE(2))
        .slice(0, 5),
    ).toEqual([160, 320, 480, 640, 800]);

    const keys: string[] = [];
    deskPoint.onDigit = (digit) => keys.push(digit);
    desk.pressKey('7');
    desk.pressKey('*');
    await expect.poll(() => keys, POLL).toEqual(['7', '*']);
  });

  it('answers hold and resume, and keeps the audio through an ICE restart', async () => {
    const peer = track(new WebRtcPeer());
    const desk = track(await RtpPeer.open('PCMU'));
    const { softPoint, deskPoint } = await softphoneCallsDesk(peer, desk);
    peer.play(440);
    desk.play(1000);
    await heardFor(peer.hearing, 0, 0.6);

    // The softphone holds: the agent answers recvonly and sends it nothing.
    const held = await softPoint.answer(await peer.offer({ direction: 'sendonly' }), []);
    expect(held).toContain('a=recvonly');
    await peer.accept(held!);
    expect(softPoint.holding).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const quietFrom = peer.hearing.samples.length;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(peer.hearing.samples.length - quietFrom).toBe(0);
    // The agent tells the desk phone with a re-offer, sendonly, of a new version.
    const holdOffer = await deskPoint.offer('sendonly', []);
    expect(holdOffer).toContain('a=sendonly');
    expect(holdOffer).toMatch(/o=switchboard \d+ 2 /);
    expect(await deskPoint.accept(desk.description([desk.law], 'recvonly', 2))).toBe(true);

    const resumed = await softPoint.answer(await peer.offer({ direction: 'sendrecv' }), []);
    expect(resumed).toContain('a=sendrecv');
    await peer.accept(resumed!);
    expect(softPoint.holding).toBe(false);
    const back = peer.hearing.samples.length;
    await expectTone(peer.hearing, 1000, back);

    // New ICE credentials (the softphone's network changed): answered, and audio flows on.
    const restartOffer = await peer.offer({ iceRestart: true });
    const restarted = await softPoint.answer(restartOffer, []);
    expect(ufragOf(restarted!)).not.toBe(ufragOf(resumed!));
    await peer.accept(restarted!);
    const afterRestart = peer.hearing.samples.length;
    const deskAfter = desk.hearing.samples.length;
    await expectTone(peer.hearing, 1000, afterRestart);
    await expectTone(desk.hearing, 440, deskAfter);
  });

  it('re-patches a point to another phone with its sequence numbers running on', async () => {
    const desk = track(await RtpPeer.open('PCMU'));
    const first = track(new WebRtcPeer());
    const { deskPoint, bridge } = await softphoneCallsDesk(first, desk);
    first.play(440);
    await heardFor(desk.hearing, 0, 0.3);
    bridge.close();
    first.silence();
    // Another softphone takes the desk phone's point over (a transfer): no new offer to the desk phone.
    const second = track(new WebRtcPeer());
    const secondPoint = await point('webrtc');
    const answer = await secondPoint.answer(await second.offer(), [deskPoint.codec!]);
    await second.accept(answer!);
    track(anchors.bridge(secondPoint, deskPoint)) as Bridge;
    await second.connectedSoon();
    const mark = desk.hearing.samples.length;
    const before = desk.payloads.length;
    second.play(700);
    await expectTone(desk.hearing, 700, mark);
    const audio = desk.payloads.filter((p) => p.payloadType === 0);
    const switched = desk.payloads.slice(before).find((p) => p.payloadType === 0)!;
    const index = audio.indexOf(switched);
    expect(switched.marker).toBe(true); // a new talker
    expect((switched.sequence - audio[index - 1]!.sequence) & 0xffff).toBe(1);
  });

  it('re-patches a desk phone to another that sends with the same SSRC and lower sequence numbers: a new talker, heard at once', async () => {
    // An SSRC names a stream only within its own RTP session: two phones may well pick the
    // same one (these test phones all do), and a transfer brings the second one's numbering.
    const eve = track(await RtpPeer.open('PCMU'));
    const [dan, fay] = [track(await RtpPeer.open('PCMU')), track(await RtpPeer.open('PCMU'))];
    const deskPointOf = async (desk: RtpPeer) => {
      const deskPoint = await point('rtp');
      desk.sendTo(await deskPoint.offer('sendrecv', ['PCMU']));
      expect(await deskPoint.accept(desk.description())).toBe(true);
      return deskPoint;
    };
    const evePoint = await deskPointOf(eve);
    const danPoint = await deskPointOf(dan);
    const toDan = anchors.bridge(evePoint, danPoint);
    // Dan's numbering runs far ahead (keys take sequence numbers too): 15 s of packets.
    for (let key = 0; key < 250; key++) dan.pressKey('5');
    dan.play(440);
    await heardFor(eve.hearing, eve.hearing.samples.length, 0.2);
    toDan.close();
    dan.silence();
    const fayPoint = await deskPointOf(fay);
    track(anchors.bridge(evePoint, fayPoint));
    const mark = eve.hearing.samples.length;
    fay.play(700);
    await expectTone(eve.hearing, 700, mark);
  });

  it('refuses a point past the cap, and frees it when one closes', async () => {
    const points = [];
    for (let i = 0; i < 6; i++) points.push(await anchors.open('rtp'));
    expect(points.every(Boolean)).toBe(true);
    expect(await anchors.open('webrtc')).toBeNull();
    points[0]!.close();
    const again = await anchors.open('rtp');
    expect(again).not.toBeNull();
    for (const p of [...points, again]) p?.close();
    expect(anchors.openPoints).toBe(0);
  });
});
