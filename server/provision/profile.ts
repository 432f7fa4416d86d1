// Everything a desk phone's configuration says, gathered once from the directory, the company
// settings and the running SIP service; each vendor's files are written from it.
import { findDeskPhoneModel, type DeskPhoneModel } from '../../common/api/desk-phone-models';
import type { SipTransport } from '../../common/api/devices';
import type { Language } from '../../common/api/preferences';
import type { ServerConfig } from '../config';
import type { OfficeDb } from '../db/database';
import type { CompanySettings } from '../directory/company-settings';
import { readPhoneRecord } from '../directory/desk-phones';
import { mailLanguageOf } from '../mail/language';
import type { SecretBox } from '../secrets/secret-box';
import type { RunningSip } from '../sip/running-sip';
import { OWN_MAILBOX_CODE } from '../sip/calls/voicemail-access';
import type { Clock } from '../time';
import { timeZoneRules, type TimeZoneRules } from './time-zone';

/**
 * The codecs offered, in order: G.711 first, which the office records, plays and bridges to the
 * app's softphone without transcoding; G.722 for wideband between two desk phones.
 */
export const PHONE_CODECS = ['PCMU', 'PCMA', 'G722'] as const;
/** RFC 4733 telephone-event, the payload type the office offers for it. */
export const DTMF_PAYLOAD_TYPE = 101;

export interface PhoneProfile {
  /** 12 lowercase hex digits, as phones write it in their file names. */
  mac: string;
  model: DeskPhoneModel;
  /** The phone's account; null for a phone in the free pool (it registers nowhere). */
  line: {
    extension: string;
    displayName: string;
    authUsername: string;
    password: string;
  } | null;
  /** `domain` is the registrar's (the To of a REGISTER); requests go to the outbound proxy. */
  sip: { domain: string; proxyHost: string; proxyPort: number; transport: SipTransport };
  voicemailNumber: string;
  timeZone: TimeZoneRules;
  language: Language;
  /** Colleagues on the BLF keys, in key order. */
  blf: { extension: string; label: string }[];
}

export interface ProfileServices {
  db: OfficeDb;
  clock: Clock;
  secrets: SecretBox;
  company: CompanySettings;
  config: Pick<ServerConfig, 'sipDomain' | 'publicAddress'>;
  runningSip: RunningSip;
}

/** Rules of the zones asked for, by zone and year: working them out takes a few milliseconds. */
const rulesSeen = new Map<string, TimeZoneRules>();

function rulesOf(zone: string, year: number): TimeZoneRules {
  const key = `${zone} ${year}`;
  let rules = rulesSeen.get(key);
  if (!rules) {
    rules = timeZoneRules(zone, year);
    if (rulesSeen.size >= 64) rulesSeen.clear();
    rulesSeen.set(key, rules);
  }
  return rules;
}

/**
 * The profile of a provisioned desk phone, 'sip-down' while the SIP service does not run (its
 * ports are unknown), or null when the device is gone or no longer one the office provisions.
 */
export async function loadPhoneProfile(
  services: ProfileServices,
  deviceId: string,
): Promise<PhoneProfile | 'sip-down' | null> {
  const record = await readPhoneRecord(services.db, deviceId);
  const model = record && findDeskPhoneModel(record.model);
  if (!record || !model || !record.mac) return null;
  const ports = services.runningSip.ports;
  if (!ports) return 'sip-down';
  const company = await services.company.get();
  const { line } = record;
  return {
    mac: record.mac.replace(/:/g, '').toLowerCase(),
    model,
    line: line && {
      extension: line.extension,
      displayName: line.displayName,
      authUsername: line.sipUsername,
      password: services.secrets.unseal(line.sipPasswordSealed),
    },
    sip: {
      domain: services.config.sipDomain,
      proxyHost: services.config.publicAddress,
      proxyPort: record.sipTransport === 'tcp' ? ports.tcp : ports.udp,
      transport: record.sipTransport,
    },
    voicemailNumber: OWN_MAILBOX_CODE,
    timeZone: rulesOf(company.time_zone, new Date(services.clock()).getUTCFullYear()),
    language: mailLanguageOf(line?.language ?? null, company.language),
    blf: record.blf,
  };
}
