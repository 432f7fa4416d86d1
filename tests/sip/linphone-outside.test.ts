// linphone-cli as an outside phone: registered (digest) to the carrier (Kamailio) as a subscriber
// with its own number, on a network namespace's link, the carrier listening on the link's host
// side and the office (its registration trunk registered as the company's number) too. Every
// call is challenged by the carrier (407) before it is relayed to whoever registered the number.
// linphone calls the company's number, routed to Ana's softphone (sip.js with werift WebRTC
// media); Ana calls linphone's number, dialled nationally. Each side hears the other's tone:
// linphone's recording read by toneStretches, the softphone's audio by Goertzel.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Invitation } from 'sip.js';
import { Carrier, CARRIER_REALM } from '../support/carrier/carrier';
import { TrunkAdmin } from '../support/carrier/trunks';
import { createNamespace, type Namespace } from '../support/netns';
import { Linphone } from '../support/linphone';
import { wavSamples } from '../support/audio';
import { toneStretches } from '../support/tone';
import { DOMAIN, type SipOffice } from '../support/sip-office';
import { parseNameAddr, parseSipUri } from '../../server/sip/fields';
import { adminApi } from './trunk-front-desk';
import { POLL, callLogOf, expectTone, softphoneOf, startMixedOffice, type Softphone } from './mixed-office';
import { SessionState, reaches } from './softphone';

/** The company's number, Ana's direct number: the trunk registers it at the carrier. */
const COMPANY_NUMBER = '+34910000001';
const LINPHONE_NUMBER = '+34611222333';
const OFFICE_ACCOUNT = { username: COMPANY_NUMBER, password: 'Carrier-secret-1' };
const LINPHONE_ACCOUNT = { username: LINPHONE_NUMBER, password: 'Carrier-secret-2' };
const ANA_HZ = 440;
const LINPHONE_HZ = 1000;

describe('linphone as an outside phone behind the carrier', { timeout: 60_000 }, () => {
  let ns: Namespace;
  let carrier: Carrier;
  let office: SipOffice & { admin: string };
  let ana: Softphone;
  let dan: Linphone;

  /**
   * Once both hear each other: linphone hears Ana a while, `hangUp` ends the call (either side),
   * and then linphone's recording holds over a second of Ana's tone and her log shows linphone's
   * number, answered.
   */
  const talkThenHangUp = async (
    recording: string,
    hangUp: () => Promise<unknown>,
    direction: 'incoming' | 'outgoing',
  ) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const from = dan.mark();
    await hangUp();
    await dan.waitFor(/ended/, from);
    await expect.poll(() => office.sip.calls.activeCalls, POLL).toBe(0);
    const { samples, rate } = await wavSamples(recording);
    const heard = toneStretches(samples, rate, ANA_HZ).reduce((sum, stretch) => sum + stretch.seconds, 0);
    expect(heard).toBeGreaterThan(1);
    expect((await callLogOf(office, ana.token))[0]).toMatchObject({
      direction,
      otherNumber: LINPHONE_NUMBER,
      result: 'answered',
    });
  };

  beforeAll(async () => {
    // Apart from the other linphone tests' namespaces (8–63), should they run at once.
    ns = await createNamespace(process.pid % 8);
    // The office and the carrier on the link's host side, where linphone reaches both.
    const carrierStarted = Carrier.start({
      subscribers: [OFFICE_ACCOUNT, LINPHONE_ACCOUNT],
      challengeCalls: true,
      address: ns.hostAddress,
    }).then((started) => (carrier = started));
    const officeStarted = startMixedOffice(4, {
      sipHost: ns.hostAddress,
      publicAddress: ns.hostAddress,
    }).then((started) => (office = started));
    const linphone = async () => {
      await carrierStarted;
      dan = await Linphone.start(
        ns,
        {
          extension: LINPHONE_NUMBER,
          domain: CARRIER_REALM,
          proxy: { host: carrier.address, port: carrier.port },
          device: { sipUsername: LINPHONE_ACCOUNT.username, sipPassword: LINPHONE_ACCOUNT.password },
        },
        LINPHONE_HZ,
      );
    };
    const anaAndTrunk = async () => {
      await officeStarted;
      const api = adminApi(() => office);
      ana = await softphoneOf(office, 'Ana Softphone', ANA_HZ);
      await api('PATCH', '/admin/company', { country: 'ES' });
      await api('POST', '/admin/phone-numbers', {
        number: COMPANY_NUMBER,
        routeType: 'extension',
        routeTarget: ana.extension,
      });
      await carrierStarted;
      const trunks = new TrunkAdmin(() => office.office);
      const trunk = await trunks.create({
        kind: 'registration',
        name: 'Kamailio carrier',
        host: carrier.address,
        port: carrier.port,
        registration: { ...OFFICE_ACCOUNT, domain: CARRIER_REALM },
      });
      // (TrunkAdmin.until polls with expect, which a hook may not.)
      await vi.waitFor(
        async () => expect((await trunks.get(trunk.id)).status.state).toBe('registered'),
        POLL,
      );
    };
    await Promise.all([carrierStarted, officeStarted, linphone(), anaAndTrunk()]);
  }, 60_000);
  afterAll(async () => {
    await dan?.stop();
    await ana?.phone.stop();
    await ana?.media.close();
    await office?.close();
    await carrier?.close();
    await ns?.remove();
  });

  it('linphone calls the company’s number: the softphone it routes to answers, both hear each other, the log shows linphone’s number', async () => {
    const recording = dan.recordTo('inbound.wav');
    const from = dan.mark();
    dan.call(COMPANY_NUMBER);
    const invitation: Invitation = await ana.phone.nextInvitation(10_000);
    expect(invitation.request.from.uri.user).toBe(LINPHONE_NUMBER);
    await invitation.accept();
    await dan.waitFor(/connected/, from);
    await expectTone(ana.media.of(invitation).hearing, LINPHONE_HZ);
    await talkThenHangUp(recording, async () => dan.say('terminate'), 'incoming');
  });

  it('the softphone calls linphone’s number dialled nationally: out through the trunk, with the direct number as caller ID', async () => {
    const recording = dan.recordTo('outbound.wav');
    const from = dan.mark();
    const { session, final } = ana.phone.dial(`sip:611222333@${DOMAIN}`);
    const ringing = await dan.waitFor(/Receiving new incoming call from ([^\n]*)/, from);
    // linphone was told the company's number in From; the carrier saw it in P-Asserted-Identity.
    expect(ringing[1]).toContain(`sip:${COMPANY_NUMBER}@`);
    expect(parseSipUri(parseNameAddr(await carrier.lastAssertedIdentity()).uri).user).toBe(COMPANY_NUMBER);
    dan.say('answer');
    expect(await final).toBe(200);
    await expectTone(ana.media.of(session).hearing, LINPHONE_HZ);
    await talkThenHangUp(
      recording,
      async () => {
        await session.bye();
        await reaches(session, SessionState.Terminated);
      },
      'outgoing',
    );
  });
});
