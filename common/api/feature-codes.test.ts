import { describe, expect, it } from 'vitest';
import { FEATURE_CODES, parseFeatureCode } from './feature-codes';

describe('feature codes', () => {
  it('reads a code, with the extension after it for those that take one', () => {
    expect(parseFeatureCode('*97')).toEqual({ action: 'own-voicemail', extension: null });
    expect(parseFeatureCode('*98')).toEqual({ action: 'any-voicemail', extension: null });
    expect(parseFeatureCode('*45600')).toEqual({ action: 'group-log-in', extension: '600' });
    expect(parseFeatureCode('*4612345678')).toEqual({ action: 'group-log-out', extension: '12345678' });
  });

  it('is no feature code: an extension, a code with something after it that takes nothing, a bad extension', () => {
    for (const dialled of [
      '600',
      '*9',
      '*971',
      '*45',
      '*456',
      '*45123456789',
      '*45a60',
      '*47600',
      '**45600',
      '',
    ])
      expect(parseFeatureCode(dialled), dialled).toBeNull();
  });

  it('keeps codes apart: none is the start of another, so each dialled string means one thing', () => {
    for (const a of FEATURE_CODES)
      for (const b of FEATURE_CODES)
        if (a !== b) expect(b.code.startsWith(a.code), `${a.code} ${b.code}`).toBe(false);
  });
});
