// The office on this computer, for when no server is configured: loopback only, SQLite in the
// app's data folder, every port chosen free unless a flag names one.
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { parseServerArgs, startOffice, type RunningOffice } from '../../server/embedded';

/** The office's own flags the app passes through (`npm run web -- --admin-email …`). */
export const OFFICE_FLAGS = [
  'admin-email',
  'admin-password',
  'smtp-url',
  'mail-from',
  'sip-domain',
  'sip-ws-port',
  'sip-udp-port',
  'sip-tcp-port',
  'sip-tls-cert',
  'sip-tls-key',
  'sip-tls-port',
  'sip-wss-port',
] as const;
export type OfficeFlags = Partial<Record<(typeof OFFICE_FLAGS)[number], string>>;

const LOOPBACK = '127.0.0.1';

export function embeddedOfficeArgs(dataDir: string, flags: OfficeFlags): string[] {
  const args = ['--data-dir', path.join(dataDir, 'office'), '--http-host', LOOPBACK, '--http-port', '0'];
  args.push('--sip-ws-port', '0', '--sip-udp-port', '0', '--sip-tcp-port', '0');
  // Later flags win: what the person passed overrides the defaults above.
  for (const name of OFFICE_FLAGS) {
    const value = flags[name];
    if (value !== undefined) args.push(`--${name}`, value);
  }
  return args;
}

export function startEmbeddedOffice(
  dataDir: string,
  flags: OfficeFlags,
  logger: FastifyBaseLogger,
): Promise<RunningOffice> {
  return startOffice(parseServerArgs(embeddedOfficeArgs(dataDir, flags)), { logger });
}
