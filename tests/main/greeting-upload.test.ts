// A greeting crosses from the window in parts; main puts them together in order, within the
// office's limit, or refuses and forgets what it had.
import { describe, expect, it } from 'vitest';
import { GREETING_MAX_BYTES } from '../../common/api/voicemail';
import { GREETING_PART_BYTES } from '../../common/ipc/domains/voicemail';
import { GreetingUpload } from '../../main/voicemail/greeting-upload';

const part = (
  index: number,
  count: number,
  bytes: Buffer,
  type: 'audio/wav' | 'audio/mpeg' = 'audio/wav',
) => ({
  type,
  index,
  count,
  data: bytes.toString('base64'),
});

describe('GreetingUpload', () => {
  it('answers the whole file with the last part, in order', () => {
    const upload = new GreetingUpload();
    expect(upload.add(part(0, 3, Buffer.from('RIFF')))).toBeNull();
    expect(upload.add(part(1, 3, Buffer.from('....')))).toBeNull();
    expect(upload.add(part(2, 3, Buffer.from('WAVE')))).toEqual({
      type: 'audio/wav',
      bytes: Buffer.from('RIFF....WAVE'),
    });
  });

  it('refuses a part out of order, or of another file, and starts again at part 0', () => {
    const upload = new GreetingUpload();
    expect(() => upload.add(part(1, 2, Buffer.from('late')))).toThrow(
      expect.objectContaining({ code: 'invalid_request' }),
    );
    upload.add(part(0, 2, Buffer.from('ID3')));
    expect(() => upload.add(part(1, 2, Buffer.from('x'), 'audio/mpeg'))).toThrow(
      expect.objectContaining({ field: 'request.index' }),
    );
    // What it had is gone: part 1 alone is refused, a new part 0 starts a new file.
    expect(() => upload.add(part(1, 2, Buffer.from('x')))).toThrow();
    upload.add(part(0, 1, Buffer.from('x'), 'audio/mpeg'));
  });

  it('refuses a file larger than the office takes', () => {
    const upload = new GreetingUpload();
    const full = Buffer.alloc(GREETING_PART_BYTES, 1);
    const count = Math.ceil(GREETING_MAX_BYTES / GREETING_PART_BYTES);
    for (let index = 0; index < count - 1; index++) upload.add(part(index, count, full));
    expect(() => upload.add(part(count - 1, count, Buffer.alloc(GREETING_PART_BYTES + 1, 1)))).toThrow(
      expect.objectContaining({ code: 'payload_too_large' }),
    );
  });
});
