// The office's SIP service: transports on the configured ports, the stack, the registrar and
// call control.
import type { MusicFolder } from '../music/music-folder';
import { musicSamplesFor } from '../music/music-library';
import { readFile } from 'node:fs/promises';
import type { ServerConfig, SipListenTransport, SipTlsConfig } from '../config';
import type { SecretBox } from '../secrets/secret-box';
import type { PushHub } from '../push/hub';
import { serverSecret } from '../db/server-secrets';
import { SipStack } from './stack';
import { DigestAuthenticator } from './digest';
import { AuthFailureGuard } from './auth-guard';
import { Registrar } from './registrar';
import { EVENT_PACKAGE, MessageWaiting } from './message-waiting';
import { DIALOG_EVENT, DialogEvents } from './dialog-events';
import { eventOf } from './subscriptions';
import { buildResponse } from './fields';
import { DeviceAuthenticator } from './device-auth';
import { DigestPolicy } from './digest-policy';
import { SipAccounts } from '../directory/sip-accounts';
import { CallControl } from './calls/call-control';
import { recordCallAndNotify } from '../push/call-log-push';
import { UdpTransport } from './transports/udp';
import { TcpTransport } from './transports/tcp';
import { WebSocketTransport } from './transports/websocket';
import type { SipTransport } from './transports/transport';
import { RateLimitedLog } from '../rate-limited-log';
import { ConnectionGuard } from '../connection-guard';
import { AdvertisedAddress, defaultSourceAddress, resolveOnce } from './transports/advertised-address';
import { LocalNetwork, WILDCARD_HOSTS, isLoopback } from './transports/local-network';
import { DEFAULT_SIP_SETTINGS, type SipServiceSettings } from './settings';
import { WriteBehind } from './write-behind';
import { NatKeepAlive } from './keep-alive';
import {
  bindingRow,
  loadBindings,
  loadSubscriptions,
  writeBindings,
  writeSubscriptions,
  type BindingRow,
  type SubscriptionRow,
} from './state-repository';
import { MediaAgent } from '../media/agent';
import { Prompts } from '../media/prompts';
import { voicemailHandler, type VoicemailServices } from '../media/voicemail-handler';
import { mailboxHandler } from '../media/mailbox-handler';
import { ReceptionistVoice, receptionistHandler } from '../media/receptionist-handler';
import { Speech } from '../receptionist/speech';
import { noReceptionist } from './calls/receptionist-access';
import { conferenceHandler } from '../media/conference/handler';
import { ConferenceRooms } from '../media/conference/rooms';
import { refuseUnanswered } from './calls/unanswered';
import { refuseVoicemailAccess } from './calls/voicemail-access';
import { TrunkDirectory } from './trunks/trunk-directory';
import { trunkGate } from './trunks/inbound-gate';
import { inboundCalls } from './trunks/inbound-calls';
import { outboundCalls } from './trunks/outbound-calls';
import { TollGuard } from './trunks/toll-guard';
import { tollAlert } from '../mail/toll-alerts';
import type { Mailer } from '../mail/mailer';
import { systemResolver } from './trunks/resolve';
import type { TrunkStatusBoard } from './trunks/status-board';
import type { RunningSip } from './running-sip';
import { CheckSync } from '../provision/check-sync';

/**
 * What the SIP service works with: the configuration, the directory (SIP accounts are sealed),
 * the push channel for call-log entries, and what voicemail by phone needs.
 */
export type SipOfficeServices = VoicemailServices & {
  config: ServerConfig;
  secrets: SecretBox;
  push: PushHub;
  runningSip: RunningSip;
  trunkStatus: TrunkStatusBoard;
  mailer: Mailer;
  music: MusicFolder;
};

export interface SipService {
  stack: SipStack;
  /** Every stream connection (TCP, TLS, WS, WSS) goes through it. */
  connections: ConnectionGuard;
  registrar: Registrar;
  messageWaiting: MessageWaiting;
  /** Busy lamp fields: desk phones watching colleagues' lines (RFC 4235). */
  dialogEvents: DialogEvents;
  calls: CallControl;
  /** The trunks to carriers: registrations, keep-alives, inbound matching, calls out's order. */
  trunks: TrunkDirectory;
  /**
   * Answers calls nobody took (voicemail) and bridges softphones and desk phones (null when the
   * settings run no agent: every call is then direct).
   */
  media: MediaAgent | null;
  /** Bound ports by transport (the real ones when 0 was asked for). */
  ports: { udp: number; tcp: number; ws: number; tls: number | null; wss: number | null };
  close(): Promise<void>;
}

/** A file of the TLS settings, read once at start; a clear error names the file that failed. */
async function readTlsFile(file: string, what: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new Error(`Cannot read the SIP TLS ${what} ${file}: ${(error as Error).message}`);
  }
}

