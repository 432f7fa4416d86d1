// What administrators change of the company: its details, security settings (a super admin's
// alone), language, time zone and main number (a super admin's too). Language and time zone are in every
// provisioned desk phone's configuration, so when either changes those phones are told to fetch
// it again; the SIP digest choice is read again by the SIP service.
import type { Company, CompanyPatch } from '../../common/api/company';
import type { OfficeDb } from '../db/database';
import type { Clock } from '../time';
import type { CompanySettings } from '../directory/company-settings';
import type { DirectoryEvents } from '../directory/events';
import { writeAudit } from '../directory/audit';
import { toCompany } from '../directory/company';
import { everyDeskPhone } from '../directory/desk-phones';
import { findMainNumber } from '../directory/phone-numbers';
import { assertMayChangeSecurity, type AdminActor } from './authority';

export interface CompanyAdminServices {
  db: OfficeDb;
  clock: Clock;
  company: CompanySettings;
  events: DirectoryEvents;
}

export async function changeCompany(
  services: CompanyAdminServices,
  actor: AdminActor,
  patch: CompanyPatch,
): Promise<Company> {
  if (patch.security !== undefined) assertMayChangeSecurity(actor, 'the security settings', 'body.security');
  // The main number signs in the super admin: it is theirs to choose.
  if (patch.mainNumber !== undefined) assertMayChangeSecurity(actor, 'the main number', 'body.mainNumber');
  if (patch.outsideCalls !== undefined)
    assertMayChangeSecurity(actor, 'the limits on outside calls', 'body.outsideCalls');
  const before = await services.company.get();
  const updated = await services.company.update(patch);
  await writeAudit(
    services.db,
    services.clock(),
    actor,
    'company.updated',
    { type: 'company', id: null },
    {
      ...patch,
    },
  );
  if (patch.security?.sipDigestAlgorithms !== undefined) services.events.emit('sip-digest-changed');
  // The console sends every field on each save: only a real change reaches the phones.
  if (updated.language !== before.language || updated.time_zone !== before.time_zone)
    services.events.emit('desk-phone-configs-changed', await everyDeskPhone(services.db));
  return toCompany(updated, await findMainNumber(services.db));
}
