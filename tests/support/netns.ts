// A network namespace joined to this one by a veth pair: another "machine" on a /30 of its own
// (a desk phone on the office LAN), made by `ip netns` for one test and removed after it.
// Needs root (the tests run as root here, as in CI).
import { execFile, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

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
  const tag = `${process.pid % 10000}${index}`;
  const name = `sb-${tag}`;
  const hostSide = `sbh${tag}`;
  const nsSide = `sbn${tag}`;
  const hostAddress = `10.77.${index}.1`;
  const address = `10.77.${index}.2`;
  const ip = (...args: string[]) => run('ip', args);
  const inside = (...args: string[]) => run('ip', ['netns', 'exec', name, 'ip', ...args]);
  const remove = async () => {
    await ip('netns', 'del', name).catch(() => undefined);
    await ip('link', 'del', hostSide).catch(() => undefined);
  };
  await remove();
  try {
    await ip('netns', 'add', name);
    await ip('link', 'add', hostSide, 'type', 'veth', 'peer', 'name', nsSide);
    await ip('link', 'set', nsSide, 'netns', name);
    await ip('addr', 'add', `${hostAddress}/30`, 'dev', hostSide);
    await ip('link', 'set', hostSide, 'up');
    await inside('addr', 'add', `${address}/30`, 'dev', nsSide);
    await inside('link', 'set', nsSide, 'up');
    await inside('link', 'set', 'lo', 'up');
    await inside('route', 'add', 'default', 'via', hostAddress);
  } catch (error) {
    await remove();
    throw new Error(`could not make network namespace ${name} (ip netns needs root): ${String(error)}`);
  }
  return {
    name,
    hostAddress,
    address,
    spawn: (command, args, options = {}) => spawn('ip', ['netns', 'exec', name, command, ...args], options),
    remove,
  };
}
