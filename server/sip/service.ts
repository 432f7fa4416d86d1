// The office's SIP service: transports on the configured ports, the stack, the registrar and
// call control.
import { readFile } from 'node:fs/promises';
import type { ServerConfig, SipTlsConfig } from '../config';
import type { SecretBox } from '../secrets/secret-box';
import type { PushHub } from '../push/hub';
import { serverSecret } from '../db/server-secrets';
import { SipStack } from './stack';
import { DigestAuthenticator } from './digest';
import { AuthFailureGuard } from './auth-guard';
import { Registrar } from './registrar';
import { MessageWaiting } from './message-waiting';
import { DeviceAuthenticator } from './device-auth';
import { SipAccounts } from '../directory/sip-accounts';
import { CallControl } from './calls/call-control';
import { recordCallAndNotify } from '../push/call-log-push';
import { UdpTransport } from './transports/udp';
import { TcpTransport } from './transports/tcp';
import { WebSocketTransport } from './transports/websocket';
import type { SipTransport } from './transports/transport';
import { RateLimitedLog } from '../rate-limited-log';
import { ConnectionGuard } from '../connection-guard';
import { DEFAULT_SIP_SETTINGS, type SipServiceSettings } from './settings';
import { MediaAgent } from '../media/agent';
import { Prompts } from '../media/prompts';
import { voicemailHandler, type VoicemailServices } from '../media/voicemail-handler';
import { mailboxHandler } from '../media/mailbox-handler';
import { refuseUnanswered } from './calls/unanswered';
import { refuseVoicemailAccess } from './calls/voicemail-access';

/**
 * What the SIP service works with: the configuration, the directory (SIP accounts are sealed),
 * the push channel for call-log entries, and what voicemail by phone needs.
 */
export type SipOfficeServices = VoicemailServices & {
  config: ServerConfig;
  secrets: SecretBox;
  push: PushHub;
};

export interface SipService {
  stack: SipStack;
  /** Every stream connection (TCP, TLS, WS, WSS) goes through it. */
  connections: ConnectionGuard;
  registrar: Registrar;
  messageWaiting: MessageWaiting;
  calls: CallControl;
  /** Answers calls nobody took: voicemail (null when the settings run no agent). */
  media: MediaAgent | null;
  /** Bound ports by transport (the real ones when 0 was asked for). */
  ports: { udp: number; tcp: number; ws: number; tls: number | null; wss: number | null };
  close(): Promise<void>;
}

/** The certificate and key, read once at start; a clear error names the file that failed. */
async function readCertificate(tls: SipTlsConfig): Promise<{ cert: Buffer; key: Buffer }> {
  const read = async (file: string, what: string) => {
    try {
      return await readFile(file);
    } catch (error) {
      throw new Error(`Cannot read the SIP TLS ${what} ${file}: ${(error as Error).message}`);
    }
  };
  return { cert: await read(tls.certFile, 'certificate'), key: await read(tls.keyFile, 'key') };
}

export async function startSipService(
  services: SipOfficeServices,
  overrides: Partial<SipServiceSettings> = {},
): Promise<SipService> {
  const { config, clock, logger } = services;
  const settings = { ...DEFAULT_SIP_SETTINGS, ...overrides };
  const log = new RateLimitedLog(logger);
  const streams = { log, guard: new ConnectionGuard(settings.connections, log, 'SIP') };
  const udp = new UdpTransport(config.sipHost, config.sipUdpPort, log);
  const tcp = new TcpTransport(config.sipHost, config.sipTcpPort, streams);
  const allowedOrigins = config.sipAllowedOrigins;
  const ws = new WebSocketTransport(config.sipHost, config.sipWsPort, { ...streams, allowedOrigins });
  const transports: SipTransport[] = [udp, tcp, ws];
  let secure: { tls: TcpTransport; wss: WebSocketTransport } | null = null;
  if (config.sipTls) {
    const certificate = await readCertificate(config.sipTls);
    secure = {
      tls: new TcpTransport(config.sipHost, config.sipTls.tlsPort, { ...streams, tls: certificate }),
      wss: new WebSocketTransport(config.sipHost, config.sipTls.wssPort, {
        ...streams,
        tls: certificate,
        allowedOrigins,
      }),
    };
    transports.push(secure.tls, secure.wss);
  }
  const stack = new SipStack(transports, clock, logger, settings.timers, settings.transactions);
  const digest = new DigestAuthenticator(
    Buffer.from(await serverSecret(services.db, 'sip-nonce-key'), 'base64url'),
    clock,
    config.sipDomain,
  );
  const auth = new DeviceAuthenticator(
    new SipAccounts(services.db, services.secrets),
    digest,
    new AuthFailureGuard(clock, logger, settings.authGuard),
    logger,
    (flow) => stack.authenticated(flow),
  );
  const registrar = new Registrar(auth, clock, logger, services.events, settings.maxContactsPerDevice);
  const messageWaiting = new MessageWaiting(
    stack,
    services.db,
    auth,
    clock,
    logger,
    services.events,
    settings.messageWaiting,
  );
  const media =
    settings.media &&
    new MediaAgent(
      settings.media,
      { bindHost: config.sipHost, publicAddress: config.publicAddress },
      new Prompts(services.voicemailFiles, logger),
      logger,
    );
  const calls = new CallControl(
    stack,
    services.db,
    auth,
    registrar,
    clock,
    logger,
    [config.sipHost],
    (call) => recordCallAndNotify(services.db, services.push, call),
    settings.sessionExpiresSeconds,
    media ? voicemailHandler(services, media, settings.mailbox) : refuseUnanswered,
    media ? mailboxHandler(services, media, settings.mailbox) : refuseVoicemailAccess,
  );
  for (const transport of transports)
    transport.on('closed', (id) => {
      registrar.connectionClosed(id);
      messageWaiting.connectionClosed(id);
      calls.connectionClosed(id);
    });
  stack.screen('REGISTER', (request, flow) => auth.challengeUnauthenticated(request, flow));
  stack.handle('REGISTER', (request, flow) => registrar.register(request, flow));
  stack.screen('SUBSCRIBE', (request, flow) => auth.challengeUnauthenticated(request, flow));
  stack.handle('SUBSCRIBE', (request, flow) => messageWaiting.subscribe(request, flow));
  await stack.listen();
  return {
    stack,
    connections: streams.guard,
    registrar,
    messageWaiting,
    calls,
    media,
    ports: {
      udp: udp.port,
      tcp: tcp.port,
      ws: ws.port,
      tls: secure?.tls.port ?? null,
      wss: secure?.wss.port ?? null,
    },
    close: async () => {
      // Callers in voicemail are hung up on (BYE) while the transports still run.
      await media?.close();
      await new Promise((resolve) => setImmediate(resolve));
      await stack.close();
    },
  };
}
