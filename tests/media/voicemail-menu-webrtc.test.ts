// The voicemail menu from the app's softphone: headless Chromium (ICE, DTLS-SRTP, Opus at
// 48 kHz) dials *97 over the office's SIP WebSocket and presses 7 by SIP INFO while its only
// message plays; the message is gone on the server and the agent says goodbye and hangs up.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSipOffice, type SipOffice } from '../support/sip-office';
import { TestPhone, reaches, SessionState } from '../sip/softphone';
import { DOMAIN } from '../sip/desk-phone';
import { BrowserCaller } from './browser-caller';
import { boxOf, leaveToneMessage, writeToneWav } from '../support/voicemail-box';
import { rtpPortsForTest } from '../support/rtp-ports';

describe('the voicemail menu from a WebRTC softphone in Chromium', () => {
  let sipOffice: SipOffice;
  let browser: BrowserCaller;
  let workDir: string;

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(os.tmpdir(), 'voicemail-menu-webrtc-'));
    const microphone = path.join(workDir, 'tone.wav');
    writeToneWav(microphone, 60, 440);
    sipOffice = await startSipOffice(
      {},
      {
        media: {
          maxSessions: 4,
          rtpPorts: await rtpPortsForTest(40),
          silenceSeconds: 5,
          maxAnchoredCalls: 4,
        },
        mailbox: { keySeconds: 3, callSeconds: 60 },
      },
    );
    browser = await BrowserCaller.launch(microphone);
  });
  afterAll(async () => {
    await browser?.close();
    await sipOffice?.close();
    await rm(workDir, { recursive: true, force: true });
  });

  it('*97 plays the message to the softphone; 7 by SIP INFO deletes it', { timeout: 90_000 }, async () => {
    const { office } = sipOffice;
    const owner = await office.createSignedInUser(await office.adminToken(), 'Softphone Sven');
    const { userId } = await boxOf(office.office, owner.extension);
    const messageId = await leaveToneMessage(office.office, owner.extension, {
      seconds: 2,
      hz: 700,
      callerNumber: '3003',
      receivedAt: new Date().toISOString(),
    });
    const changed: string[] = [];
    office.office.events.on('voicemail-changed', (id) => changed.push(id));
    const row = () =>
      office.office.db
        .selectFrom('voicemail_messages')
        .select('read')
        .where('id', '=', messageId)
        .executeTakeFirst();

    const phone = await TestPhone.ofUser(office, owner.token, 'sven', 0, () => browser.handler());
    const { session, final } = phone.dial(`sip:*97@${DOMAIN}`);
    expect(await final).toBe(200);
    // Playing a message marks it read: the count and the header have been said.
    await vi.waitFor(async () => expect(await row()).toEqual({ read: 1 }), {
      timeout: 30_000,
      interval: 100,
    });
    expect(await browser.packetsReceived()).toBeGreaterThan(50);

    const infoStatus = new Promise<number>(
      (resolve) =>
        void session.info({
          requestOptions: {
            body: {
              contentDisposition: 'render',
              contentType: 'application/dtmf-relay',
              content: 'Signal=7\r\nDuration=160',
            },
          },
          requestDelegate: { onAccept: (response) => resolve(response.message.statusCode ?? 0) },
        }),
    );
    expect(await infoStatus).toBe(200);
    // "Message deleted. No more messages. Goodbye." and the agent hangs up.
    await reaches(session, SessionState.Terminated, 15_000);
    await phone.stop();
    expect(await row()).toBeUndefined();
    expect(changed.filter((id) => id === userId).length).toBeGreaterThanOrEqual(2);
  });
});
