// Network namespaces a test makes and removes: a phone on another machine of the LAN (a veth
// pair), or behind a home router that masquerades (two namespaces and iptables). Traffic stays
// inside this machine. Needs root, iproute2 and iptables.
import { execFile, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function ip(...args: string[]): Promise<void> {
  await run('ip', args);
}

/** A namespace and the commands to undo what was built for it, newest first. */
export class Namespaces {
  private readonly undo: (() => Promise<unknown>)[] = [];
  private readonly id = randomBytes(3).toString('hex');

  /** A name unique to this run (interface names stay within Linux's 15 characters). */
  name(role: string): string {
    return `sb${role}${this.id}`;
  }

  async add(role: string): Promise<string> {
    const name = this.name(role);
    await ip('netns', 'add', name);
    this.undo.push(() => ip('netns', 'delete', name));
    await this.exec(name, 'ip', 'link', 'set', 'lo', 'up');
    return name;
  }

  /**
   * A veth pair between `a` (null: this machine's own namespace) and `b`, with an address on
   * each end of one subnet.
   */
  async link(
    a: { namespace: string | null; address: string },
    b: { namespace: string; address: string },
    prefix: number,
    role: string,
  ): Promise<{ aInterface: string; bInterface: string }> {
    const aInterface = this.name(`${role}a`);
    const bInterface = this.name(`${role}b`);
    await ip('link', 'add', aInterface, 'type', 'veth', 'peer', 'name', bInterface);
    // Deleting one end removes the pair, and a namespace's deletion takes its end with it.
    this.undo.push(() => ip('link', 'delete', aInterface).catch(() => undefined));
    if (a.namespace) await ip('link', 'set', aInterface, 'netns', a.namespace);
    await ip('link', 'set', bInterface, 'netns', b.namespace);
    const inA = (...args: string[]) => (a.namespace ? this.exec(a.namespace, 'ip', ...args) : ip(...args));
    await inA('addr', 'add', `${a.address}/${prefix}`, 'dev', aInterface);
    await inA('link', 'set', aInterface, 'up');
    await this.exec(b.namespace, 'ip', 'addr', 'add', `${b.address}/${prefix}`, 'dev', bInterface);
    await this.exec(b.namespace, 'ip', 'link', 'set', bInterface, 'up');
    return { aInterface, bInterface };
  }

  exec(namespace: string, command: string, ...args: string[]) {
    return run('ip', ['netns', 'exec', namespace, command, ...args]);
  }

  async removeAll(): Promise<void> {
    while (this.undo.length) await this.undo.pop()!().catch(() => undefined);
  }
}

/** Whether namespaces can be made here (root with iproute2 and iptables). */
export async function canMakeNamespaces(): Promise<boolean> {
  try {
    await run('ip', ['netns', 'list']);
    await run('iptables', ['--version']);
    return process.getuid?.() === 0;
  } catch {
    return false;
  }
}

export interface PhoneEvent {
  event: string;
  [key: string]: unknown;
}

/** tests/support/udp-phone.ts running in a namespace: its events in order, and its commands. */
export class PhoneProcess {
  private readonly events: PhoneEvent[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly child: ChildProcess;
  stderr = '';

  constructor(
    namespace: string,
    options: Record<'office' | 'bind' | 'extension' | 'username' | 'password' | 'domain', string>,
  ) {
    const tsx = path.resolve(import.meta.dirname, '../../node_modules/.bin/tsx');
    const script = path.resolve(import.meta.dirname, 'udp-phone.ts');
    const flags = Object.entries(options).flatMap(([name, value]) => [`--${name}`, value]);
    this.child = spawn('ip', ['netns', 'exec', namespace, tsx, script, ...flags], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      this.events.push(JSON.parse(line) as PhoneEvent);
      for (const wake of [...this.waiters]) wake();
    });
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
  }

  /** The first event named `name` not taken yet. */
  async next(name: string, timeoutMs = 10_000): Promise<PhoneEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.events.findIndex((e) => e.event === name);
      if (index >= 0) return this.events.splice(index, 1)[0]!;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `the phone reported no ${name}; it said ${JSON.stringify(this.events)} ${this.stderr}`,
        );
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.waiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.waiters.add(wake);
      });
    }
  }

  command(line: string): void {
    this.child.stdin!.write(`${line}\n`);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill();
    await exited;
  }
}

/** Another machine of the LAN: a namespace joined to this one by a veth pair on a /30 of its own. */
export interface Namespace {
  name: string;
  /** This side's address on the veth (the office listens there). */
  hostAddress: string;
  /** The namespace's address (the phone's). */
  address: string;
  /** Starts a program inside the namespace. */
  spawn(command: string, args: string[], options?: SpawnOptions): ChildProcess;
  remove(): Promise<void>;
}

/** A namespace numbered `index` (0–63): 10.77.<index>.1 here, 10.77.<index>.2 there. */
export async function createNamespace(index: number): Promise<Namespace> {
  const namespaces = new Namespaces();
  const hostAddress = `10.77.${index}.1`;
  const address = `10.77.${index}.2`;
  try {
    const name = await namespaces.add('ph');
    await namespaces.link({ namespace: null, address: hostAddress }, { namespace: name, address }, 30, 'v');
    await namespaces.exec(name, 'ip', 'route', 'add', 'default', 'via', hostAddress);
    return {
      name,
      hostAddress,
      address,
      spawn: (command, args, options = {}) => spawn('ip', ['netns', 'exec', name, command, ...args], options),
      remove: () => namespaces.removeAll(),
    };
  } catch (error) {
    await namespaces.removeAll();
    throw new Error(`could not make a network namespace (ip netns needs root): ${String(error)}`);
  }
}
