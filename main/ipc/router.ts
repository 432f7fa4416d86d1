// The one place main answers IPC: every channel of the contract is registered here, each
// payload validated against its schema and each sender checked before a handler runs, and
// every outcome wrapped as `{ ok, value } | { ok: false, error }`.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { channelName, eventName } from '../../common/ipc/channel';
import {
  CONTRACT,
  type ActionOf,
  type DomainName,
  type EventOf,
  type EventPayload,
  type RequestFor,
  type ResultFor,
} from '../../common/ipc/contract';
import type { IpcResult } from '../../common/ipc/result';
import type { Logger } from '../logger';
import { IpcFailure } from './failure';
import type { IpcTransport, Sender } from './transport';

/** A handler may look at who asked (`sender.connection`) when its answer concerns that page alone. */
export type DomainHandlers<D extends DomainName> = {
  [A in ActionOf<D>]: (request: RequestFor<D, A>, sender: Sender) => Promise<ResultFor<D, A>>;
};

/** Main asking on its own behalf (a link, a notification): no page, so no page-only answer. */
const MAIN_ITSELF: Sender = { origin: null, topLevel: true, connection: 'main' };

type AnyHandler = (request: unknown, sender: Sender) => Promise<unknown>;

export interface IpcRouterOptions {
  /** The app's own page origins; requests from any other origin are refused. */
  allowedOrigins: readonly string[];
  logger: Logger;
}

/** A readable message and the field it is about, from the first schema error. */
function describe(error: ErrorObject | undefined): { message: string; field: string } {
  if (!error) return { message: 'The request is malformed', field: 'request' };
  const path = `request${error.instancePath.replaceAll('/', '.')}`;
  if (error.keyword === 'additionalProperties') {
    const name = String((error.params as { additionalProperty: string }).additionalProperty);
    return { message: `${path}.${name} is not a known field`, field: `${path}.${name}` };
  }
  if (error.keyword === 'required') {
    const name = String((error.params as { missingProperty: string }).missingProperty);
    return { message: `${path}.${name} is required`, field: `${path}.${name}` };
  }
  return { message: `${path} ${error.message ?? 'is invalid'}`, field: path };
}

export class IpcRouter {
  private readonly handlers = new Map<string, AnyHandler>();
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  constructor(
    private readonly transport: IpcTransport,
    private readonly options: IpcRouterOptions,
  ) {
    // Exactly as the office validates bodies: no coercion, no defaults filled in.
    const ajv = addFormats.default(new Ajv({ allErrors: false, coerceTypes: false, strict: false }));
    for (const [domain, spec] of Object.entries(CONTRACT)) {
      for (const [action, channel] of Object.entries(spec.requests)) {
        const name = channelName(domain, action);
        const validate = ajv.compile(channel.request);
        this.validators.set(name, validate);
        transport.handle(name, (sender, payload) => this.dispatch(name, validate, sender, payload));
      }
    }
  }

  /** Serves every channel of one domain (the handlers' types come from the contract). */
  serve<D extends DomainName>(domain: D, handlers: DomainHandlers<D>): void {
    for (const [action, handler] of Object.entries(handlers)) {
      this.handlers.set(channelName(domain, action), handler as AnyHandler);
    }
  }

  publish<D extends DomainName, E extends EventOf<D>>(
    domain: D,
    event: E,
    payload: EventPayload<D, E>,
  ): void {
    const name = eventName(domain, event);
    this.transport.broadcast(name, payload);
    for (const listener of this.listeners.get(name) ?? []) listener(payload);
  }

  /** Main's own interest in an event the window gets too (the tray, system notifications). */
  listen<D extends DomainName, E extends EventOf<D>>(
    domain: D,
    event: E,
    listener: (payload: EventPayload<D, E>) => void,
  ): () => void {
    const name = eventName(domain, event);
    const listeners = this.listeners.get(name) ?? new Set();
    this.listeners.set(name, listeners);
    const untyped = listener as (payload: unknown) => void;
    listeners.add(untyped);
    return () => listeners.delete(untyped);
  }

  /**
   * Main's own use of a channel (a link to dial, a notification's Answer): the same validation
   * and handler as a request from the window, and the same result.
   */
  invoke<D extends DomainName, A extends ActionOf<D>>(
    domain: D,
    action: A,
    request: RequestFor<D, A>,
  ): Promise<IpcResult<ResultFor<D, A>>> {
    const name = channelName(domain, action);
    return this.run(name, this.validators.get(name)!, MAIN_ITSELF, request) as Promise<
      IpcResult<ResultFor<D, A>>
    >;
  }

  /** An event for one page only; false when that page is gone. */
  sendTo<D extends DomainName, E extends EventOf<D>>(
    connection: string,
    domain: D,
    event: E,
    payload: EventPayload<D, E>,
  ): boolean {
    return this.transport.sendTo(connection, eventName(domain, event), payload);
  }

  onDisconnect(listener: (connection: string) => void): void {
    this.transport.onDisconnect(listener);
  }

  private async dispatch(
    name: string,
    validate: ValidateFunction,
    sender: Sender,
    payload: unknown,
  ): Promise<IpcResult<unknown>> {
    if (!sender.topLevel || sender.origin === null || !this.options.allowedOrigins.includes(sender.origin)) {
      this.options.logger.warn(
        { channel: name, origin: sender.origin },
        'IPC request from a foreign sender refused',
      );
      return fail('forbidden_sender', 'Only the app’s own window may use this channel');
    }
    return this.run(name, validate, sender, payload);
  }

  private async run(
    name: string,
    validate: ValidateFunction,
    sender: Sender,
    payload: unknown,
  ): Promise<IpcResult<unknown>> {
    if (!validate(payload)) {
      const { message, field } = describe(validate.errors?.[0]);
      return { ok: false, error: { code: 'invalid_request', message, field } };
    }
    const handler = this.handlers.get(name);
    if (!handler) return fail('unavailable', `${name} is not available in this version of the app`);
    try {
      return { ok: true, value: await handler(payload, sender) };
    } catch (error) {
      if (error instanceof IpcFailure) return { ok: false, error: error.toError() };
      this.options.logger.error({ channel: name, err: error }, 'IPC handler failed');
      return fail('internal_error', 'Something went wrong in the app; the details are in its log');
    }
  }
}

const fail = (code: 'forbidden_sender' | 'unavailable' | 'internal_error', message: string) =>
  ({ ok: false, error: { code, message } }) as const;
