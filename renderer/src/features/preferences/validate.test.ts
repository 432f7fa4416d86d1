import { describe, expect, it } from 'vitest';
import type { Preferences } from '../../../../common/api/preferences';
import { changes, draftOf, validate } from './validate';

const saved: Preferences = {
  doNotDisturb: false,
  forwardAlways: { enabled: false, target: null },
  forwardBusy: { enabled: false, target: '103' },
  forwardNoAnswer: { enabled: false, target: null },
  ringTimeoutSeconds: 20,
  callerIdName: 'Ada',
  language: null,
  mailLanguage: 'en',
  outboundCalls: 'national',
  hideCallerId: false,
};

describe('preferences validation', () => {
  it('accepts what the office has', () => {
    expect(validate(draftOf(saved), '101')).toEqual({});
  });

  it('names each wrong field', () => {
    const draft = {
      ...draftOf(saved),
      forwardAlways: { enabled: true, target: null },
      forwardBusy: { enabled: false, target: '1a' },
      forwardNoAnswer: { enabled: true, target: '101' },
      ringTimeoutSeconds: '4',
      callerIdName: '   ',
    };
    expect(validate(draft, '101')).toEqual({
      forwardAlways: 'preferences.errors.targetRequired',
      forwardBusy: 'preferences.errors.target',
      forwardNoAnswer: 'preferences.errors.targetSelf',
      ringTimeoutSeconds: 'preferences.errors.ringTime',
      callerIdName: 'preferences.errors.callerIdName',
    });
    expect(validate({ ...draftOf(saved), ringTimeoutSeconds: '121' }, '101')).toHaveProperty(
      'ringTimeoutSeconds',
    );
    expect(validate({ ...draftOf(saved), ringTimeoutSeconds: '2.5' }, '101')).toHaveProperty(
      'ringTimeoutSeconds',
    );
  });

  it('refuses a forward to an extension the directory says is nobody’s, not one still unknown or off', () => {
    const draft = {
      ...draftOf(saved),
      forwardAlways: { enabled: true, target: '999' },
      forwardBusy: { enabled: true, target: '103' },
      forwardNoAnswer: { enabled: false, target: '998' },
    };
    const owners = new Map([
      ['999', null],
      ['998', null],
      ['103', 'Zoë Brontë-Ødegaard'],
    ]);
    expect(validate(draft, '101', owners)).toEqual({ forwardAlways: 'preferences.errors.targetUnknown' });
    expect(validate(draft, '101')).toEqual({});
  });

  it('patches only what changed, with an emptied target as null', () => {
    expect(changes(saved, draftOf(saved))).toEqual({});
    expect(
      changes(saved, {
        ...draftOf(saved),
        doNotDisturb: true,
        forwardBusy: { enabled: false, target: '' },
        ringTimeoutSeconds: '30',
        callerIdName: ' Ada L ',
      }),
    ).toEqual({
      doNotDisturb: true,
      forwardBusy: { enabled: false, target: null },
      ringTimeoutSeconds: 30,
      callerIdName: 'Ada L',
    });
  });
});
