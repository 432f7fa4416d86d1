// Registration trunks against a carrier on loopback (Kamailio, tests/support/carrier): the office
// registers with digest, refreshes, says why it failed and when it tries again, registers again
// after the carrier restarts, and calls out would fail over to the next trunk when one is down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMessage, type SipResponse } from '../../server/sip/message';
import { Carrier, CARRIER_REALM } from '../support/carrier/carrier';
import { QUICK_TRUNKS, TrunkAdmin } from '../support/carrier/trunks';
import { startSipOffice, useSipOffice, type SipOffice } from '../support/sip-office';
import { makeCertificate } from '../support/certificate';
import { freeTcpPort } from '../../server/free-port';
import { udpPeer } from './support';

const OFFICE = { username: 'office', password: 'Carrier-secret-1' };
const SECOND = { username: 'branch', password: 'Carrier-secret-2' };

const registration = (carrier: Carrier, subscriber = OFFICE, extra: Record<string, unknown> = {}) => ({
  kind: 'registration',
  host: '127.0.0.1',
  port: carrier.port,
  registration: { ...subscriber, domain: CARRIER_REALM },
  ...extra,
});

/** The final answer to a request sent over UDP to `port`, provisional answers skipped. */
async function finalAnswer(port: number, request: string): Promise<SipResponse> {
  const caller = await udpPeer(port);
  try {
    caller.send(request);
    for (;;) {
      const message = parseMessage(await caller.next(5_000));
      if (message.kind === 'response' && message.status >= 200) return message;
    }
  } finally {
    caller.close();
  }
}

