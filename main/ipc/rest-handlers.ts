// The office-route channels of a domain all do the same thing: forward the validated request
// to the route the contract names. One generic handler per such channel, no copies.
import { CONTRACT, type DomainName } from '../../common/ipc/contract';
import type { DomainHandlers } from './router';
import type { Sender } from './transport';
import type { PortalClient } from '../services/portal-client';

/**
 * Handlers for every channel of `domain` that carries a `rest` route. Typed as the whole
 * domain: callers add the domain's other channels (a channel left out answers `unavailable`).
 */
export function restHandlers<D extends DomainName>(domain: D, portal: PortalClient): DomainHandlers<D> {
  const handlers: Record<string, (request: unknown, sender: Sender) => Promise<unknown>> = {};
  for (const [action, spec] of Object.entries(CONTRACT[domain].requests)) {
    const route = 'rest' in spec ? spec.rest : undefined;
    if (route) handlers[action] = (request) => portal.call(route, request as object);
  }
  return handlers as DomainHandlers<D>;
}
