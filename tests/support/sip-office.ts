// An office with its SIP service on loopback: every SIP test starts from one.
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
