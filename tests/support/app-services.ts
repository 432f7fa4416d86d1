// The app's main-process services against an office, served over a router with no window: a test
// invokes channels as the renderer would and listens to what main publishes.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { AppServices } from '../../main/app-services';
import { IpcRouter } from '../../main/ipc/router';
import { serveContract, type ServedContract } from '../../main/ipc/serve-contract';
import { openConfSettingsFile } from '../../main/services/settings-store';
import { useSipOffice, type SipOffice } from './sip-office';

export interface TestApp {
  services: AppServices;
  contract: ServedContract;
  router: IpcRouter;
  stop(): Promise<void>;
}

/** No keyring (nothing is remembered), no window: only the services and their channels. */
export async function startTestApp(serverUrl: string): Promise<TestApp> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-app-'));
  const logger = pino({ level: 'silent' });
  const services = await AppServices.start({
    dataDir: dir,
    serverUrl,
    officeFlags: {},
    secretBackends: [],
    settingsFile: openConfSettingsFile,
    logger,
  });
  const router = new IpcRouter(
    {
      handle: () => undefined,
      broadcast: () => undefined,
      sendTo: () => false,
      onDisconnect: () => undefined,
    },
    { allowedOrigins: [], logger },
  );
  const contract = serveContract(router, services, {
    host: 'browser',
    version: 'test',
    power: { onWake: () => () => undefined },
    logger,
  });
  return {
    services,
    contract,
    router,
    stop: async () => {
      await contract.stop();
      await services.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * An office with SIP and the app's services against it, started before the describe block's
 * tests and stopped after them; the fields are set once the block's tests run.
 */
export function withSipOfficeAndApp(): { sipOffice: Pick<SipOffice, 'office' | 'sip'>; app: TestApp } {
  const sipOffice = useSipOffice();
  const started = { sipOffice } as { sipOffice: typeof sipOffice; app: TestApp };
  beforeAll(async () => {
    started.app = await startTestApp(sipOffice.office.baseUrl);
  });
  afterAll(() => started.app?.stop());
  return started;
}
