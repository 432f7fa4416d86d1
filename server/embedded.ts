// Starts and stops the whole office in-process: database, HTTP API, SIP and mail. The
// standalone server (server/main.ts) and the desktop app's embedded office both start it here;
// the desktop app uses nothing else of server/.
import type { FastifyBaseLogger } from 'fastify';
import { buildApp } from './app';
import type { FirstRunCompany } from '../common/api/company';
import { firstPasswordHeld, setUpCompany, type FirstAdmin } from './bootstrap';
import type { ServerConfig } from './config';
import { openOffice } from './office';
import { freeSipPort, freeTcpPort, freeUdpPort } from './free-port';
import { guardHttpConnections } from './http-connections';
import { RateLimitedLog } from './rate-limited-log';
import { explainPortError } from './port-errors';
import { startSipService, type SipService } from './sip/service';

export type { FirstAdmin } from './bootstrap';
export type { ServerConfig } from './config';
export { parseServerArgs } from './config';
export { firstAdminNotice } from './bootstrap';
export { guardHttpConnections } from './http-connections';
export type { ConnectionGuard } from './connection-guard';

export interface RunningOffice {
  /** Where the API answers, e.g. `http://127.0.0.1:41234` (the API under `/api/v1`). */
  url: string;
  ports: { http: number; sip: SipService['ports'] };
  /**
   * The super admin this start created with a generated password, for the app's first-run
   * screen, while that password is still theirs; null once they chose their own (or it was
   * replaced), when it is forgotten for good, and on every later start (or with --admin-password).
   */
  firstRunAdmin(): Promise<FirstAdmin | null>;
  /**
   * Puts the first-run screen's answers in the company settings, while firstRunAdmin() still
   * answers; false afterwards, when only an administrator changes them (PATCH /admin/company).
   */
  setUpCompany(settings: FirstRunCompany): Promise<boolean>;
  stop(): Promise<void>;
}

export interface StartOfficeOptions {
  /** pino (or any Fastify logger); the office's own services log through it too. */
  logger: FastifyBaseLogger;
}

/**
 * Port 0 means "any free port". The HTTP port is written into mails (the portal address), the
 * SIP WebSocket port into /me/softphone and the UDP and TCP ports into a desk phone's settings
 * (GET /admin/sip-server), so they are chosen before the office opens: UDP and TCP share one
 * number when both are free to choose, as SIP's 5060 does.
 */
async function withChosenPorts(config: ServerConfig): Promise<ServerConfig> {
  const httpPort = config.httpPort === 0 ? await freeTcpPort(config.httpHost) : config.httpPort;
  const hostOf = (transport: 'udp' | 'tcp' | 'ws') => config.sipHosts[transport] ?? config.sipHost;
  const sipWsPort = config.sipWsPort === 0 ? await freeTcpPort(hostOf('ws'), [httpPort]) : config.sipWsPort;
  // Each choice keeps clear of the ones before it: none of those servers listens yet.
  const chosen = [httpPort, sipWsPort];
  const shared =
    config.sipUdpPort === 0 && config.sipTcpPort === 0 && hostOf('udp') === hostOf('tcp')
      ? await freeSipPort(hostOf('udp'), chosen)
      : null;
  const sipUdpPort =
    config.sipUdpPort === 0 ? (shared ?? (await freeUdpPort(hostOf('udp'), chosen))) : config.sipUdpPort;
  const sipTcpPort =
    config.sipTcpPort === 0
      ? (shared ?? (await freeTcpPort(hostOf('tcp'), [...chosen, sipUdpPort])))
      : config.sipTcpPort;
  const derivedPortalUrl = `http://${config.httpHost}:${config.httpPort}`;
  return {
    ...config,
    httpPort,
    sipWsPort,
    sipUdpPort,
    sipTcpPort,
    portalUrl:
      config.portalUrl === derivedPortalUrl ? `http://${config.httpHost}:${httpPort}` : config.portalUrl,
  };
}

export async function startOffice(
  requested: ServerConfig,
  options: StartOfficeOptions,
): Promise<RunningOffice> {
  const config = await withChosenPorts(requested);
  let firstAdmin: FirstAdmin | null = null;
  const office = await openOffice(config, {
    logger: options.logger,
    onFirstAdmin: (admin) => {
      firstAdmin = admin;
    },
  });
  const stops: (() => Promise<void>)[] = [() => office.close()];
  const stop = async () => {
    for (const close of stops.splice(0).reverse()) await close();
  };
  try {
    const app = await buildApp(office, { logger: options.logger });
    stops.push(() => app.close());
    guardHttpConnections(app.server, { log: new RateLimitedLog(options.logger) });
    await app
      .listen({ host: config.httpHost, port: config.httpPort })
      .catch(explainPortError(config, 'http'));
    const sip = await startSipService(office).catch(explainPortError(config, 'sip'));
    stops.push(() => sip.close());
    options.logger.info({ ports: sip.ports, domain: config.sipDomain }, 'SIP service listening');
    const host = config.httpHost.includes(':') ? `[${config.httpHost}]` : config.httpHost;
    const firstRunAdmin = async () => {
      if (firstAdmin !== null && !(await firstPasswordHeld(office.db, firstAdmin))) firstAdmin = null;
      return firstAdmin;
    };
    return {
      url: `http://${host}:${config.httpPort}`,
      ports: { http: config.httpPort, sip: sip.ports },
      firstRunAdmin,
      setUpCompany: async (settings) => {
        if ((await firstRunAdmin()) === null) return false;
        await setUpCompany(office, settings);
        return true;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
