import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UserAgent, type Invitation, type Session } from 'sip.js';
import type { TestOffice } from '../support/office';
import { DOMAIN, startSipOffice } from '../support/sip-office';
import type { SipService } from '../../server/sip/service';
import { TestPhone, reaches, SessionState } from './softphone';
import { wsPeer } from './support';

/** Whether sip.js still waits for the ACK of the 200 it sent (its dialog's own flag). */
const ackAwaited = (invitation: Invitation) =>
  (invitation as unknown as { dialog?: { ackWait?: boolean } }).dialog?.ackWait;

interface Person {
  name: string;
  token: string;
  extension: string;
}

describe('calls between sip.js softphones through the B2BUA', () => {
  let office: TestOffice;
  let sip: SipService;
  let admin: string;
  let alice: Person, bob: Person, carol: Person, dave: Person;
  let phones: TestPhone[] = [];

  async function person(name: string): Promise<Person> {
    const user = await office.createSignedInUser(admin, name);
    return { name, token: user.token, extension: user.extension };
  }

  async function softphone(who: Person): Promise<TestPhone> {
    const phone = await TestPhone.ofUser(office, who.token, who.name);
    phones.push(phone);
    return phone;
  }

  /** A second device of the same extension: a desk phone registered over WebSocket too. */
  async function deskPhone(who: Person): Promise<TestPhone> {
    const device = (
      await office.request('POST', '/admin/devices', {
        token: admin,
        body: { kind: 'desk-phone', model: 'Desk', extension: who.extension },
      })
    ).body;
    const phone = await TestPhone.start(`${who.name}-desk`, {
      sipUri: `sip:${who.extension}@${DOMAIN}`,
      authorizationUsername: device.sipUsername,
      password: device.sipPassword,
      websocketServer: `ws://127.0.0.1:${sip.ports.ws}`,
    });
    phones.push(phone);
    return phone;
  }

  const setPreferences = (who: Person, body: Record<string, unknown>) =>
    office.request('PATCH', '/me/preferences', { token: who.token, body });

  const callLog = async (who: Person) =>
    (await office.request('GET', '/me/call-log', { token: who.token })).body.items as {
      direction: string;
      otherNumber: string;
      result: string;
      answeredAt: string | null;
      transferredBy: { number: string; name: string | null } | null;
    }[];

  /** How a call-log row names the colleague who transferred the call. */
  const by = (who: Person) => ({ number: who.extension, name: who.name });

  const uri = (who: Person) => `sip:${who.extension}@${DOMAIN}`;

  beforeAll(async () => {
    ({ office, sip } = await startSipOffice());
    admin = await office.adminToken();
    alice = await person('Alice Caller');
    bob = await person('Bob Callee');
    carol = await person('Carol Third');
    dave = await person('Dave Stranger');
  });
  afterEach(async () => {
    await Promise.all(phones.map((p) => p.stop()));
    phones = [];
    await expect.poll(() => sip.calls.activeCalls).toBe(0);
    for (const who of [alice, bob, carol, dave])
      await setPreferences(who, {
        doNotDisturb: false,
        forwardAlways: { enabled: false, target: null },
        forwardBusy: { enabled: false, target: null },
        forwardNoAnswer: { enabled: false, target: null },
        ringTimeoutSeconds: 25,
      });
  });
  afterAll(async () => {
    await sip?.close();
    await office?.close();
  });

  it('connects a call, passes SDP both ways, holds, relays DTMF INFO, hangs up, and logs it', async () => {
    const [alicePhone, bobPhone] = [await softphone(alice), await softphone(bob)];
    const logBefore = (await callLog(alice)).length;
    const { session: outgoing, final } = alicePhone.dial(uri(bob));
    const incoming = await bobPhone.nextInvitation();
    expect(incoming.remoteIdentity.uri.user).toBe(alice.extension);
    expect(incoming.remoteIdentity.displayName).toBe('Alice Caller');
    expect(incoming.request.body).toContain(`o=${alice.name} `);
    await incoming.accept();
    expect(await final).toBe(200);
    await reaches(outgoing, SessionState.Established);
    expect(alicePhone.lastSdpFor(outgoing)).toContain(`o=${bob.name} `);
    // Bob's phone hears the caller's ACK relayed through the server.
    await expect
      .poll(() => (incoming as unknown as { dialog?: { ackWait?: boolean } }).dialog?.ackWait)
      .toBe(false);

    // Hold: Alice's re-INVITE with a sendonly offer reaches Bob; his answer comes back.
    const held = new Promise<number>(
      (resolve) =>
        void outgoing.invite({
          sessionDescriptionHandlerOptions: { hold: true } as object,
          requestDelegate: { onAccept: (r) => resolve(r.message.statusCode ?? 0) },
        }),
    );
    expect(await held).toBe(200);
    expect(bobPhone.lastSdpFor(incoming)).toContain('a=sendonly');
    expect(alicePhone.received.filter((r) => r.session === outgoing)).toHaveLength(2);

    // DTMF over INFO arrives as sent.
    const dtmf = new Promise<string>((resolve) => {
      incoming.delegate = {
        onInfo: (info) => {
          void info.accept();
          resolve(info.request.body);
        },
      };
    });
    const infoStatus = new Promise<number>(
      (resolve) =>
        void outgoing.info({
          requestOptions: {
            body: {
              contentDisposition: 'render',
              contentType: 'application/dtmf-relay',
              content: 'Signal=5\r\nDuration=160',
            },
          },
          requestDelegate: { onAccept: (r) => resolve(r.message.statusCode ?? 0) },
        }),
    );
    expect(await dtmf).toBe('Signal=5\r\nDuration=160');
    expect(await infoStatus).toBe(200);

    // Bob hangs up: Alice's session ends.
    await incoming.bye();
    await reaches(outgoing, SessionState.Terminated);

    await expect.poll(async () => (await callLog(alice)).length).toBe(logBefore + 1);
    const [mine] = await callLog(alice);
    expect(mine).toMatchObject({ direction: 'outgoing', otherNumber: bob.extension, result: 'answered' });
    expect(mine!.answeredAt).not.toBeNull();
    expect((await callLog(bob))[0]).toMatchObject({
      direction: 'incoming',
      otherNumber: alice.extension,
      result: 'answered',
    });
  });

  it('rings every device of the extension; the first to answer wins and the others stop ringing', async () => {
    const alicePhone = await softphone(alice);
    const [bobSoft, bobDesk] = [await softphone(bob), await deskPhone(bob)];
    const { session, final } = alicePhone.dial(uri(bob));
    const [onSoft, onDesk] = await Promise.all([bobSoft.nextInvitation(), bobDesk.nextInvitation()]);
    const deskCancelled = reaches(onDesk, SessionState.Terminated);
    await onSoft.accept();
    expect(await final).toBe(200);
    await deskCancelled;
    await reaches(session, SessionState.Established);
    await session.bye();
    await reaches(onSoft, SessionState.Terminated);
  });

  it("ends a call when one phone's connection drops, and tells the other side", async () => {
    const [alicePhone, bobPhone] = [await softphone(alice), await softphone(bob)];
    const { session, final } = alicePhone.dial(uri(bob));
    const incoming = await bobPhone.nextInvitation();
    await incoming.accept();
    expect(await final).toBe(200);
    await reaches(session, SessionState.Established);
    await expect.poll(() => ackAwaited(incoming)).toBe(false);
    await bobPhone.agent.transport.disconnect(); // no BYE from Bob: his connection is just gone
    await reaches(session, SessionState.Terminated);
    await expect.poll(async () => (await callLog(alice))[0]?.result).toBe('answered');
    await bobPhone.agent.transport.connect(); // so that stopping the phone can un-register at once
  });

  it('answers busy with 486 and logs busy for the caller, missed for the callee', async () => {
    const [alicePhone, bobPhone] = [await softphone(alice), await softphone(bob)];
    const { final } = alicePhone.dial(uri(bob));
    await (await bobPhone.nextInvitation()).reject({ statusCode: 486 });
    expect(await final).toBe(486);
    await expect.poll(async () => (await callLog(alice))[0]?.result).toBe('busy');
    expect((await callLog(bob))[0]).toMatchObject({ direction: 'incoming', result: 'missed' });
  });

  it('ends a call the caller cancels while it rings, and logs it cancelled', async () => {
    const [alicePhone, bobPhone] = [await softphone(alice), await softphone(bob)];
    const { session, final } = alicePhone.dial(uri(bob));
    const ringing = await bobPhone.nextInvitation();
    const stopped = reaches(ringing, SessionState.Terminated);
    await session.cancel();
    expect(await final).toBe(487);
    await stopped;
    await expect.poll(async () => (await callLog(alice))[0]?.result).toBe('cancelled');
  });

  it('refuses unknown numbers, numbers of other offices, do-not-disturb and unregistered extensions', async () => {
    const alicePhone = await softphone(alice);
    expect(await alicePhone.dial(`sip:999@${DOMAIN}`).final).toBe(404);
    expect(await alicePhone.dial(`sip:${bob.extension}@other.example.org`).final).toBe(403);
    expect(await alicePhone.dial(uri(bob)).final).toBe(480); // not registered
    await softphone(bob);
    await setPreferences(bob, { doNotDisturb: true });
    expect(await alicePhone.dial(uri(bob)).final).toBe(480);
    await expect.poll(async () => (await callLog(bob))[0]?.result).toBe('missed');
  });

  it('forwards always, and on no answer after the ring timeout', async () => {
    const [alicePhone, bobPhone, carolPhone] = [
      await softphone(alice),
      await softphone(bob),
      await softphone(carol),
    ];
    await setPreferences(bob, { forwardAlways: { enabled: true, target: carol.extension } });
    const always = alicePhone.dial(uri(bob));
    const atCarol = await carolPhone.nextInvitation();
    await atCarol.reject({ statusCode: 486 });
    expect(await always.final).toBe(486);

    await setPreferences(bob, {
      forwardAlways: { enabled: false, target: null },
      forwardNoAnswer: { enabled: true, target: carol.extension },
      ringTimeoutSeconds: 5,
    });
    const later = alicePhone.dial(uri(bob));
    const unanswered = await bobPhone.nextInvitation();
    const bobStopped = reaches(unanswered, SessionState.Terminated, 8000);
    const forwarded = await carolPhone.nextInvitation(8000);
    await bobStopped;
    await forwarded.accept();
    expect(await later.final).toBe(200);
    await later.session.bye();
    await reaches(forwarded, SessionState.Terminated);
    await expect.poll(async () => (await callLog(carol))[0]?.result).toBe('answered');
    expect((await callLog(bob))[0]).toMatchObject({ result: 'missed' });
  }, 20_000);

  it('transfers blind with REFER: NOTIFY sipfrag to the transferor, the transferee talks to the target', async () => {
    const [alicePhone, bobPhone, carolPhone] = [
      await softphone(alice),
      await softphone(bob),
      await softphone(carol),
    ];
    const { session: aliceSide, final } = alicePhone.dial(uri(bob));
    const bobSide = await bobPhone.nextInvitation();
    await bobSide.accept();
    expect(await final).toBe(200);
    await reaches(aliceSide, SessionState.Established);

    const notifications: string[] = [];
    const transferDone = new Promise<void>((resolve) => {
      bobSide.delegate = {
        onNotify: (notification) => {
          void notification.accept();
          notifications.push(notification.request.body);
          if (notification.request.body.includes(' 200 ')) resolve();
        },
      };
    });
    const referred = new Promise<number>(
      (resolve) =>
        void bobSide.refer(UserAgent.makeURI(uri(carol))!, {
          requestDelegate: { onAccept: (r) => resolve(r.message.statusCode ?? 0) },
        }),
    );
    expect(await referred).toBe(202);
    const atCarol: Invitation = await carolPhone.nextInvitation();
    expect(atCarol.remoteIdentity.uri.user).toBe(alice.extension);
    expect(atCarol.request.body).toBe(''); // the server asks Carol for the offer
    await atCarol.accept();
    await transferDone;
    expect(notifications[0]).toContain('SIP/2.0 100 Trying');
    expect(notifications.at(-1)).toContain('SIP/2.0 200 OK');
    await reaches(bobSide, SessionState.Terminated);
    // Alice got Carol's offer in a re-INVITE and Carol got Alice's answer in the ACK.
    await expect.poll(() => alicePhone.lastSdpFor(aliceSide)).toContain(`o=${carol.name} `);
    await expect.poll(() => carolPhone.lastSdpFor(atCarol as Session)).toContain(`o=${alice.name} `);
    expect(aliceSide.state).toBe(SessionState.Established);

    await aliceSide.bye();
    await reaches(atCarol, SessionState.Terminated);
    // Carol was rung; Alice still made the call she was in, now with Carol; both say Bob did it.
    await expect
      .poll(async () => (await callLog(carol))[0])
      .toMatchObject({
        direction: 'incoming',
        otherNumber: alice.extension,
        result: 'answered',
        transferredBy: by(bob),
      });
    expect((await callLog(alice)).slice(0, 2)).toMatchObject([
      { direction: 'outgoing', otherNumber: carol.extension, transferredBy: by(bob) },
      { direction: 'outgoing', otherNumber: bob.extension, transferredBy: null },
    ]);
    expect((await callLog(bob))[0]).toMatchObject({ direction: 'incoming', transferredBy: null });
  });

  it('logs a transferred callee’s part as a call they received, not one they made', async () => {
    const [alicePhone, bobPhone, carolPhone] = [
      await softphone(alice),
      await softphone(bob),
      await softphone(carol),
    ];
    // Alice calls Bob, then sends Bob on to Carol: Bob never dialled Carol.
    const { outgoing, incoming } = await connect(alicePhone, bobPhone, bob);
    outgoing.delegate = { onNotify: (notification) => void notification.accept() };
    void outgoing.refer(UserAgent.makeURI(uri(carol))!);
    const atCarol = await carolPhone.nextInvitation();
    expect(atCarol.remoteIdentity.uri.user).toBe(bob.extension);
    await atCarol.accept();
    await reaches(outgoing, SessionState.Terminated);
    await reaches(atCarol, SessionState.Established);
    await atCarol.bye();
    await reaches(incoming, SessionState.Terminated);
    await expect
      .poll(async () => (await callLog(bob))[0])
      .toMatchObject({ direction: 'incoming', otherNumber: carol.extension, transferredBy: by(alice) });
    expect((await callLog(carol))[0]).toMatchObject({
      direction: 'incoming',
      otherNumber: bob.extension,
      transferredBy: by(alice),
    });
  });

  /** `from` calls `to` and `to` answers: both sides' sessions, established. */
  async function connect(from: TestPhone, to: TestPhone, callee: Person) {
    const { session: outgoing, final } = from.dial(uri(callee));
    const incoming = await to.nextInvitation();
    await incoming.accept();
    expect(await final).toBe(200);
    await reaches(outgoing, SessionState.Established);
    await expect.poll(() => ackAwaited(incoming)).toBe(false);
    return { outgoing, incoming };
  }

  /** Sends DTMF over INFO from one session and resolves with what the other one received. */
  function dtmfArrives(from: Session, to: Session, signal: string): Promise<string> {
    const received = new Promise<string>((resolve) => {
      to.delegate = {
        onInfo: (info) => {
          void info.accept();
          resolve(info.request.body);
        },
      };
    });
    void from.info({
      requestOptions: {
        body: {
          contentDisposition: 'render',
          contentType: 'application/dtmf-relay',
          content: `Signal=${signal}`,
        },
      },
    });
    return received;
  }

  /** The Replaces header value naming a session's dialog, as sip.js builds it for attended transfer. */
  const replacesOf = (session: Session) =>
    `${session.dialog!.callId};to-tag=${session.dialog!.remoteTag};from-tag=${session.dialog!.localTag}`;

  it('transfers attended with REFER and Replaces: the held party and the consulted party are joined, the transferor leaves', async () => {
    const [alicePhone, bobPhone, carolPhone] = [
      await softphone(alice),
      await softphone(bob),
      await softphone(carol),
    ];
    const aliceLogBefore = (await callLog(alice)).length;
    const toBob = await connect(alicePhone, bobPhone, bob);
    const held = new Promise<number>(
      (resolve) =>
        void toBob.outgoing.invite({
          sessionDescriptionHandlerOptions: { hold: true } as object,
          requestDelegate: { onAccept: (r) => resolve(r.message.statusCode ?? 0) },
        }),
    );
    expect(await held).toBe(200);
    expect(bobPhone.lastSdpFor(toBob.incoming)).toContain('a=sendonly');
    const toCarol = await connect(alicePhone, carolPhone, carol);

    const notifications: string[] = [];
    const transferDone = new Promise<void>((resolve) => {
      toBob.outgoing.delegate = {
        onNotify: (notification) => {
          void notification.accept();
          notifications.push(notification.request.body);
          if (notification.request.body.includes('SIP/2.0 200')) resolve();
        },
      };
    });
    const referred = new Promise<number>(
      (resolve) =>
        void toBob.outgoing.refer(toCarol.outgoing, {
          requestDelegate: { onAccept: (r) => resolve(r.message.statusCode ?? 0) },
        }),
    );
    expect(await referred).toBe(202);
    await transferDone;
    expect(notifications).toEqual(['SIP/2.0 100 Trying\r\n', 'SIP/2.0 200 OK\r\n']);
    // Both of Alice's legs end.
    await reaches(toBob.outgoing, SessionState.Terminated);
    await reaches(toCarol.outgoing, SessionState.Terminated);
    // Carol was asked for a fresh offer, Bob answered it (off hold), and Carol got the answer in the ACK.
    await expect.poll(() => bobPhone.lastSdpFor(toBob.incoming)).toContain(`o=${carol.name} `);
    expect(bobPhone.lastSdpFor(toBob.incoming)).toContain('a=sendrecv');
    await expect.poll(() => carolPhone.lastSdpFor(toCarol.incoming)).toContain(`o=${bob.name} `);
    expect(toBob.incoming.state).toBe(SessionState.Established);
    expect(toCarol.incoming.state).toBe(SessionState.Established);

    // Bob and Carol now talk through one call of their own.
    expect(await dtmfArrives(toBob.incoming, toCarol.incoming, '7')).toBe('Signal=7');
    await toCarol.incoming.bye();
    await reaches(toBob.incoming, SessionState.Terminated);

    // Bob was called by Alice and Carol too: neither dialled the other, and Alice joined them.
    await expect
      .poll(async () => (await callLog(carol))[0])
      .toMatchObject({
        direction: 'incoming',
        otherNumber: bob.extension,
        result: 'answered',
        transferredBy: by(alice),
      });
    expect((await callLog(bob))[0]).toMatchObject({
      direction: 'incoming',
      otherNumber: carol.extension,
      result: 'answered',
      transferredBy: by(alice),
    });
    const aliceRows = (await callLog(alice)).slice(0, (await callLog(alice)).length - aliceLogBefore);
    expect(aliceRows.map((row) => [row.otherNumber, row.result]).sort()).toEqual(
      [
        [bob.extension, 'answered'],
        [carol.extension, 'answered'],
      ].sort(),
    );
  });

  it("refuses a Replaces that names someone else's call, in REFER and in INVITE, and the call goes on", async () => {
    const [alicePhone, bobPhone, carolPhone, davePhone] = [
      await softphone(alice),
      await softphone(bob),
      await softphone(carol),
      await softphone(dave),
    ];
    const victim = await connect(alicePhone, bobPhone, bob);
    const own = await connect(davePhone, carolPhone, carol);

    // Dave learnt the ids of Alice's call and asks to have Carol joined to Bob in her place.
    const referred = new Promise<number>(
      (resolve) =>
        void own.outgoing.refer(victim.outgoing, {
          requestDelegate: { onReject: (r) => resolve(r.message.statusCode ?? 0) },
        }),
    );
    expect(await referred).toBe(403);
    // … or to take Alice's place himself.
    expect(await davePhone.dial(uri(bob), [`Replaces: ${replacesOf(victim.outgoing)}`]).final).toBe(403);
    // A dialog that does not exist, or whose tags are guessed wrong.
    const wrongTag = `${victim.outgoing.dialog!.callId};to-tag=guess;from-tag=${victim.outgoing.dialog!.localTag}`;
    expect(await alicePhone.dial(uri(bob), [`Replaces: ${wrongTag}`]).final).toBe(481);
    expect(await alicePhone.dial(uri(bob), ['Replaces: no-tags-at-all']).final).toBe(400);

    // Nor by a REFER forged in her call's dialog, ids and all, from another connection.
    const forger = await wsPeer(sip.ports.ws);
    const dialog = victim.outgoing.dialog!;
    forger.send(
      [
        `REFER ${uri(bob)} SIP/2.0`,
        'Via: SIP/2.0/WS forged.invalid;branch=z9hG4bKforgedrefer1',
        'Max-Forwards: 70',
        `From: <${uri(alice)}>;tag=${dialog.localTag}`,
        `To: <${uri(bob)}>;tag=${dialog.remoteTag}`,
        `Call-ID: ${dialog.callId}`,
        'CSeq: 99 REFER',
        `Refer-To: <${uri(dave)}>`,
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n'),
    );
    expect((await forger.next()).toString()).toMatch(/^SIP\/2\.0 403 /);
    forger.close();

    expect(victim.outgoing.state).toBe(SessionState.Established);
    expect(await dtmfArrives(victim.outgoing, victim.incoming, '1')).toBe('Signal=1');
    expect(await dtmfArrives(own.outgoing, own.incoming, '2')).toBe('Signal=2');
    await victim.outgoing.bye();
    await own.outgoing.bye();
    await reaches(victim.incoming, SessionState.Terminated);
    await reaches(own.incoming, SessionState.Terminated);
  });

  it('lets another device of the same extension take a call over with INVITE and Replaces', async () => {
    const [alicePhone, bobPhone] = [await softphone(alice), await softphone(bob)];
    const aliceDesk = await deskPhone(alice);
    const call = await connect(alicePhone, bobPhone, bob);

    const takeOver = aliceDesk.dial(uri(bob), [`Replaces: ${replacesOf(call.outgoing)}`]);
    expect(await takeOver.final).toBe(200);
    await reaches(takeOver.session, SessionState.Established);
    await reaches(call.outgoing, SessionState.Terminated);
    // Bob was offered the desk phone's description and the desk phone got Bob's answer.
    expect(bobPhone.lastSdpFor(call.incoming)).toContain(`o=${aliceDesk.name} `);
    expect(aliceDesk.lastSdpFor(takeOver.session)).toContain(`o=${bob.name} `);
    expect(await dtmfArrives(takeOver.session, call.incoming, '9')).toBe('Signal=9');
    await call.incoming.bye();
    await reaches(takeOver.session, SessionState.Terminated);
    // The same call on Alice's other phone: still hers to Bob, and nobody transferred it.
    await expect
      .poll(async () => (await callLog(alice))[0])
      .toMatchObject({ direction: 'outgoing', otherNumber: bob.extension, transferredBy: null });
    expect((await callLog(bob))[0]).toMatchObject({
      direction: 'incoming',
      otherNumber: alice.extension,
      transferredBy: null,
    });
  });
});
