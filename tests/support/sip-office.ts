// An office with its SIP service on loopback: every SIP test starts from one.
import { afterAll, beforeAll } from 'vitest';
import type { ServerConfig } from '../../server/config';
import { startSipService, type SipService } from '../../server/sip/service';
import type { SipServiceSettings } from '../../server/sip/settings';
import { TestOffice } from './office';
import { freeTcpPort } from '../../server/free-port';
import { makeCertificate, type TestCertificate } from './certificate';

export const DOMAIN = 'office.example.com';

export interface SipOffice {
  office: TestOffice;
  sip: SipService;
  close(): Promise<void>;
}

/**
 * SQLite, SIP on any free UDP/TCP port and a known WebSocket port (its URL is in /me/softphone).
 * No media agent unless the settings give one: without voicemail, an unanswered call is refused
 * with the status that says why, which is what most call tests look at.
 */
export async function startSipOffice(
  overrides: Partial<ServerConfig> = {},
  settings: Partial<SipServiceSettings> = {},
): Promise<SipOffice> {
  const office = await TestOffice.start('sqlite', {
    sipDomain: DOMAIN,
    sipUdpPort: 0,
    sipTcpPort: 0,
    sipWsPort: await freeTcpPort(),
    ...overrides,
  });
  const sip = await startSipService(office.office, { media: null, ...settings });
  return {
    office,
    sip,
    close: async () => {
      await sip.close();
      await office.close();
    },
  };
}

/**
 * A SIP office for the tests of the enclosing `describe` (or file), started as `startSipOffice`
 * starts one: before the first test, and closed after the last. Its parts are there in every
 * test and in any hook declared after this call.
 */
export function useSipOffice(
  overrides: Partial<ServerConfig> = {},
  settings: Partial<SipServiceSettings> = {},
): Pick<SipOffice, 'office' | 'sip'> {
  let started: SipOffice | null = null;
  beforeAll(async () => {
    started = await startSipOffice(overrides, settings);
  });
  afterAll(() => started?.close());
  const current = () => {
    if (!started) throw new Error('the SIP office is not started: use it in a test or a hook');
    return started;
  };
  return {
    get office() {
      return current().office;
    },
    get sip() {
      return current().sip;
    },
  };
}

/** The same with SIP over TLS and WSS too, on a fresh self-signed certificate for 127.0.0.1. */
export async function startSecureSipOffice(): Promise<SipOffice & { certificate: TestCertificate }> {
  const certificate = await makeCertificate();
  const started = await startSipOffice({
    sipTls: {
      certFile: certificate.certFile,
      keyFile: certificate.keyFile,
      tlsPort: 0,
      wssPort: await freeTcpPort(),
    },
  });
  return { ...started, certificate };
}
