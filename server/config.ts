import { parseArgs } from 'node:util';
import path from 'node:path';

export interface ServerConfig {
  dataDir: string;
  httpHost: string;
  httpPort: number;
  /** PostgreSQL URL; without it the office keeps a SQLite file in the data folder. */
  databaseUrl: string | null;
  smtpUrl: string | null;
  mailFrom: string;
  /** The address people open the portal at, as written in mails. */
  portalUrl: string;
  /** Where the desktop app is downloaded, as the office's pages say; null: ask the administrator. */
  appDownloadUrl: string | null;
  sipDomain: string;
  /** The address SIP transports listen on unless `sipHosts` names another for one of them. */
  sipHost: string;
  /** Per-transport listen addresses given with --sip-listen. */
  sipHosts: Partial<Record<SipListenTransport, string>>;
  sipWsPort: number;
  sipUdpPort: number;
  sipTcpPort: number;
  /** The host phones and apps reach this office at (in /me/softphone); never a wildcard bind address. */
  publicAddress: string;
  /** STUN/TURN servers handed to softphones for ICE, as configured. */
  iceServers: IceServerConfig[];
  /** A TURN server whose credentials are minted for each softphone and expire (TURN REST API). */
  turn: TurnRestConfig | null;
  /**
   * Origins whose web pages may open the SIP WebSocket (the portal's own by default). A client
   * sending no Origin (native phones, sip.js in Node) is always let in; any other origin never.
   */
  sipAllowedOrigins: string[];
  adminEmail: string | null;
  adminPassword: string | null;
  /** SIP over TLS and secure WebSocket, present when a certificate is configured. */
  sipTls?: SipTlsConfig;
}

export type SipListenTransport = 'udp' | 'tcp' | 'ws' | 'tls' | 'wss';

export interface IceServerConfig {
  urls: string[];
  username?: string;
  credential?: string;
}

/**
 * TURN with time-limited credentials, as coturn's `use-auth-secret` checks them: the username
 * is `expiry:who` and the password the HMAC-SHA1 of it under a secret shared with the server.
 */
export interface TurnRestConfig {
  urls: string[];
  secret: string;
  /** How long minted credentials last. */
  ttlSeconds: number;
}

export interface SipTlsConfig {
  certFile: string;
  keyFile: string;
  tlsPort: number;
  wssPort: number;
  /** CAs (PEM) trusted for carriers' certificates on TLS trunks, beside the system's. */
  carrierCaFile?: string;
}

const USAGE = `Usage: npm run server -- --data-dir DIR [--http-port N] [--http-host ADDR]
  [--database-url postgres://…] [--smtp-url smtp://host:port] [--mail-from ADDR] [--portal-url URL]
  [--app-download-url URL]
  [--sip-domain NAME] [--sip-ws-port N] [--sip-udp-port N] [--sip-tcp-port N]
  [--sip-listen udp|tcp|ws|tls|wss:ADDRESS:PORT]…
  [--public-address HOST] [--stun HOST[:PORT]]… [--turn HOST[:PORT]]… [--turn-ttl SECONDS]
    (--turn mints credentials from the secret in SWITCHBOARD_TURN_SECRET, as coturn's use-auth-secret expects)
  [--ice-server stun:HOST[:PORT] | turn:HOST[:PORT]]… [--turn-username U --turn-credential C]
  [--sip-allowed-origin URL[,URL…]]…
  [--sip-tls-cert FILE --sip-tls-key FILE [--sip-tls-port N] [--sip-wss-port N] [--sip-tls-carrier-ca FILE]]
  [--admin-email ADDR] [--admin-password PASSWORD]`;

function port(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(`${flag} must be a port number, got "${value}"\n${USAGE}`);
  return n;
}

const WILDCARD = new Set(['0.0.0.0', '::', '[::]']);

const LISTEN = /^(udp|tcp|ws|tls|wss):(\[[0-9A-Fa-f:.]{2,45}\]|[A-Za-z0-9.-]{1,253}):([0-9]{1,5})$/;

/**
 * Each --sip-listen as transport → address and port; one per transport, and never beside the
 * same transport's --sip-…-port flag.
 */
