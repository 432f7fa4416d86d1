// What the trunk tests of the receptionist share: an office in Spain with the media agent and
// Ana's softphone, the super admin's calls to its API, a receptionist open all day every day with
// one menu that answers a phone number, and stopping it all.
import { expect } from 'vitest';
import type { SipOffice } from '../support/sip-office';
import { softphoneOf, startMixedOffice, type Softphone } from './mixed-office';

const ALL_DAY = [{ from: '00:00', to: '24:00' }];
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

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

/** A receptionist named `name`, its one menu saying `greeting` and offering `options`, answers `number`. */
export async function frontDeskAnswering(
  api: AdminApi,
  number: string,
  menu: { name: string; greeting: string; options: unknown[] },
): Promise<void> {
  const receptionist = await api('POST', '/admin/receptionists', {
    name: menu.name,
    hours: Object.fromEntries(DAYS.map((day) => [day, ALL_DAY])),
    holidays: [],
    menus: [
      {
        id: 'main',
        greeting: { kind: 'text', text: menu.greeting },
        options: menu.options,
        timeoutSeconds: 20,
        fallback: { type: 'hang-up' },
      },
    ],
    openMenu: 'main',
    closedMenu: 'main',
    holidayMenu: 'main',
  });
  await api('POST', '/admin/phone-numbers', {
    number,
    routeType: 'receptionist',
    routeTarget: receptionist.extension,
  });
}

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