async function readCertificate(tls: SipTlsConfig): Promise<{ cert: Buffer; key: Buffer }> {
  return { cert: await readTlsFile(tls.certFile, 'certificate'), key: await readTlsFile(tls.keyFile, 'key') };
}

export async function startSipService(
  services: SipOfficeServices,
  overrides: Partial<SipServiceSettings> = {},
): Promise<SipService> {
  const { config, clock, logger } = services;
  const settings = { ...DEFAULT_SIP_SETTINGS, ...overrides };
  const log = new RateLimitedLog(logger);
  const streams = { log, guard: new ConnectionGuard(settings.connections, log, 'SIP') };
  const hostOf = (transport: SipListenTransport) => config.sipHosts[transport] ?? config.sipHost;
  const udp = new UdpTransport(hostOf('udp'), config.sipUdpPort, log);
  const tcp = new TcpTransport(hostOf('tcp'), config.sipTcpPort, streams);
  const allowedOrigins = config.sipAllowedOrigins;
  const ws = new WebSocketTransport(hostOf('ws'), config.sipWsPort, { ...streams, allowedOrigins });
  const transports: SipTransport[] = [udp, tcp, ws];
  let secure: { tls: TcpTransport; wss: WebSocketTransport } | null = null;
  if (config.sipTls) {
    const certificate = await readCertificate(config.sipTls);
    secure = {
      tls: new TcpTransport(hostOf('tls'), config.sipTls.tlsPort, { ...streams, tls: certificate }),
      wss: new WebSocketTransport(hostOf('wss'), config.sipTls.wssPort, {
        ...streams,
        tls: certificate,
        allowedOrigins,
      }),
    };
    transports.push(secure.tls, secure.wss);
  }
  const network = new LocalNetwork();
  const publicIp = await resolveOnce(config.publicAddress, 'the public address');
  const stack = new SipStack(
    transports,
    clock,
    logger,
    settings.timers,
    settings.transactions,
    new AdvertisedAddress(
      network,
      isLoopback(publicIp) || WILDCARD_HOSTS.has(publicIp) ? null : publicIp,
      await defaultSourceAddress(),
    ),
  );
  const digest = new DigestAuthenticator(
    Buffer.from(await serverSecret(services.db, 'sip-nonce-key'), 'base64url'),
    clock,
    config.sipDomain,
  );
  const digestPolicy = new DigestPolicy(services.db, logger);
  await digestPolicy.start(services.events);
  const auth = new DeviceAuthenticator(
    new SipAccounts(services.db, services.secrets),
    digest,
    new AuthFailureGuard(clock, logger, settings.authGuard),
    logger,
    digestPolicy,
    (flow) => stack.authenticated(flow),
  );
  const { db } = services;
  const bindingWrites = new WriteBehind<BindingRow>(
    (puts, removals) => writeBindings(db, puts, removals),
    settings.stateWriteDelayMs,
    logger,
    'registrations',
  );
  const subscriptionWrites = new WriteBehind<SubscriptionRow>(
    (puts, removals) => writeSubscriptions(db, puts, removals),
    settings.stateWriteDelayMs,
    logger,
    'subscriptions',
  );
  // Only UDP subscriptions outlive a restart (see loadSubscriptions): stream ones are not written.
  const subscriptionStore = {
    put: (key: string, row: SubscriptionRow) =>
      row.transport === 'UDP' ? subscriptionWrites.put(key, row) : undefined,
    remove: (key: string) => subscriptionWrites.remove(key),
  };
  const registrar = new Registrar(
    auth,
    clock,
    logger,
    services.events,
    settings.maxContactsPerDevice,
    {
      // Only UDP bindings outlive a restart (see loadBindings): stream ones are not written at all.
      put: (binding) =>
        binding.flow.transport === 'UDP'
          ? bindingWrites.put(binding.id, bindingRow(binding))
          : bindingWrites.remove(binding.id),
      remove: (id) => bindingWrites.remove(id),
    },
    network,
  );
  registrar.restore(await loadBindings(db, clock()));
  const messageWaiting = new MessageWaiting(
    stack,
    db,
    auth,
    clock,
    logger,
    services.events,
    settings.messageWaiting,
    subscriptionStore,
  );
  const keepAlive = new NatKeepAlive(stack, registrar, config.sipDomain, settings.natKeepAliveMs, logger);
  const media =
    settings.media &&
    new MediaAgent(
      settings.media,
      // SDP carries an IP: a phone cannot be asked to look a name up for its media.
      { bindHost: config.sipHost, publicAddress: publicIp },
      new Prompts(services.voicemailFiles, logger),
      logger,
    );
  // Whoever sits in a conference sees it change in their app.
  const conferences =
    media &&
    new ConferenceRooms(settings.conferences, media.ticker, (userId, id, conference) =>
      services.push.publish(userId, { type: 'conference', id, conference }),
    );
  const calls = new CallControl(
    stack,
    services.db,
    auth,
    registrar,
    clock,
    logger,
    [
      ...new Set([config.sipHost, ...Object.values(config.sipHosts), publicIp, ...network.ownAddresses()]),
    ].filter((host) => !WILDCARD_HOSTS.has(host)),
    (call) => recordCallAndNotify(services.db, services.push, call),
    settings.sessionExpiresSeconds,
    media ? voicemailHandler(services, media, settings.mailbox) : refuseUnanswered,
    media ? mailboxHandler(services, media, settings.mailbox) : refuseVoicemailAccess,
    media?.anchors ?? null,
    services.music,
    media
      ? receptionistHandler(
          services,
          media,
          new ReceptionistVoice(new Speech(services.voicemailFiles), services.voicemailFiles),
          settings.receptionist,
          settings.mailbox,
          (receptionistId) => musicSamplesFor(db, services.music, logger, null, receptionistId),
        )
      : noReceptionist,
    // Left out, a bridge's number is refused for want of a media agent.
    media && conferences ? conferenceHandler(services, media, conferences, settings.conferences) : undefined,
  );
  const dialogEvents = new DialogEvents(
    stack,
    db,
    auth,
    calls,
    clock,
    logger,
    services.events,
    settings.dialogEvents,
    subscriptionStore,
  );
  const keptSubscriptions = await loadSubscriptions(db, clock());
  messageWaiting.restore(keptSubscriptions);
  dialogEvents.restore(keptSubscriptions);
  const checkSync = new CheckSync(stack, config.sipDomain, registrar, logger, services.events);
  const trunks = new TrunkDirectory({
    stack,
    db: services.db,
    secrets: services.secrets,
    events: services.events,
    clock,
    logger,
    board: services.trunkStatus,
    resolve: systemResolver,
    timings: settings.trunks,
    publicAddress: config.publicAddress,
    tlsCa: config.sipTls?.carrierCaFile
      ? [await readTlsFile(config.sipTls.carrierCaFile, 'carrier CA file')]
      : [],
  });
  stack.gate(trunkGate(trunks, log, inboundCalls({ db: services.db, calls, trunks })));
  const toll = new TollGuard({ db: services.db, clock, logger, alert: tollAlert(services) });
  calls.routeOutside(outboundCalls({ db: services.db, trunks, toll, logger, domain: config.sipDomain }));
  for (const transport of transports)
    transport.on('closed', (id) => {
      registrar.connectionClosed(id);
      messageWaiting.connectionClosed(id);
      dialogEvents.connectionClosed(id);
      calls.connectionClosed(id);
      trunks.connectionClosed(id);
    });
  stack.screen('REGISTER', (request, flow) => auth.challengeUnauthenticated(request, flow));
  stack.handle('REGISTER', (request, flow) => registrar.register(request, flow));
  stack.screen('SUBSCRIBE', (request, flow) => auth.challengeUnauthenticated(request, flow));
  stack.handle('SUBSCRIBE', (request, flow) => {
    const event = eventOf(request);
    if (event === EVENT_PACKAGE) return messageWaiting.subscribe(request, flow);
    if (event === DIALOG_EVENT) return dialogEvents.subscribe(request, flow);
    return buildResponse(request, 489, 'Bad Event', {
      headers: [['Allow-Events', `${EVENT_PACKAGE}, ${DIALOG_EVENT}`]],
    });
  });
  await stack.listen();
  keepAlive.start();
  const ports = {
    udp: udp.port,
    tcp: tcp.port,
    ws: ws.port,
    tls: secure?.tls.port ?? null,
    wss: secure?.wss.port ?? null,
  };
  const detach = services.runningSip.attach({ ports, registrar, conferences });
  await trunks.start();
  return {
    stack,
    connections: streams.guard,
    registrar,
    messageWaiting,
    dialogEvents,
    calls,
    trunks,
    media,
    ports,
    close: async () => {
      // The carriers are told the trunks' registrations end while the transports still run.
      await trunks.close();
      keepAlive.stop();
      detach();
      checkSync.stop();
      dialogEvents.close();
      // Callers in voicemail are hung up on (BYE) while the transports still run.
      await media?.close();
      await new Promise((resolve) => setImmediate(resolve));
      await stack.close();
      // What the next start finds: every registration and subscription as they are now.
      await Promise.all([bindingWrites.flush(), subscriptionWrites.flush()]);
    },
  };
}
