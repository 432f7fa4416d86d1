// Host names of carriers to addresses, through the system's resolver (getaddrinfo: /etc/hosts,
// then DNS), bounded in time so neither a save nor a registration waits on a dead resolver.
import { lookup } from 'node:dns/promises';

/** The addresses of a name; rejects when it has none or the resolver does not answer in time. */
export type Resolver = (name: string) => Promise<string[]>;

const LOOKUP_TIMEOUT_MS = 5_000;

export const systemResolver: Resolver = async (name) => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer for ${name} within 5 s`)), LOOKUP_TIMEOUT_MS);
  });
  try {
    const found = await Promise.race([lookup(name, { all: true }), timeout]);
    // IPv4 first: carriers and NATs still speak it most.
    return found.sort((a, b) => a.family - b.family).map((entry) => entry.address);
  } finally {
    clearTimeout(timer);
  }
};
