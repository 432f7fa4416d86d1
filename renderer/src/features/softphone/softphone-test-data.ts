// What the softphone's channels answer in its component tests.
import { ok, type ChannelAnswers } from '../../test-support/render';
import type { Call } from './use-calls';
import type { Registration } from './use-registration';
import { DEFAULT_SETTINGS } from '../../../../common/ipc/domains/settings';

export const REGISTERED: Registration = { state: 'registered', reason: null, retryInSeconds: null };

export const call = (overrides: Partial<Call> = {}): Call => ({
  id: 'c1',
  direction: 'outgoing',
  remoteNumber: '102',
  remoteName: 'Grace Hopper',
  state: 'active',
  muted: false,
  remoteHold: false,
  failure: null,
  transfer: null,
  transferredBy: null,
  startedAt: new Date().toISOString(),
  ...overrides,
});

/** A registered softphone with no calls; each test adds or replaces what it is about. */
export const answers = (more: ChannelAnswers = {}, calls: Call[] = []): ChannelAnswers => ({
  'registration:state': () => ok(REGISTERED),
  'calls:list': () => ok(calls),
  'settings:get': () => ok(DEFAULT_SETTINGS),
  'portal:directory': () => ok({ items: [], nextCursor: null }),
  'portal:conferences': () => ok({ items: [] }),
  ...more,
});
