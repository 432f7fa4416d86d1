// A carrier on loopback: Kamailio with tests/support/carrier/kamailio.cfg, its subscribers in a
// db_text table, its location table read with kamcmd. It can be stopped and started again on
// the same ports, as a carrier restarting (its registrations, kept in memory, are then gone).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { vi } from 'vitest';
import { freeTcpPort } from '../../../server/free-port';
import { writeSubscriberTable } from '../kamailio-subscribers';

export const CARRIER_REALM = 'carrier.test';

export interface CarrierOptions {
  subscribers: { username: string; password: string }[];
  algorithm?: 'MD5' | 'SHA-256';
  /** The longest registration granted, in seconds (a short one makes the office refresh soon). */
  maxExpires?: number;
  /** A certificate and key: the carrier listens for TLS too. */
  tls?: { certFile: string; keyFile: string };
  /** Where subscribers' calls out go once they answered the carrier's challenge (`sip:127.0.0.1:5092`). */
  outsidePhone?: string;
  /**
   * Every call is a subscriber's, between numbers registered here: challenged (407) before it is
   * relayed. Not with `outsidePhone`.
   */
  challengeCalls?: boolean;
  /** The address it listens on (127.0.0.1): another, such as a network namespace's host side, for phones there. */
  address?: string;
}

export interface Binding {
  aor: string;
  contact: string;
  expires: number;
  cseq: number;
}

/** Whether something accepts TCP connections on the address and port now. */
function accepts(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, address, () => (socket.destroy(), resolve(true)));
    socket.on('error', () => resolve(false));
  });
}

export class Carrier {
  private process: ChildProcess | null = null;

  private constructor(
    private readonly dir: string,
    private readonly options: CarrierOptions,
    /** UDP and TCP. */
    readonly port: number,
    readonly tlsPort: number | null,
  ) {}

  get address(): string {
    return this.options.address ?? '127.0.0.1';
  }

  static async start(options: CarrierOptions): Promise<Carrier> {
    if (options.challengeCalls && options.outsidePhone)
      throw new Error('a carrier challenges every call or relays its subscribers’ calls out, not both');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-carrier-'));
    await writeSubscriberTable(dir, CARRIER_REALM, options.subscribers);
    if (options.tls)
      await writeFile(
        path.join(dir, 'tls.cfg'),
        `[server:default]\nmethod = TLSv1.2+\nverify_certificate = no\nrequire_certificate = no\n` +
          `private_key = ${options.tls.keyFile}\ncertificate = ${options.tls.certFile}\n`,
      );
    const carrier = new Carrier(dir, options, await freeTcpPort(), options.tls ? await freeTcpPort() : null);
    await carrier.run();
    return carrier;
  }

  get ctl(): string {
    return `unix:${path.join(this.dir, 'ctl')}`;
  }

  /** Starts Kamailio (again) on the carrier's ports, and waits until it takes connections. */
  async run(): Promise<void> {
    const { options, port, tlsPort, dir, address } = this;
    const args = [
      '-DD',
      '-E',
      '-f',
      path.resolve('tests/support/carrier/kamailio.cfg'),
      '-A',
      `LISTEN_UDP=udp:${address}:${port}`,
      '-A',
      `LISTEN_TCP=tcp:${address}:${port}`,
      '-A',
      `DBURL="text://${path.join(dir, 'db')}"`,
      '-A',
      `CTL="${this.ctl}"`,
      '-A',
      `ALGORITHM="${options.algorithm ?? 'MD5'}"`,
      '-A',
      `MAX_EXPIRES=${options.maxExpires ?? 3600}`,
      ...(options.outsidePhone ? ['-A', `OUTSIDE_PHONE="${options.outsidePhone}"`] : []),
      ...(options.challengeCalls ? ['-A', 'CHALLENGE_CALLS'] : []),
      ...(tlsPort === null
        ? []
        : [
            '-A',
            'WITH_TLS',
            '-A',
            `LISTEN_TLS=tls:${address}:${tlsPort}`,
            '-A',
            `TLSCFG="${path.join(dir, 'tls.cfg')}"`,
          ]),
    ];
    const child = spawn('kamailio', args, { detached: true, stdio: 'ignore' });
    this.process = child;
    await vi.waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`kamailio exited with ${child.exitCode}`);
        if (!(await accepts(address, port))) throw new Error('kamailio does not accept connections yet');
      },
      { timeout: 15_000, interval: 100 },
    );
  }

  /** Stops Kamailio (every process of it), keeping its files for `run`. */
  async halt(): Promise<void> {
    const child = this.process;
    this.process = null;
    if (!child?.pid || child.exitCode !== null) return;
    const exited = once(child, 'exit');
    process.kill(-child.pid, 'SIGTERM');
    await exited;
    // Its worker processes leave with it; the ports are free once nothing accepts any more.
    await vi.waitFor(
      async () => {
        if (await accepts(this.address, this.port)) throw new Error('kamailio still accepts connections');
      },
      { timeout: 10_000, interval: 100 },
    );
  }

  async close(): Promise<void> {
    await this.halt();
    await rm(this.dir, { recursive: true, force: true });
  }

  /** The highest CSeq of an INVITE to a barred number (+4420794600…): how many times it was tried. */
  async barredAttempts(): Promise<number> {
    const { stdout } = await promisify(execFile)('kamcmd', ['-s', this.ctl, 'pv.shvGet', 'barred_cseq']);
    const value = /value:\s*(\d+)/.exec(stdout)?.[1];
    if (value === undefined) throw new Error(`no barred_cseq in ${stdout}`);
    return Number(value);
  }

  /** The P-Asserted-Identity of the last call it let through (`challengeCalls`), '' when it had none. */
  async lastAssertedIdentity(): Promise<string> {
    const { stdout } = await promisify(execFile)('kamcmd', ['-s', this.ctl, 'pv.shvGet', 'last_pai']);
    const value = /value:\s*(.*)/.exec(stdout)?.[1];
    if (value === undefined) throw new Error(`no last_pai in ${stdout}`);
    return value === 'none' ? '' : value.trim();
  }

  /** The location table (usrloc), read with `kamcmd ul.dump`. */
  async bindings(): Promise<Binding[]> {
    const { stdout } = await promisify(execFile)('kamcmd', ['-s', this.ctl, 'ul.dump']);
    const bindings: Binding[] = [];
    let aor = '';
    for (const line of stdout.split('\n')) {
      const [key, ...rest] = line.trim().split(': ');
      const value = rest.join(': ');
      if (key === 'AoR') aor = value;
      else if (key === 'Address') bindings.push({ aor, contact: value, expires: 0, cseq: 0 });
      else if (key === 'Expires' && bindings.length) bindings[bindings.length - 1]!.expires = Number(value);
      else if (key === 'CSeq' && bindings.length) bindings[bindings.length - 1]!.cseq = Number(value);
    }
    return bindings;
  }
}
