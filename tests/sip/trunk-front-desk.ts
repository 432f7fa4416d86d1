// What the trunk tests of the receptionist share: an office in Spain with the media agent and
// Ana's softphone, the super admin's calls to its API, and stopping it all. The receptionist on the
// main number is tests/support/carrier/main-number.ts's.
import { expect } from 'vitest';
import type { SipOffice } from '../support/sip-office';
import { softphoneOf, startMixedOffice, type Softphone } from './mixed-office';

export type AdminApi = (
  method: 'POST' | 'PATCH',
  url: string,
  body: unknown,
) => Promise<Record<string, unknown> & { extension?: string }>;

/** The super admin's request, which must succeed: its body. */
export const adminApi =
  (office: () => SipOffice & { admin: string }): AdminApi =>
  async (method, url, body) => {
    const answer = await office().office.request(method, url, { token: office().admin, body });
    expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
    return answer.body;
  };

export interface FrontDeskOffice {
  office: SipOffice & { admin: string };
  api: AdminApi;
  /** A softphone playing 440 Hz. */
  ana: Softphone;
}

/** An office with the media agent, its company in Spain, and Ana's softphone named `anaName`. */
export async function startFrontDeskOffice(anaName: string): Promise<FrontDeskOffice> {
  const office = await startMixedOffice(4);
  const api = adminApi(() => office);
  await api('PATCH', '/admin/company', { country: 'ES' });
  return { office, api, ana: await softphoneOf(office, anaName, 440) };
}

/** Stops the office and what the test started beside it (whatever set-up got as far as). */
export async function stopFrontDeskOffice(
  started: FrontDeskOffice | undefined,
  beside: ({ close(): void } | undefined)[],
): Promise<void> {
  for (const closable of beside) closable?.close();
  await started?.ana.phone.stop();
  await started?.ana.media.close();
  await started?.office.close();
}
