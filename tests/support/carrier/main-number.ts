// What a test of outside callers at the receptionist starts from: the company's main number
// answered by a receptionist open at all hours with one menu, and an IP trunk to a carrier's
// border controller for the calls to come in by.
import { expect, vi } from 'vitest';
import type { MenuOption } from '../../../common/api/receptionists';
import type { SipOffice } from '../sip-office';
import type { CarrierSbc } from './carrier-sbc';
import { TrunkAdmin } from './trunks';

const ALL_DAY = [{ from: '00:00', to: '24:00' }];
const WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** A receptionist greeting with `greeting` (spoken) and taking `options`, answering `mainNumber`. */
export async function receptionistAtMainNumber(
  office: SipOffice,
  admin: string,
  mainNumber: string,
  menu: { greeting: string; options: MenuOption[] },
): Promise<{ id: string; extension: string }> {
  const api = async (method: 'POST' | 'PATCH', url: string, body: unknown) => {
    const answer = await office.office.request(method, url, { token: admin, body });
    expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
    return answer.body;
  };
  const receptionist = await api('POST', '/admin/receptionists', {
    name: 'Front desk',
    hours: Object.fromEntries(WEEK.map((day) => [day, ALL_DAY])),
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
    number: mainNumber,
    routeType: 'receptionist',
    routeTarget: receptionist.extension,
  });
  await api('PATCH', '/admin/company', { mainNumber });
  return receptionist;
}

/**
 * An IP trunk to `carrier` that takes calls from `addresses` and the carrier's own; resolves once
 * the office found the carrier up.
 */
export async function ipTrunkTo(
  office: SipOffice,
  carrier: CarrierSbc,
  addresses: string[],
  settings: Record<string, unknown> = {},
): Promise<void> {
  await new TrunkAdmin(() => office.office).create({
    kind: 'ip',
    name: 'Carrier SBC',
    host: carrier.address,
    port: carrier.port,
    addresses: [...addresses, carrier.address],
    ...settings,
  });
  await vi.waitFor(() => expect(office.sip.trunks.forOutbound()).toHaveLength(1), { timeout: 10_000 });
}
