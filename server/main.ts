// Starts the office server on its own: `npm run server -- --data-dir DIR --http-port N`.
import pino from 'pino';
import { parseServerArgs } from './config';
import { firstAdminNotice } from './bootstrap';
import { startOffice } from './embedded';
import { StartupError } from './port-errors';

async function main(): Promise<void> {
  let config;
  try {
    config = parseServerArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const office = await startOffice(config, { logger });
  // Nothing else shows it: the office on its own has no first-run screen.
  const firstAdmin = await office.firstRunAdmin();
  if (firstAdmin) process.stdout.write(firstAdminNotice(firstAdmin));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await office.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  const reason =
    error instanceof StartupError ? error.message : error instanceof Error ? error.stack : String(error);
  process.stderr.write(`Switchboard server failed to start: ${reason}\n`);
  process.exit(1);
});