function sipListen(values: string[], portFlags: Record<SipListenTransport, string | undefined>) {
  const listen: Partial<Record<SipListenTransport, { host: string; port: number }>> = {};
  for (const value of values) {
    const match = LISTEN.exec(value);
    if (!match)
      throw new Error(
        `--sip-listen must be TRANSPORT:ADDRESS:PORT (udp, tcp, ws, tls, wss), got "${value}"\n${USAGE}`,
      );
    const transport = match[1] as SipListenTransport;
    if (listen[transport]) throw new Error(`--sip-listen names ${transport} twice\n${USAGE}`);
    if (portFlags[transport] !== undefined)
      throw new Error(
        `--sip-listen ${transport}:… and --sip-${transport}-port both set that port: give one\n${USAGE}`,
      );
    listen[transport] = {
      host: match[2]!.replace(/^\[(.*)\]$/, '$1'),
      port: port(match[3], 0, `--sip-listen ${transport}`),
    };
  }
  return listen;
}

/** Each --ice-server as its own entry; TURN servers get the TURN credentials, which they need. */
function iceServers(urls: string[], username?: string, credential?: string): IceServerConfig[] {
  return urls.map((url) => {
    if (!/^(stuns?|turns?):[^\s]{1,250}$/.test(url))
      throw new Error(`--ice-server must be a stun: or turn: URL, got "${url}"\n${USAGE}`);
    if (!url.startsWith('turn')) return { urls: [url] };
    if (!username || !credential)
      throw new Error(`${url} is a TURN server: give --turn-username and --turn-credential too\n${USAGE}`);
    return { urls: [url], username, credential };
  });
}

const HOST_PORT = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]{1,253})(:\d{1,5})?$/;

function hostPort(value: string, flag: string): string {
  if (!HOST_PORT.test(value)) throw new Error(`${flag} must be HOST or HOST:PORT, got "${value}"\n${USAGE}`);
  return value;
}

/** --turn servers with the secret their credentials are minted from; null without any. */
function turnRest(
  hosts: string[],
  ttl: string | undefined,
  secret: string | undefined,
): TurnRestConfig | null {
  if (hosts.length === 0) {
    if (ttl !== undefined) throw new Error(`--turn-ttl goes with --turn\n${USAGE}`);
    return null;
  }
  if (!secret || secret.length < 16)
    throw new Error(
      `--turn needs the secret shared with the TURN server (at least 16 characters) in SWITCHBOARD_TURN_SECRET\n${USAGE}`,
    );
  const ttlSeconds = ttl === undefined ? 86_400 : Number(ttl);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 60 || ttlSeconds > 7 * 86_400)
    throw new Error(`--turn-ttl must be whole seconds from 60 to 604800, got "${ttl}"\n${USAGE}`);
  const urls = hosts.flatMap((host) => {
    hostPort(host, '--turn');
    return [`turn:${host}?transport=udp`, `turn:${host}?transport=tcp`];
  });
  return { urls, secret, ttlSeconds };
}

/** The origin (scheme, host and port) of a URL, as a browser sends it in Origin. */
function origin(url: string, flag: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${flag} must be a URL such as https://phones.example.com, got "${url}"\n${USAGE}`);
  }
  if (parsed.origin === 'null') throw new Error(`${flag} must be an http(s) URL, got "${url}"\n${USAGE}`);
  return parsed.origin;
}

