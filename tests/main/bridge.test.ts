// The renderer's API built from the contract: named functions on the right channels, and
// listeners that unsubscribe.
import { describe, expect, it } from 'vitest';
import { buildBridge } from '../../common/ipc/bridge';
import { CONTRACT } from '../../common/ipc/contract';

describe('buildBridge', () => {
  const invoked: [string, unknown][] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const api = buildBridge({
    invoke: async (channel, request) => {
      invoked.push([channel, request]);
      return { ok: true, value: null };
    },
    subscribe: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  });

  it('exposes one named function per channel and one on… per event, nothing else', () => {
    for (const [domain, spec] of Object.entries(CONTRACT)) {
      const names = Object.keys((api as any)[domain]).sort();
      const expected = [
        ...Object.keys(spec.requests),
        ...Object.keys(spec.events).map((e) => `on${e[0]!.toUpperCase()}${e.slice(1)}`),
      ].sort();
      expect(names, domain).toEqual(expected);
    }
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.calls)).toBe(true);
  });

  it('sends each call on its kebab-case channel', async () => {
    await api.calls.hangUp({ callId: 'c1' });
    await api.admin.resetPassword({ id: 'u1', body: { mode: 'automatic' } });
    expect(invoked).toEqual([
      ['calls:hang-up', { callId: 'c1' }],
      ['admin:reset-password', { id: 'u1', body: { mode: 'automatic' } }],
    ]);
  });

  it('delivers events to a listener until it unsubscribes', () => {
    const seen: unknown[] = [];
    const unsubscribe = api.registration.onStateChanged((state) => seen.push(state.state));
    const emit = (payload: unknown) =>
      listeners.get('registration:state-changed')!.forEach((l) => l(payload));
    emit({ state: 'registered', reason: null, retryInSeconds: null });
    unsubscribe();
    emit({ state: 'unregistered', reason: null, retryInSeconds: null });
    expect(seen).toEqual(['registered']);
  });
});
