// admin: the administrator's office routes, forwarded as they are (the office checks the rights).
import type { PortalClient } from '../services/portal-client';
import { restHandlers } from './rest-handlers';
import type { IpcRouter } from './router';

export function serveAdmin(router: IpcRouter, portal: PortalClient): void {
  router.serve('admin', restHandlers('admin', portal));
}
