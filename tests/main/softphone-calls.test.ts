// The softphone's calls between SoftphoneService instances through the office's real B2BUA
// over real SIP WebSockets; media is plain SDP here (real audio is the e2e test's job).
import { EventEmitter } from 'node:events';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SoftphoneConfig } from '../../common/api/me';
import { silentLogger } from '../../server/logger';
import type { PowerEvents, WakeReason } from '../../main/softphone/power-events';
import { SoftphoneService } from '../../main/softphone/softphone-service';
import type { Call } from '../../main/softphone/calls';
import { DOMAIN, startSipOffice, type SipOffice } from '../support/sip-office';
import { StaticMedia } from './static-media';

class TestPower extends EventEmitter<{ wake: [WakeReason] }> implements PowerEvents {
  onWake(listener: (reason: WakeReason) => void) {
    this.on('wake', listener);
    return () => void this.off('wake', listener);
  }
}

interface Phone {
  name: string;
  extension: string;
  token: string;
  service: SoftphoneService;
  media: StaticMedia;
  power: TestPower;
  /** Every Call the service told, in order. */
  seen: Call[];
  dtmf: string[];
}

/** Resolves with the first Call (told from now on, or already told) that matches. */
function told(phone: Phone, match: (call: Call) => boolean): Promise<Call> {
  const already = phone.seen.find(match);
  if (already) return Promise.resolve(already);
  return new Promise((resolve) => {
    const listener = (call: Call) => {
      if (!match(call)) return;
      phone.service.calls.off('changed', listener);
      resolve(call);
    };
    phone.service.calls.on('changed', listener);
  });
}

