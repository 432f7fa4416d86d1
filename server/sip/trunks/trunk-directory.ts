// The office's trunks as the SIP service runs them: each enabled trunk registers (or is kept
// alive with OPTIONS), its carrier's addresses are held in memory for matching requests, and
// its calls are counted against its channel limit. What inbound routing and calls out (issue
// 23's items 2 and 3) use: `matchInbound`, `forOutbound`, `takeChannel`.
import { isIP } from 'node:net';
import type { Logger } from '../../logger';
import type { Clock } from '../../time';
import type { OfficeDb } from '../../db/database';
import type { SecretBox } from '../../secrets/secret-box';
import type { DirectoryEvents } from '../../directory/events';
import { loadTrunkConfigs, type TrunkConfig } from '../../directory/trunks';
import type { SipRequest } from '../message';
import { parseNameAddr, parseSipUri } from '../fields';
import type { SipStack } from '../stack';
import type { Flow } from '../transports/transport';
import { parseTrunkAddress, SourceSet, plainAddress } from './addresses';
import { CarrierLink } from './carrier-link';
import type { Resolver } from './resolve';
import { TrunkKeepalive } from './keepalive';
import { TrunkRegistration } from './registration';
import type { TrunkRunner, TrunkTimings } from './runner';
import type { TrunkStatusBoard } from './status-board';

export interface TrunkDirectoryDeps {
  stack: SipStack;
  db: OfficeDb;
  secrets: SecretBox;
  events: DirectoryEvents;
  clock: Clock;
  logger: Logger;
  board: TrunkStatusBoard;
  resolve: Resolver;
  timings: TrunkTimings;
  publicAddress: string;
  /** CAs trusted beside the system's for carriers' TLS certificates. */
  tlsCa: Buffer[];
}

/** A trunk the office runs now. */
export interface LiveTrunk {
  /** Its settings; a change of name, order or channel limit takes effect without a restart. */
  config: TrunkConfig;
  readonly runner: TrunkRunner;
  readonly link: CarrierLink;
  /** Where its calls may come from: its listed addresses and, resolved, its carrier's host. */
  sources: SourceSet;
  /** Names and IP addresses a request's From may give that say it comes from this carrier. */
  claimedBy: Set<string>;
  channels: number;
}

/** What a request is to the trunks: from one, claiming to be from one, or nothing to do with them. */
export type InboundMatch =
  { kind: 'trunk'; trunk: LiveTrunk } | { kind: 'claimed'; trunk: LiveTrunk } | { kind: 'none' };

const NONE: InboundMatch = { kind: 'none' };

/** Whether a trunk must be started anew for a change: anything but its name, order or limit changed. */
const runKey = (config: TrunkConfig) =>
  JSON.stringify({
    ...config,
    name: undefined,
    order: undefined,
    maxChannels: undefined,
    updatedAt: undefined,
  });