export function parseServerArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      'data-dir': { type: 'string' },
      'http-host': { type: 'string' },
      'http-port': { type: 'string' },
      'database-url': { type: 'string' },
      'smtp-url': { type: 'string' },
      'mail-from': { type: 'string' },
      'portal-url': { type: 'string' },
      'app-download-url': { type: 'string' },
      'sip-domain': { type: 'string' },
      'sip-ws-port': { type: 'string' },
      'sip-udp-port': { type: 'string' },
      'sip-tcp-port': { type: 'string' },
      'sip-listen': { type: 'string', multiple: true },
      'sip-allowed-origin': { type: 'string', multiple: true },
      'sip-tls-cert': { type: 'string' },
      'sip-tls-key': { type: 'string' },
      'sip-tls-port': { type: 'string' },
      'sip-wss-port': { type: 'string' },
      'sip-tls-carrier-ca': { type: 'string' },
      'public-address': { type: 'string' },
      'ice-server': { type: 'string', multiple: true },
      stun: { type: 'string', multiple: true },
      turn: { type: 'string', multiple: true },
      'turn-ttl': { type: 'string' },
      'turn-username': { type: 'string' },
      'turn-credential': { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-password': { type: 'string' },
    },
  });
  if (!values['data-dir']) throw new Error(`--data-dir is required\n${USAGE}`);
  const databaseUrl = values['database-url'] ?? null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error(`--database-url must be a postgres:// URL\n${USAGE}`);
  }
  const smtpUrl = values['smtp-url'] ?? null;
  if (smtpUrl !== null && !/^smtps?:\/\//.test(smtpUrl))
    throw new Error(`--smtp-url must be smtp:// or smtps://\n${USAGE}`);
  const listen = sipListen(values['sip-listen'] ?? [], {
    udp: values['sip-udp-port'],
    tcp: values['sip-tcp-port'],
    ws: values['sip-ws-port'],
    tls: values['sip-tls-port'],
    wss: values['sip-wss-port'],
  });
  const certFile = values['sip-tls-cert'];
  const keyFile = values['sip-tls-key'];
  if ((certFile === undefined) !== (keyFile === undefined))
    throw new Error(`--sip-tls-cert and --sip-tls-key go together\n${USAGE}`);
  const sipTls =
    certFile && keyFile
      ? {
          certFile: path.resolve(certFile),
          keyFile: path.resolve(keyFile),
          tlsPort: listen.tls?.port ?? port(values['sip-tls-port'], 5061, '--sip-tls-port'),
          wssPort: listen.wss?.port ?? port(values['sip-wss-port'], 5067, '--sip-wss-port'),
          ...(values['sip-tls-carrier-ca'] && { carrierCaFile: path.resolve(values['sip-tls-carrier-ca']) }),
        }
      : undefined;
  if (!sipTls && (listen.tls || listen.wss))
    throw new Error(`--sip-listen tls or wss needs --sip-tls-cert and --sip-tls-key\n${USAGE}`);
  if (values['sip-tls-carrier-ca'] && !sipTls)
    throw new Error(`--sip-tls-carrier-ca goes with --sip-tls-cert and --sip-tls-key\n${USAGE}`);
  const httpHost = values['http-host'] ?? '127.0.0.1';
  const httpPort = port(values['http-port'], 8080, '--http-port');
  const publicAddress = values['public-address'] ?? httpHost;
  if (WILDCARD.has(publicAddress))
    throw new Error(
      `--http-host ${httpHost} listens on every address: say which one phones and apps reach with --public-address\n${USAGE}`,
    );
  if (!/^[A-Za-z0-9.:[\]-]{1,253}$/.test(publicAddress))
    throw new Error(`--public-address must be a host name or IP address, got "${publicAddress}"\n${USAGE}`);
  const portalUrl = values['portal-url'] ?? `http://${httpHost}:${httpPort}`;
  const portalOrigin = origin(portalUrl, '--portal-url');
  const appDownloadUrl = values['app-download-url'] ?? null;
  if (appDownloadUrl !== null) origin(appDownloadUrl, '--app-download-url');
  const allowedOrigins = (values['sip-allowed-origin'] ?? []).flatMap((list) =>
    list.split(',').map((url) => origin(url.trim(), '--sip-allowed-origin')),
  );
  return {
    dataDir: path.resolve(values['data-dir']),
    httpHost,
    httpPort,
    databaseUrl,
    smtpUrl,
    mailFrom: values['mail-from'] ?? 'Switchboard <no-reply@switchboard.local>',
    portalUrl,
    appDownloadUrl,
    sipDomain: values['sip-domain'] ?? 'switchboard.local',
    sipHost: httpHost,
    sipHosts: Object.fromEntries(Object.entries(listen).map(([transport, { host }]) => [transport, host])),
    sipWsPort: listen.ws?.port ?? port(values['sip-ws-port'], 5066, '--sip-ws-port'),
    sipUdpPort: listen.udp?.port ?? port(values['sip-udp-port'], 5060, '--sip-udp-port'),
    sipTcpPort: listen.tcp?.port ?? port(values['sip-tcp-port'], 5060, '--sip-tcp-port'),
    publicAddress,
    iceServers: [
      ...(values.stun ?? []).map((host) => ({ urls: [`stun:${hostPort(host, '--stun')}`] })),
      ...iceServers(values['ice-server'] ?? [], values['turn-username'], values['turn-credential']),
    ],
    turn: turnRest(values.turn ?? [], values['turn-ttl'], env.SWITCHBOARD_TURN_SECRET),
    sipAllowedOrigins: [...new Set([portalOrigin, ...allowedOrigins])],
    adminEmail: values['admin-email'] ?? null,
    adminPassword: values['admin-password'] ?? null,
    ...(sipTls && { sipTls }),
  };
}
