// Calls with real audio: three app instances (browser hosts with --server) against one office
// provisioned through its API. Each host's page in headless Chromium does its calls' audio
// (fake microphone playing a sox tone); the test drives the calls through each host's IPC socket.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSipOffice, type SipOffice } from '../support/sip-office';
import {
  hearsSound,
  launchToneChromium,
  startAudioParty,
  stopAudioParty,
  type AudioParty,
} from './audio-party';

interface Person extends AudioParty {
  extension: string;
  token: string;
}

const POLL = { timeout: 15_000, interval: 200 };

describe('calls between app instances, with audio', () => {
  let sip: SipOffice;
  let browser: Browser;
  let toneDir: string;
  let ana: Person, ben: Person, cai: Person;

  async function person(name: string): Promise<Person> {
    const user = await sip.office.createSignedInUser(await sip.office.adminToken(), name);
    const party = await startAudioParty(browser, sip.office.baseUrl, user, (text) =>
      console.warn(`${name} page:`, text),
    );
    return { ...party, extension: user.extension, token: user.token };
  }

  const stats = (who: Person, callId: string) => who.control.value('media:stats', { callId });

  /** Packets arrive and carry sound on this side of the call, beyond `after` packets. */
  const hears = (who: Person, callId: string, after = 0) =>
    expect.poll(() => hearsSound(who, callId, after), POLL).toBe(true);

  const callLog = async (who: Person) =>
    (await sip.office.request('GET', '/me/call-log', { token: who.token })).body.items as {
      direction: string;
      otherNumber: string;
      result: string;
    }[];

  beforeAll(async () => {
    toneDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-tone-'));
    sip = await startSipOffice();
    browser = await launchToneChromium(toneDir);
    [ana, ben, cai] = await Promise.all([person('Ana Audio'), person('Ben Audio'), person('Cai Audio')]);
    // Three app processes and Chromium on a shared machine: starting them is the slow part.
  }, 240_000);
  afterAll(async () => {
    await Promise.all([ana, ben, cai].filter(Boolean).map(stopAudioParty));
    await browser?.close();
    await sip?.close();
    await rm(toneDir, { recursive: true, force: true });
  });

  it('dials, answers, hears both ways, holds and resumes, sends DTMF, transfers blind and hangs up', async () => {
    // The page announced itself as the media provider when it loaded; until then dialling says so.
    let out: { id: string } | undefined;
    await expect
      .poll(async () => {
        const dialled = await ana.control.invoke('calls:dial', { target: ben.extension });
        if (dialled.ok) out = dialled.value;
        else expect(dialled.error.code).toBe('no_media');
        return dialled.ok;
      }, POLL)
      .toBe(true);
    const incoming = await ben.control.event('calls:incoming');
    expect(incoming).toMatchObject({ direction: 'incoming', remoteNumber: ana.extension, state: 'ringing' });
    await ben.control.value('calls:answer', { callId: incoming.id });
    await ana.control.event('calls:state-changed', (call) => call.id === out!.id && call.state === 'active');
    await hears(ana, out!.id);
    await hears(ben, incoming.id);

    await ana.control.value('calls:hold', { callId: out!.id });
    expect((await ana.control.value('calls:list'))[0]).toMatchObject({ id: out!.id, state: 'held' });
    await ana.control.value('calls:resume', { callId: out!.id });
    const resumedAt = (await stats(ana, out!.id)).packetsReceived;
    await hears(ana, out!.id, resumedAt + 25);

    await ana.control.value('calls:send-dtmf', { callId: out!.id, tones: '4#' });
    await ben.control.event(
      'calls:dtmf-received',
      (pressed) => pressed.callId === incoming.id && pressed.tone === '4',
    );
    await ben.control.event(
      'calls:dtmf-received',
      (pressed) => pressed.callId === incoming.id && pressed.tone === '#',
    );

    await ben.control.value('calls:transfer', { callId: incoming.id, target: cai.extension });
    const atCai = await cai.control.event('calls:incoming');
    expect(atCai.remoteNumber).toBe(ana.extension);
    await cai.control.value('calls:answer', { callId: atCai.id });
    await ben.control.event(
      'calls:state-changed',
      (call) => call.id === incoming.id && call.state === 'ended',
    );
    await hears(cai, atCai.id);
    const transferredAt = (await stats(ana, out!.id)).packetsReceived;
    await hears(ana, out!.id, transferredAt + 25);

    await ana.control.value('calls:hang-up', { callId: out!.id });
    await cai.control.event('calls:state-changed', (call) => call.id === atCai.id && call.state === 'ended');
    await expect.poll(() => sip.sip.calls.activeCalls, POLL).toBe(0);

    // Ana's log: her call to Ben, then the transferred part with Cai; Ben's and Cai's their side.
    expect(await callLog(ana)).toMatchObject([
      { direction: 'outgoing', otherNumber: cai.extension, result: 'answered' },
      { direction: 'outgoing', otherNumber: ben.extension, result: 'answered' },
    ]);
    expect(await callLog(ben)).toMatchObject([
      { direction: 'incoming', otherNumber: ana.extension, result: 'answered' },
    ]);
    expect((await callLog(cai))[0]).toMatchObject({ direction: 'incoming', result: 'answered' });
  }, 120_000);

  it('transfers attended: Ana holds Ben, consults Cai, and joins them; Ben and Cai hear each other', async () => {
    for (const who of [ana, ben, cai]) who.control.forgetEvents();
    const toBen = await ana.control.value('calls:dial', { target: ben.extension });
    const atBen = await ben.control.event('calls:incoming');
    await ben.control.value('calls:answer', { callId: atBen.id });
    await ana.control.event('calls:state-changed', (call) => call.id === toBen.id && call.state === 'active');
    await hears(ben, atBen.id);
    await ana.control.value('calls:hold', { callId: toBen.id });

    const toCai = await ana.control.value('calls:dial', { target: cai.extension });
    const atCai = await cai.control.event('calls:incoming');
    expect(atCai.remoteNumber).toBe(ana.extension);
    await cai.control.value('calls:answer', { callId: atCai.id });
    await ana.control.event('calls:state-changed', (call) => call.id === toCai.id && call.state === 'active');
    await hears(cai, atCai.id);

    const benBefore = (await stats(ben, atBen.id)).packetsReceived;
    const caiBefore = (await stats(cai, atCai.id)).packetsReceived;
    await ana.control.value('calls:complete-transfer', { callId: toBen.id, consultationCallId: toCai.id });
    for (const id of [toBen.id, toCai.id])
      await ana.control.event('calls:state-changed', (call) => call.id === id && call.state === 'ended');
    expect(await ana.control.value('calls:list')).toEqual([]);
    // Ben and Cai keep their calls (the office re-points both), and sound flows both ways anew.
    await hears(ben, atBen.id, benBefore + 25);
    await hears(cai, atCai.id, caiBefore + 25);
    expect(await ben.control.value('calls:list')).toMatchObject([{ id: atBen.id, state: 'active' }]);
    expect(await cai.control.value('calls:list')).toMatchObject([{ id: atCai.id, state: 'active' }]);

    await ben.control.value('calls:hang-up', { callId: atBen.id });
    await cai.control.event('calls:state-changed', (call) => call.id === atCai.id && call.state === 'ended');
    await expect.poll(() => sip.sip.calls.activeCalls, POLL).toBe(0);

    // Ana's two calls as she made them; the joined call in Ben's and Cai's logs, with each other.
    expect((await callLog(ana)).slice(0, 2)).toMatchObject([
      { direction: 'outgoing', otherNumber: cai.extension, result: 'answered' },
      { direction: 'outgoing', otherNumber: ben.extension, result: 'answered' },
    ]);
    const [benJoined, benWithAna] = await callLog(ben);
    const [caiJoined, caiWithAna] = await callLog(cai);
    expect(benWithAna).toMatchObject({ otherNumber: ana.extension, result: 'answered' });
    expect(caiWithAna).toMatchObject({ otherNumber: ana.extension, result: 'answered' });
    expect(benJoined).toMatchObject({ otherNumber: cai.extension, result: 'answered' });
    expect(caiJoined).toMatchObject({ otherNumber: ben.extension, result: 'answered' });
  }, 120_000);

  it('ends a call cleanly, saying why, when the page doing its audio reloads', async () => {
    for (const who of [ana, ben, cai]) who.control.forgetEvents();
    const out = await ana.control.value('calls:dial', { target: ben.extension });
    const incoming = await ben.control.event('calls:incoming');
    await ben.control.value('calls:answer', { callId: incoming.id });
    await hears(ana, out.id);
    await ben.page.reload();
    await ana.control.event('calls:state-changed', (call) => call.id === out.id && call.state === 'ended');
    await expect.poll(() => sip.sip.calls.activeCalls, POLL).toBe(0);
    expect(ben.host.log).toContain('No page does the calls’ audio any more');
    expect(ben.host.log).toContain('the page doing the calls’ audio went away');
    // Ben's BYE carries the reason in a Reason header; the office's B2BUA sends Ana a BYE of its
    // own without it, so her side can only see that Ben hung up.
    // The reloaded page announced itself again: Ben can call at once.
    let again: { id: string } | undefined;
    await expect
      .poll(async () => {
        const dialled = await ben.control.invoke('calls:dial', { target: ana.extension });
        if (dialled.ok) again = dialled.value;
        return dialled.ok;
      }, POLL)
      .toBe(true);
    await ana.control.event('calls:incoming');
    await ben.control.value('calls:hang-up', { callId: again!.id });
  }, 60_000);
});
