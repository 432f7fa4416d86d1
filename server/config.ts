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
  sipHost: string;
  sipWsPort: number;
  sipUdpPort: number;
  sipTcpPort: number;
  /** The host phones and apps reach this office at (in /me/softphone); never a wildcard bind address. */
  publicAddress: string;
  /** STUN/TURN servers handed to softphones for ICE. */
  iceServers: IceServerConfig[];
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

export interface IceServerConfig {
  urls: string[];
  username?: string;
  credential?: string;
}

export interface SipTlsConfig {
  certFile: string;
  keyFile: string;
  tlsPort: number;
  wssPort: number;
}

const USAGE = `Usage: npm run server -- --data-dir DIR [--http-port N] [--http-host ADDR]
  [--database-url postgres://…] [--smtp-url smtp://host:port] [--mail-from ADDR] [--portal-url URL]
  [--app-download-url URL]
  [--sip-domain NAME] [--sip-ws-port N] [--sip-udp-port N] [--sip-tcp-port N]
  [--public-address HOST] [--ice-server stun:HOST[:PORT] | turn:HOST[:PORT]]… [--turn-username U --turn-credential C]
  [--sip-allowed-origin URL[,URL…]]…
  [--sip-tls-cert FILE --sip-tls-key FILE [--sip-tls-port N] [--sip-wss-port N]]
  [--admin-email ADDR] [--admin-password PASSWORD]`;

function port(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(`${flag} must be a port number, got "${value}"\n${USAGE}`);
  return n;
}

const WILDCARD = new Set(['0.0.0.0', '::', '[::]']);

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

export function parseServerArgs(argv: string[]): ServerConfig {
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
      'sip-allowed-origin': { type: 'string', multiple: true },
      'sip-tls-cert': { type: 'string' },
      'sip-tls-key': { type: 'string' },
      'sip-tls-port': { type: 'string' },
      'sip-wss-port': { type: 'string' },
      'public-address': { type: 'string' },
      'ice-server': { type: 'string', multiple: true },
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
  const certFile = values['sip-tls-cert'];
  const keyFile = values['sip-tls-key'];
  if ((certFile === undefined) !== (keyFile === undefined))
    throw new Error(`--sip-tls-cert and --sip-tls-key go together\n${USAGE}`);
  const sipTls =
    certFile && keyFile
      ? {
          certFile: path.resolve(certFile),
          keyFile: path.resolve(keyFile),
          tlsPort: port(values['sip-tls-port'], 5061, '--sip-tls-port'),
          wssPort: port(values['sip-wss-port'], 5067, '--sip-wss-port'),
        }
      : undefined;
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
    sipWsPort: port(values['sip-ws-port'], 5066, '--sip-ws-port'),
    sipUdpPort: port(values['sip-udp-port'], 5060, '--sip-udp-port'),
    sipTcpPort: port(values['sip-tcp-port'], 5060, '--sip-tcp-port'),
    publicAddress,
    iceServers: iceServers(values['ice-server'] ?? [], values['turn-username'], values['turn-credential']),
    sipAllowedOrigins: [...new Set([portalOrigin, ...allowedOrigins])],
    adminEmail: values['admin-email'] ?? null,
    adminPassword: values['admin-password'] ?? null,
    ...(sipTls && { sipTls }),
  };
}
