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
  sipDomain: string;
  sipHost: string;
  sipWsPort: number;
  sipUdpPort: number;
  sipTcpPort: number;
  adminEmail: string | null;
  adminPassword: string | null;
}

const USAGE = `Usage: npm run server -- --data-dir DIR [--http-port N] [--http-host ADDR]
  [--database-url postgres://…] [--smtp-url smtp://host:port] [--mail-from ADDR] [--portal-url URL]
  [--sip-domain NAME] [--sip-ws-port N] [--sip-udp-port N] [--sip-tcp-port N]
  [--admin-email ADDR] [--admin-password PASSWORD]`;

function port(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(`${flag} must be a port number, got "${value}"\n${USAGE}`);
  return n;
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
      'sip-domain': { type: 'string' },
      'sip-ws-port': { type: 'string' },
      'sip-udp-port': { type: 'string' },
      'sip-tcp-port': { type: 'string' },
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
  const httpHost = values['http-host'] ?? '127.0.0.1';
  const httpPort = port(values['http-port'], 8080, '--http-port');
  return {
    dataDir: path.resolve(values['data-dir']),
    httpHost,
    httpPort,
    databaseUrl,
    smtpUrl,
    mailFrom: values['mail-from'] ?? 'Switchboard <no-reply@switchboard.local>',
    portalUrl: values['portal-url'] ?? `http://${httpHost}:${httpPort}`,
    sipDomain: values['sip-domain'] ?? 'switchboard.local',
    sipHost: httpHost,
    sipWsPort: port(values['sip-ws-port'], 5066, '--sip-ws-port'),
    sipUdpPort: port(values['sip-udp-port'], 5060, '--sip-udp-port'),
    sipTcpPort: port(values['sip-tcp-port'], 5060, '--sip-tcp-port'),
    adminEmail: values['admin-email'] ?? null,
    adminPassword: values['admin-password'] ?? null,
  };
}
