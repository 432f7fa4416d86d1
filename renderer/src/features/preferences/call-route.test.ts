import { describe, expect, it } from 'vitest';
import { callRoute, type RoutePreferences } from './call-route';

const off = { enabled: false, target: null };
const base: RoutePreferences = {
  doNotDisturb: false,
  forwardAlways: off,
  forwardBusy: off,
  forwardNoAnswer: off,
  ringTimeoutSeconds: 25,
};
const context = { extension: '101', voicemail: true };

describe('callRoute', () => {
  it('rings for the ring time, then voicemail for no answer and busy alike', () => {
    expect(callRoute(base, context)).toEqual({
      kind: 'ring',
      seconds: 25,
      noAnswer: { kind: 'voicemail' },
      busy: { kind: 'voicemail' },
    });
  });

  it('sends nothing to the phone on do-not-disturb, even with forward always on', () => {
    expect(
      callRoute({ ...base, doNotDisturb: true, forwardAlways: { enabled: true, target: '102' } }, context),
    ).toEqual({ kind: 'do-not-disturb', then: { kind: 'voicemail' } });
  });

  it('forwards at once with forward always', () => {
    expect(callRoute({ ...base, forwardAlways: { enabled: true, target: '102' } }, context)).toEqual({
      kind: 'forward-always',
      target: '102',
    });
  });

  it('applies the busy and no-answer rules each to its own case', () => {
    expect(
      callRoute(
        {
          ...base,
          ringTimeoutSeconds: 10,
          forwardBusy: { enabled: true, target: '103' },
          forwardNoAnswer: { enabled: true, target: '104' },
        },
        context,
      ),
    ).toEqual({
      kind: 'ring',
      seconds: 10,
      noAnswer: { kind: 'forward', target: '104' },
      busy: { kind: 'forward', target: '103' },
    });
  });

  it('ignores a rule that is off, has no target, or points back at the extension itself', () => {
    expect(
      callRoute(
        {
          ...base,
          forwardAlways: { enabled: true, target: '101' },
          forwardBusy: { enabled: false, target: '103' },
          forwardNoAnswer: { enabled: true, target: null },
        },
        context,
      ),
    ).toEqual({ kind: 'ring', seconds: 25, noAnswer: { kind: 'voicemail' }, busy: { kind: 'voicemail' } });
  });

  it('misses the call where there is no voicemail', () => {
    expect(callRoute({ ...base, doNotDisturb: true }, { ...context, voicemail: false })).toEqual({
      kind: 'do-not-disturb',
      then: { kind: 'missed' },
    });
    expect(callRoute(base, { ...context, voicemail: false })).toMatchObject({
      noAnswer: { kind: 'missed' },
      busy: { kind: 'missed' },
    });
  });
});