export class TrunkDirectory {
  private readonly live = new Map<string, LiveTrunk>();
  /** Registration trunks by the user part of the Contact they register. */
  private readonly byContactUser = new Map<string, LiveTrunk>();
  private readonly onChange = () => void this.reload();
  private reloading: Promise<void> = Promise.resolve();
  private resolveTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly deps: TrunkDirectoryDeps) {}

  async start(): Promise<void> {
    this.deps.board.started();
    this.deps.events.on('trunks-changed', this.onChange);
    await this.reload();
    this.resolveTimer = setInterval(() => void this.refreshSources(), this.deps.timings.resolveEveryMs);
    this.resolveTimer.unref();
  }

  /** Ends every registration (bounded in time) and forgets the trunks. */
  async close(): Promise<void> {
    this.closed = true;
    this.deps.events.off('trunks-changed', this.onChange);
    if (this.resolveTimer) clearInterval(this.resolveTimer);
    await this.reloading;
    await Promise.all([...this.live.values()].map((trunk) => trunk.runner.stop()));
    this.live.clear();
    this.byContactUser.clear();
    this.deps.board.stopped();
  }

  /** Reads the trunks again and starts, restarts or stops each as its settings say. One at a time. */
  reload(): Promise<void> {
    this.reloading = this.reloading
      .then(() => this.reconcile())
      .catch((error: unknown) =>
        this.deps.logger.error({ error: String(error) }, 'trunks could not be loaded'),
      );
    return this.reloading;
  }

  private async reconcile(): Promise<void> {
    if (this.closed) return;
    const configs = await loadTrunkConfigs(this.deps.db, this.deps.secrets);
    const wanted = new Map(configs.map((config) => [config.id, config]));
    for (const [id, trunk] of this.live) {
      const config = wanted.get(id);
      if (config && config.enabled && runKey(config) === runKey(trunk.config)) {
        trunk.config = config;
        continue;
      }
      await this.retire(trunk);
      if (!config) this.deps.board.forget(id);
    }
    for (const config of configs) {
      if (!config.enabled)
        this.deps.board.report(config.id, { state: 'disabled', retryAt: null, registeredUntil: null });
      else if (!this.live.has(config.id)) await this.launch(config);
    }
  }

  private async retire(trunk: LiveTrunk): Promise<void> {
    this.live.delete(trunk.config.id);
    if (this.byContactUser.get(trunk.config.contactUser) === trunk)
      this.byContactUser.delete(trunk.config.contactUser);
    await trunk.runner.stop();
  }

  private async launch(config: TrunkConfig): Promise<void> {
    const { deps } = this;
    const link = new CarrierLink(deps.stack, deps.resolve, config, deps.tlsCa);
    const runnerDeps = {
      stack: deps.stack,
      clock: deps.clock,
      logger: deps.logger,
      link,
      timings: deps.timings,
      publicAddress: deps.publicAddress,
      report: (report: Parameters<TrunkStatusBoard['report']>[1]) => {
        // A report that comes after the trunk was retired is not the trunk's any more.
        if (this.live.get(config.id)?.runner === runner) deps.board.report(config.id, report);
      },
    };
    const runner: TrunkRunner =
      config.kind === 'registration' && config.registration
        ? new TrunkRegistration(runnerDeps, { ...config, registration: config.registration })
        : new TrunkKeepalive(runnerDeps);
    const trunk: LiveTrunk = {
      config,
      runner,
      link,
      sources: new SourceSet(),
      claimedBy: new Set(),
      channels: 0,
    };
    this.live.set(config.id, trunk);
    if (config.kind === 'registration') this.byContactUser.set(config.contactUser, trunk);
    await this.resolveSources(trunk);
    runner.start();
  }

  /**
   * Resolves the trunk's names (its listed addresses and its host) into the addresses its calls
   * may come from. When a lookup fails, the addresses known before stay: a resolver that is down
   * for a while must not cut the carrier off.
   */
  private async resolveSources(trunk: LiveTrunk): Promise<void> {
    const { config } = trunk;
    const sources = new SourceSet();
    const claimedBy = new Set<string>([config.host.toLowerCase()]);
    let complete = true;
    for (const text of [...config.addresses, config.host]) {
      const entry = parseTrunkAddress(text);
      if (entry.kind !== 'name') {
        sources.add(entry);
        if (entry.kind === 'ip') claimedBy.add(entry.address);
        continue;
      }
      claimedBy.add(entry.name);
      try {
        sources.addResolved(await this.deps.resolve(entry.name));
      } catch (error) {
        complete = false;
        this.deps.logger.warn(
          { trunk: config.name, name: entry.name, error: String(error) },
          'trunk address did not resolve: its addresses known before stay',
        );
      }
    }
    if (complete || trunk.sources.size === 0) trunk.sources = sources;
    trunk.claimedBy = claimedBy;
  }

  private async refreshSources(): Promise<void> {
    for (const trunk of this.live.values()) await this.resolveSources(trunk);
  }

  /**
   * What a request is to the trunks, from memory alone. A call to a registration trunk's Contact
   * is that trunk's when it comes from its carrier; a request from an IP trunk's addresses is
   * that trunk's. A request from anywhere else that says it is a trunk's (its Contact, or a From
   * naming the carrier) is `claimed`: refused before any work.
   */
  matchInbound(request: SipRequest, flow: Flow): InboundMatch {
    if (this.live.size === 0) return NONE;
    const source = plainAddress(flow.address);
    let user: string | null = null;
    try {
      user = parseSipUri(request.uri).user;
    } catch {
      // Not a SIP URI: nothing a trunk's Contact could be.
    }
    const registered = user === null ? undefined : this.byContactUser.get(user);
    if (registered)
      return registered.sources.has(source)
        ? { kind: 'trunk', trunk: registered }
        : { kind: 'claimed', trunk: registered };
    for (const trunk of this.live.values())
      if (trunk.config.kind === 'ip' && trunk.sources.has(source)) return { kind: 'trunk', trunk };
    let fromHost: string;
    try {
      fromHost = parseSipUri(parseNameAddr(request.headers.get('From')!).uri).host.replace(/^\[|\]$/g, '');
    } catch {
      return NONE;
    }
    for (const trunk of this.live.values()) {
      if (trunk.config.kind !== 'ip') continue;
      if (trunk.claimedBy.has(fromHost) || (isIP(fromHost) !== 0 && trunk.sources.has(fromHost)))
        return { kind: 'claimed', trunk };
    }
    return NONE;
  }

  /**
   * The trunks a call out may take, in failover order: those up (registered, or answering), and
   * with a free channel unless `ignoreLimits` (an emergency call never waits behind a limit).
   */
  forOutbound(options: { ignoreLimits?: boolean } = {}): LiveTrunk[] {
    return [...this.live.values()]
      .filter(
        (trunk) => trunk.runner.up && (options.ignoreLimits || trunk.channels < trunk.config.maxChannels),
      )
      .sort((a, b) => a.config.order - b.config.order || a.config.name.localeCompare(b.config.name));
  }

  /**
   * Counts a call through the trunk: the function to call when it ends, or null when the trunk is
   * at its limit (and `force` is not set).
   */
  takeChannel(trunk: LiveTrunk, force = false): (() => void) | null {
    if (!force && trunk.channels >= trunk.config.maxChannels) return null;
    trunk.channels++;
    this.deps.board.channels(trunk.config.id, trunk.channels);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      trunk.channels--;
      this.deps.board.channels(trunk.config.id, trunk.channels);
    };
  }

  /** A connection closed: the trunk that used it goes on over a new one. */
  connectionClosed(connectionId: string): void {
    for (const trunk of this.live.values()) trunk.runner.connectionClosed(connectionId);
  }
}