function inviteTo(user: string, port: number): string {
  const id = Math.random().toString(36).slice(2);
  return [
    `INVITE sip:${user}@${CARRIER_REALM} SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:${port};branch=z9hG4bK${id};rport`,
    'Max-Forwards: 70',
    `To: <sip:${user}@${CARRIER_REALM}>`,
    `From: <sip:+15550001111@${CARRIER_REALM}>;tag=${id}`,
    `Call-ID: ${id}@outside.test`,
    'CSeq: 1 INVITE',
    `Contact: <sip:+15550001111@127.0.0.1:${port}>`,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

/** A REGISTER without credentials: what the carrier challenges with. */
function registerWithout(user: string, port: number): string {
  const id = Math.random().toString(36).slice(2);
  return [
    `REGISTER sip:${CARRIER_REALM} SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:${port};branch=z9hG4bK${id};rport`,
    'Max-Forwards: 70',
    `To: <sip:${user}@${CARRIER_REALM}>`,
    `From: <sip:${user}@${CARRIER_REALM}>;tag=${id}`,
    `Call-ID: ${id}@outside.test`,
    'CSeq: 1 REGISTER',
    `Contact: <sip:${user}@127.0.0.1:${port}>`,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

describe('registration trunks against a carrier', () => {
  const sip = useSipOffice({}, QUICK_TRUNKS);
  const trunks = new TrunkAdmin(() => sip.office);
  let carrier: Carrier;

  beforeAll(async () => {
    carrier = await Carrier.start({ subscribers: [OFFICE, SECOND], maxExpires: 4 });
  });
  afterAll(() => carrier?.close());

  it('registers with digest, and a call to its number through the carrier reaches the office', async () => {
    const trunk = await trunks.create({ name: 'Carrier A', ...registration(carrier) });
    expect(trunk.registration).toMatchObject({ username: 'office', passwordSet: true });
    expect(JSON.stringify(trunk)).not.toContain(OFFICE.password);
    const registered = await trunks.until(trunk.id, 'registered');
    expect(registered.status.lastError).toBeNull();

    const bindings = await carrier.bindings();
    const binding = bindings.find((b) => b.aor === 'office');
    expect(binding?.contact).toMatch(
      new RegExp(`^sip:trunk-[0-9a-f]{24}@127\\.0\\.0\\.1:${sip.sip.ports.udp}$`),
    );

    // An outside caller dials the trunk's number at the carrier: the carrier finds the office's
    // registration and relays the call there, which takes it (and refuses it: no number of the
    // office is called).
    const answer = await finalAnswer(carrier.port, inviteTo('office', 40000));
    expect(answer.status).toBe(404);
    expect(answer.reason).toContain('not a number of this office');
    await trunks.remove(trunk.id);
    await expect.poll(async () => (await carrier.bindings()).some((b) => b.aor === 'office')).toBe(false);
  });

  it('refreshes before the carrier’s registration runs out', async () => {
    const trunk = await trunks.create({ name: 'Refreshing', ...registration(carrier, SECOND) });
    const first = await trunks.until(trunk.id, 'registered');
    const cseqOf = async () => (await carrier.bindings()).find((b) => b.aor === 'branch')?.cseq ?? 0;
    const firstCseq = await cseqOf();
    // The carrier grants 4 s at most: the office registers again after 2 s, and again after that.
    await expect.poll(cseqOf, { timeout: 6_000, interval: 200 }).toBeGreaterThan(firstCseq + 1);
    const later = await trunks.get(trunk.id);
    expect(later.status.state).toBe('registered');
    expect(Date.parse(later.status.registeredUntil!)).toBeGreaterThan(
      Date.parse(first.status.registeredUntil!),
    );
    expect(Date.parse(later.status.registeredUntil!) - Date.now()).toBeLessThanOrEqual(4_000);
    await trunks.remove(trunk.id);
  });

  it('says the password is wrong, when it tries again, and registers once it is put right', async () => {
    const trunk = await trunks.create({
      name: 'Wrong password',
      ...registration(carrier, { ...OFFICE, password: 'not-the-password' }),
    });
    const failed = await trunks.until(trunk.id, 'failed');
    expect(failed.status.lastError).toMatchObject({ code: 'wrong-credentials', detail: '401 Unauthorized' });
    expect(Date.parse(failed.status.retryAt!)).toBeGreaterThan(Date.parse(failed.status.lastError!.at) - 1);
    expect((await carrier.bindings()).some((b) => b.aor === 'office')).toBe(false);
    // It keeps trying, waiting longer each time, and keeps failing.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await trunks.get(trunk.id)).status.lastError?.code).toBe('wrong-credentials');

    await trunks.change(trunk.id, { registration: { password: OFFICE.password } });
    const fixed = await trunks.until(trunk.id, 'registered');
    expect(fixed.status.retryAt).toBeNull();
    expect((await carrier.bindings()).some((b) => b.aor === 'office')).toBe(true);
    await trunks.remove(trunk.id);
  });

  it('registers again after the carrier restarts', async () => {
    const trunk = await trunks.create({ name: 'Restarting', ...registration(carrier) });
    await trunks.until(trunk.id, 'registered');
    const hasBinding = async () => (await carrier.bindings()).some((b) => b.aor === 'office');

    // Down for a while: its OPTIONS and refreshes go unanswered, and the office says so.
    await carrier.halt();
    const down = await trunks.until(trunk.id, 'failed');
    expect(down.status.lastError?.code).toBe('no-answer');
    expect(down.status.retryAt).not.toBeNull();
    await carrier.run();
    await trunks.until(trunk.id, 'registered');
    expect(await hasBinding()).toBe(true);

    // Back at once, its registrations forgotten: the next refresh's answer to the old nonce is
    // refused with a new challenge, answered, and the registration is back.
    await carrier.halt();
    await carrier.run();
    expect(await hasBinding()).toBe(false);
    await expect.poll(hasBinding, { timeout: 5_000, interval: 200 }).toBe(true);
    expect((await trunks.get(trunk.id)).status.state).toBe('registered');
    await trunks.remove(trunk.id);
  });

  it('over TCP, registers again as soon as the carrier closes the connection', async () => {
    const trunk = await trunks.create({
      name: 'Over TCP',
      ...registration(carrier, SECOND, { transport: 'TCP' }),
      registration: { ...SECOND, domain: CARRIER_REALM, expires: 600 },
    });
    await trunks.until(trunk.id, 'registered');
    const binding = async () => (await carrier.bindings()).find((b) => b.aor === 'branch');
    expect((await binding())?.contact).toContain(';transport=tcp');
    await carrier.halt();
    await carrier.run();
    await expect
      .poll(async () => (await binding()) !== undefined, { timeout: 5_000, interval: 200 })
      .toBe(true);
    await trunks.remove(trunk.id);
  });
});

describe('failover between registration trunks', () => {
  const sip = useSipOffice({}, QUICK_TRUNKS);
  const trunks = new TrunkAdmin(() => sip.office);
  let first: Carrier;
  let second: Carrier;

  beforeAll(async () => {
    [first, second] = await Promise.all([
      Carrier.start({ subscribers: [OFFICE] }),
      Carrier.start({ subscribers: [OFFICE], algorithm: 'SHA-256' }),
    ]);
  });
  afterAll(() => Promise.all([first?.close(), second?.close()]));

  it('offers calls out the trunks in order, passing over one whose carrier is down', async () => {
    const outbound = () => sip.sip.trunks.forOutbound().map((trunk) => trunk.config.name);
    const a = await trunks.create({ name: 'First choice', order: 1, ...registration(first) });
    // The second carrier challenges with SHA-256 (RFC 8760) alone: answered the same way.
    const challenge = await finalAnswer(second.port, registerWithout('office', 40001));
    expect(challenge.headers.getAll('WWW-Authenticate')).toEqual([
      expect.stringContaining('algorithm=SHA-256'),
    ]);
    const b = await trunks.create({ name: 'Second choice', order: 2, ...registration(second) });
    await trunks.until(a.id, 'registered');
    await trunks.until(b.id, 'registered');
    expect(outbound()).toEqual(['First choice', 'Second choice']);

    await first.halt();
    await trunks.until(a.id, 'failed');
    expect(outbound()).toEqual(['Second choice']);
    await first.run();
    await trunks.until(a.id, 'registered');
    expect(outbound()).toEqual(['First choice', 'Second choice']);

    // The order is the admin's to change, at once and without registering again.
    await trunks.change(b.id, { order: 1 });
    await trunks.change(a.id, { order: 5 });
    await expect.poll(outbound).toEqual(['Second choice', 'First choice']);
    expect((await trunks.get(a.id)).status.state).toBe('registered');
  });
});

describe('a registration trunk over TLS', () => {
  let carrier: Carrier;
  let sip: SipOffice;
  const trunks = new TrunkAdmin(() => sip.office);

  beforeAll(async () => {
    const [office, ofCarrier] = await Promise.all([makeCertificate(), makeCertificate()]);
    carrier = await Carrier.start({ subscribers: [OFFICE], tls: ofCarrier });
    sip = await startSipOffice(
      {
        sipTls: {
          certFile: office.certFile,
          keyFile: office.keyFile,
          tlsPort: 0,
          wssPort: await freeTcpPort(),
          carrierCaFile: ofCarrier.certFile,
        },
      },
      QUICK_TRUNKS,
    );
  }, 30_000);
  afterAll(async () => {
    await sip?.close();
    await carrier?.close();
  });

  it('registers to a carrier whose certificate it trusts, and refuses one whose certificate names another host', async () => {
    const trunk = await trunks.create({
      name: 'Secure',
      ...registration(carrier, OFFICE, { transport: 'TLS', port: carrier.tlsPort }),
    });
    await trunks.until(trunk.id, 'registered');
    expect((await carrier.bindings()).find((b) => b.aor === 'office')?.contact).toContain(';transport=tls');

    // The certificate names 127.0.0.1, not localhost: no connection, and the office says why.
    const misnamed = await trunks.create({
      name: 'Misnamed',
      ...registration(carrier, OFFICE, { transport: 'TLS', port: carrier.tlsPort, host: 'localhost' }),
    });
    const failed = await trunks.until(misnamed.id, 'failed');
    expect(failed.status.lastError).toMatchObject({
      code: 'tls',
      detail: expect.stringContaining('localhost'),
    });
  });
});
