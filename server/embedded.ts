// Starts and stops the whole office in-process: database, HTTP API, SIP and mail. The
// standalone server (server/main.ts) and the desktop app's embedded office both start it here;
// the desktop app uses nothing else of server/.
import type { FastifyBaseLogger } from 'fastify';
import { buildApp } from './app';
import type { FirstAdmin } from './bootstrap';
import type { ServerConfig } from './config';
import { openOffice } from './office';
import { freeSipPort, freeTcpPort, freeUdpPort } from './free-port';
import { explainPortError } from './port-errors';
import { startSipService, type SipService } from './sip/service';

export type { FirstAdmin } from './bootstrap';
export type { ServerConfig } from './config';
export { parseServerArgs } from './config';
export { firstAdminNotice } from './bootstrap';

export interface RunningOffice {
  /** Where the API answers, e.g. `http://127.0.0.1:41234` (the API under `/api/v1`). */
  url: string;
  ports: { http: number; sip: SipService['ports'] };
  /**
   * The super admin created on this start with a generated password, for the app's
   * first-run screen; null on every later start (or when --admin-password was given).
   */
  firstAdmin: FirstAdmin | null;
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
  const sipWsPort = config.sipWsPort === 0 ? await freeTcpPort(config.sipHost) : config.sipWsPort;
  const shared =
    config.sipUdpPort === 0 && config.sipTcpPort === 0 ? await freeSipPort(config.sipHost) : null;
  const sipUdpPort =
    config.sipUdpPort === 0 ? (shared ?? (await freeUdpPort(config.sipHost))) : config.sipUdpPort;
  const sipTcpPort =
    config.sipTcpPort === 0 ? (shared ?? (await freeTcpPort(config.sipHost))) : config.sipTcpPort;
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
    await app
      .listen({ host: config.httpHost, port: config.httpPort })
      .catch(explainPortError(config, 'http'));
    const sip = await startSipService(office).catch(explainPortError(config, 'sip'));
    stops.push(() => sip.close());
    options.logger.info({ ports: sip.ports, domain: config.sipDomain }, 'SIP service listening');
    const host = config.httpHost.includes(':') ? `[${config.httpHost}]` : config.httpHost;
    return {
      url: `http://${host}:${config.httpPort}`,
      ports: { http: config.httpPort, sip: sip.ports },
      firstAdmin,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
