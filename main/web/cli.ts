// `npm run web -- [--data-dir DIR] [--port PORT] [--server URL] [--open] [office flags]`: the
// app's services in plain Node, the renderer served to a browser, the IPC contract over a
// loopback WebSocket. Prints exactly one line on stdout: `Switchboard is running at URL`.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { Value } from 'typebox/value';
import { ServerUrl } from '../../common/ipc/domains/settings';
import { firstAdminNotice } from '../../server/embedded';
import { AppServices } from '../app-services';
import { IpcRouter } from '../ipc/router';
import { serveContract } from '../ipc/serve-contract';
import { keytarBackend } from '../services/credential-vault';
import { OFFICE_FLAGS, type OfficeFlags } from '../services/embedded-office';
import { openConfSettingsFile } from '../services/settings-store';
import { nodePowerEvents } from '../softphone/node-power-events';
import { BrowserHost } from './host';
import { openInBrowser } from './open-in-browser';
import { SocketTransport } from './socket-transport';
import { stopOnSignals } from './stop-on-signal';

const ROOT = path.resolve(import.meta.dirname, '../..');
const USAGE = `Usage: npm run web -- [--data-dir DIR] [--port PORT] [--server URL] [--open]
  [--admin-email ADDR] [--admin-password PASSWORD] [--smtp-url smtp://host:port] [--mail-from ADDR]
  [--sip-domain NAME] [--sip-ws-port N] [--sip-udp-port N] [--sip-tcp-port N]
  [--sip-tls-cert FILE --sip-tls-key FILE [--sip-tls-port N] [--sip-wss-port N]]`;

interface WebArgs {
  dataDir: string;
  port: number;
  serverUrl: string | null;
  /** Open the address in the default browser where there is a display (`npm start`). */
  open: boolean;
  officeFlags: OfficeFlags;
}

function parseWebArgs(argv: string[]): WebArgs {
  const officeOptions = Object.fromEntries(OFFICE_FLAGS.map((name) => [name, { type: 'string' as const }]));
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      server: { type: 'string' },
      open: { type: 'boolean' },
      ...officeOptions,
    },
  });
  const port = Number(values.port ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a port number (0 picks a free one), got "${values.port}"\n${USAGE}`);
  const serverUrl = values.server ?? null;
  if (serverUrl !== null && !Value.Check(ServerUrl, serverUrl))
    throw new Error(`--server must be an http:// or https:// address, got "${serverUrl}"\n${USAGE}`);
  const officeFlags: OfficeFlags = {};
  for (const name of OFFICE_FLAGS) {
    const value = (values as Record<string, unknown>)[name];
    if (typeof value === 'string') officeFlags[name] = value;
  }
  if (serverUrl !== null && Object.keys(officeFlags).length > 0)
    throw new Error(`The office flags start the embedded office; they do not apply with --server\n${USAGE}`);
  return {
    dataDir: path.resolve(typeof values['data-dir'] === 'string' ? values['data-dir'] : '.switchboard-data'),
    port,
    serverUrl,
    open: values.open === true,
    officeFlags,
  };
}

async function main(): Promise<void> {
  let args: WebArgs;
  try {
    args = parseWebArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
  // stdout carries the one line other tools read; everything else is logged to stderr.
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' }, pino.destination(2));
  const signals = stopOnSignals(logger);
  const { version } = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as {
    version: string;
  };
  const services = await AppServices.start({
    dataDir: args.dataDir,
    serverUrl: args.serverUrl,
    officeFlags: args.officeFlags,
    secretBackends: [keytarBackend],
    settingsFile: openConfSettingsFile,
    logger,
  });
  const transport = new SocketTransport();
  // SWITCHBOARD_RENDERER_DIR serves another build (tests use an empty folder for the not-built page).
  const rendererDir = process.env.SWITCHBOARD_RENDERER_DIR ?? path.join(ROOT, 'dist', 'renderer');
  const host = await BrowserHost.start({ port: args.port, rendererDir, transport });
  const router = new IpcRouter(transport, { allowedOrigins: [host.origin], logger });
  const contract = serveContract(router, services, {
    host: 'browser',
    version,
    power: nodePowerEvents(),
    logger,
  });
  // The first-run screen shows the one-time password; only while there is no renderer to show
  // that screen is it written here (once), where the person who started the app sees it.
  const firstAdmin = await services.office?.firstRunAdmin();
  process.stdout.write(`Switchboard is running at ${host.url}\n`);
  if (firstAdmin && !existsSync(path.join(rendererDir, 'index.html')))
    process.stderr.write(firstAdminNotice(firstAdmin));
  if (args.open) openInBrowser(host.url, logger);

  signals.stopWith(async () => {
    await host.close();
    await contract.stop();
    await services.stop();
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Switchboard failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