describe('SoftphoneService calls through the office', () => {
  let sip: SipOffice;
  let admin: string;
  const phones: Phone[] = [];
  let ana: Phone, ben: Phone, cai: Phone;

  async function phone(name: string): Promise<Phone> {
    const user = await sip.office.createSignedInUser(admin, name);
    const config: SoftphoneConfig = (await sip.office.request('GET', '/me/softphone', { token: user.token }))
      .body;
    const media = new StaticMedia(name.toLowerCase());
    const power = new TestPower();
    const service = new SoftphoneService(config, power, { logger: silentLogger, media });
    const made: Phone = {
      name,
      extension: user.extension,
      token: user.token,
      service,
      media,
      power,
      seen: [],
      dtmf: [],
    };
    service.calls.on('changed', (call) => made.seen.push(call));
    service.calls.on('dtmf', ({ tone }) => made.dtmf.push(tone));
    const registered = new Promise<void>((resolve) =>
      service.on('state', (state) => state.state === 'registered' && resolve()),
    );
    await service.start();
    await registered;
    phones.push(made);
    return made;
  }

  /** `from` dials `to`, `to` answers: both calls active. */
  async function connect(from: Phone, to: Phone): Promise<{ out: Call; in: Call }> {
    const incoming = new Promise<Call>((resolve) => to.service.calls.once('incoming', resolve));
    const out = from.service.calls.dial(to.extension);
    const ringing = await incoming;
    await to.service.calls.answer(ringing.id);
    await told(from, (c) => c.id === out.id && c.state === 'active');
    await told(to, (c) => c.id === ringing.id && c.state === 'active');
    return { out, in: ringing };
  }

  const callLog = async (who: Phone) =>
    (await sip.office.request('GET', '/me/call-log', { token: who.token })).body.items as {
      direction: string;
      otherNumber: string;
      result: string;
    }[];

  beforeAll(async () => {
    sip = await startSipOffice();
    admin = await sip.office.adminToken();
    ana = await phone('Ana');
    ben = await phone('Ben');
    cai = await phone('Cai');
  });
  afterEach(async () => {
    await Promise.all(phones.map((p) => p.service.calls.endAll('test over')));
    await expect.poll(() => sip.sip.calls.activeCalls).toBe(0);
    for (const p of phones) p.seen.length = 0;
  });
  afterAll(async () => {
    await Promise.all(phones.map((p) => p.service.stop()));
    await sip?.close();
  });

  it('dials, rings the callee with who calls, answers and hangs up; both call logs have the call', async () => {
    const incoming = new Promise<Call>((resolve) => ben.service.calls.once('incoming', resolve));
    const out = ana.service.calls.dial(ben.extension);
    expect(out).toMatchObject({ direction: 'outgoing', state: 'dialing', remoteNumber: ben.extension });
    const ringing = await incoming;
    expect(ringing).toMatchObject({ direction: 'incoming', state: 'ringing', remoteNumber: ana.extension });
    await told(ana, (c) => c.id === out.id && c.state === 'ringing');
    expect(ringing.remoteName).toBe('Ana');
    await ben.service.calls.answer(ringing.id);
    // The office says who answered (P-Asserted-Identity): the caller's screen shows the name.
    await told(ana, (c) => c.id === out.id && c.state === 'active');
    expect(ana.service.calls.list()).toMatchObject([
      { id: out.id, remoteNumber: ben.extension, remoteName: 'Ben' },
    ]);
    expect(ben.media.applied.get(ringing.id)?.[0]).toContain('o=ana ');
    expect(ana.media.applied.get(out.id)?.[0]).toContain('o=ben ');

    await ana.service.calls.hangUp(out.id);
    await told(ben, (c) => c.id === ringing.id && c.state === 'ended');
    expect(ana.service.calls.list()).toEqual([]);
    expect(ben.media.closed.has(ringing.id)).toBe(true);
    await expect
      .poll(async () => (await callLog(ben))[0])
      .toMatchObject({
        direction: 'incoming',
        otherNumber: ana.extension,
        result: 'answered',
      });
    expect((await callLog(ana))[0]).toMatchObject({ direction: 'outgoing', otherNumber: ben.extension });
  });

  it('declines a ringing call, and refuses to answer what does not ring', async () => {
    const incoming = new Promise<Call>((resolve) => ben.service.calls.once('incoming', resolve));
    const out = ana.service.calls.dial(ben.extension);
    const ringing = await incoming;
    await ben.service.calls.decline(ringing.id);
    await told(ana, (c) => c.id === out.id && c.state === 'ended');
    await expect(ben.service.calls.answer(ringing.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(ana.service.calls.hold('no-such-call')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('holds with sendonly and resumes with sendrecv, mutes, and sends DTMF the other side sees', async () => {
    const { out, in: answered } = await connect(ana, ben);
    await ana.service.calls.hold(out.id);
    expect(ana.service.calls.list()[0]?.state).toBe('held');
    expect(ben.media.lastDirection(answered.id)).toBe('sendonly');
    // Ben's screen can say he is on hold, and by whom: the call's other side is Ana.
    expect(ben.service.calls.list()).toMatchObject([
      { id: answered.id, remoteHold: true, remoteName: 'Ana' },
    ]);
    expect(ana.service.calls.list()[0]?.remoteHold).toBe(false);
    await ana.service.calls.resume(out.id);
    expect(ana.service.calls.list()[0]?.state).toBe('active');
    expect(ben.media.lastDirection(answered.id)).toBe('sendrecv');
    expect(ben.service.calls.list()[0]?.remoteHold).toBe(false);

    await ana.service.calls.mute(out.id, true);
    expect(ana.media.muted.get(out.id)).toBe(true);
    expect(ana.service.calls.list()[0]?.muted).toBe(true);

    ben.dtmf.length = 0;
    await ana.service.calls.sendDtmf(out.id, '1#9');
    expect(ben.dtmf).toEqual(['1', '#', '9']);
  });

  it('offers new ICE credentials for its calls once registered again after a network change', async () => {
    const { out, in: answered } = await connect(ana, ben);
    const offersToBen = ben.media.applied.get(answered.id)!.length;
    ana.power.emit('wake', 'network-change');
    await expect.poll(() => ana.media.described.some((d) => d.callId === out.id && d.iceRestart)).toBe(true);
    await expect.poll(() => ben.media.applied.get(answered.id)!.length).toBe(offersToBen + 1);
    expect(ana.service.calls.list()).toMatchObject([{ id: out.id, state: 'active' }]);
    // A screen unlock is no network change: no restart.
    const restarts = ana.media.described.filter((d) => d.iceRestart).length;
    ana.power.emit('wake', 'unlock');
    await expect.poll(() => ana.service.state.state).toBe('registered');
    expect(ana.media.described.filter((d) => d.iceRestart)).toHaveLength(restarts);
  });

  it('call waiting: a second call rings during the first; answering it holds the first', async () => {
    const first = await connect(ana, ben);
    const second = new Promise<Call>((resolve) => ben.service.calls.once('incoming', resolve));
    cai.service.calls.dial(ben.extension);
    const waiting = await second;
    expect(
      ben.service.calls
        .list()
        .map((c) => c.state)
        .sort(),
    ).toEqual(['active', 'ringing']);
    await ben.service.calls.answer(waiting.id);
    const states = Object.fromEntries(ben.service.calls.list().map((c) => [c.id, c.state]));
    expect(states).toEqual({ [first.in.id]: 'held', [waiting.id]: 'active' });
    expect(ana.media.lastDirection(first.out.id)).toBe('sendonly');
  });

  it('blind transfer: the other side is put through to a third extension and this phone leaves', async () => {
    const { out, in: answered } = await connect(ana, ben);
    const transferred = new Promise<Call>((resolve) => cai.service.calls.once('incoming', resolve));
    await ben.service.calls.transfer(answered.id, cai.extension);
    // Ben is told it is under way, then that it took, as his call ends.
    expect(ben.service.calls.list()[0]?.transfer).toEqual({
      by: 'this-phone',
      target: cai.extension,
      targetName: null,
      state: 'trying',
      failure: null,
    });
    const atCai = await transferred;
    expect(atCai.remoteNumber).toBe(ana.extension);
    // Cai's phone says who put Ana through (the office's Referred-By).
    expect(atCai.transferredBy).toEqual({ number: ben.extension, name: 'Ben' });
    await cai.service.calls.answer(atCai.id);
    const ended = await told(ben, (c) => c.id === answered.id && c.state === 'ended');
    expect(ended.transfer).toMatchObject({ by: 'this-phone', target: cai.extension, state: 'done' });
    // Ana's call goes on, now with Cai's media, and her screen says it is Cai, transferred.
    await expect.poll(() => ana.media.applied.get(out.id)?.at(-1)).toContain('o=cai ');
    expect(ana.service.calls.list()).toMatchObject([
      {
        id: out.id,
        state: 'active',
        remoteNumber: cai.extension,
        remoteName: 'Cai',
        transfer: {
          by: 'other-side',
          target: cai.extension,
          targetName: 'Cai',
          state: 'done',
          failure: null,
        },
      },
    ]);
  });

  it('a blind transfer the target refuses is said to the transferor, whose call goes on', async () => {
    const { in: answered } = await connect(ana, ben);
    const transferred = new Promise<Call>((resolve) => cai.service.calls.once('incoming', resolve));
    await ben.service.calls.transfer(answered.id, cai.extension);
    await cai.service.calls.decline((await transferred).id);
    const failed = await told(ben, (c) => c.id === answered.id && c.transfer?.state === 'failed');
    // The office answers a declined ring as busy (it is what forwarding on busy acts on).
    expect(failed.transfer).toMatchObject({ target: cai.extension, failure: 'busy' });
    expect(ben.service.calls.list()).toMatchObject([{ id: answered.id, state: 'active' }]);
  });

  it.each([
    { about: 'a number nobody has', to: () => '999', failure: 'not-found' },
    {
      about: 'a colleague who declines (busy to the office)',
      to: () => cai.extension,
      failure: 'busy',
      decline: true,
    },
  ])('says why a call to $about failed', async ({ to, failure, decline }) => {
    const incoming = new Promise<Call>((resolve) => cai.service.calls.once('incoming', resolve));
    const out = ana.service.calls.dial(to());
    if (decline) await cai.service.calls.decline((await incoming).id);
    const ended = await told(ana, (c) => c.id === out.id && c.state === 'ended');
    expect(ended.failure).toBe(failure);
  });

  it('a call nobody transferred names no transferrer', async () => {
    const incoming = new Promise<Call>((resolve) => cai.service.calls.once('incoming', resolve));
    ana.service.calls.dial(cai.extension);
    expect((await incoming).transferredBy).toBeNull();
  });

  it('a call this phone cancels ends with no failure', async () => {
    const incoming = new Promise<Call>((resolve) => cai.service.calls.once('incoming', resolve));
    const out = ana.service.calls.dial(cai.extension);
    await incoming;
    await ana.service.calls.hangUp(out.id);
    const ended = await told(ana, (c) => c.id === out.id && c.state === 'ended');
    expect(ended.failure).toBeNull();
  });

  it('attended transfer sends REFER whose Refer-To replaces the consultation call’s dialog', async () => {
    const held = await connect(ana, ben);
    await ben.service.calls.hold(held.in.id);
    const consultation = await connect(ben, cai);
    const refers: { referTo: string; callId: string }[] = [];
    sip.sip.stack.screen('REFER', (request) => {
      refers.push({
        referTo: request.headers.get('Refer-To') ?? '',
        callId: request.headers.get('Call-ID') ?? '',
      });
      return null;
    });
    // The office may not put an attended transfer through yet; what is checked is what was asked.
    await ben.service.calls.completeTransfer(held.in.id, consultation.out.id).catch(() => undefined);
    expect(refers).toHaveLength(1);
    // sip.js names the consultation call's remote target and the dialog it replaces (RFC 5589).
    const [, display, replaces] = /^"([^"]+)" <sip:[^?>]+\?Replaces=([^>]+)>$/.exec(refers[0]!.referTo) ?? [];
    expect(display).toBe(`${cai.extension}@${DOMAIN}`);
    const [dialogCallId, ...tags] = decodeURIComponent(replaces!).split(';');
    expect(dialogCallId).toMatch(/^\S+$/);
    // The dialog replaced is the consultation call, not the held call the REFER travels in.
    expect(dialogCallId).not.toBe(refers[0]!.callId);
    expect(tags.map((tag) => tag.split('=')[0])).toEqual(['to-tag', 'from-tag']);
    expect(tags.every((tag) => /=\S+$/.test(tag))).toBe(true);
    await expect(ben.service.calls.completeTransfer(held.in.id, held.in.id)).rejects.toMatchObject({
      code: 'invalid_request',
    });
  });

  it('ends its calls with a Reason when told to (the page doing the audio went away)', async () => {
    const { out, in: answered } = await connect(ana, ben);
    await ben.service.calls.endAll('the page doing the calls’ audio went away');
    await told(ana, (c) => c.id === out.id && c.state === 'ended');
    expect(ben.service.calls.list()).toEqual([]);
    expect(ana.service.calls.list()).toEqual([]);
    expect(answered.remoteNumber).toBe(ana.extension);
  });
});
