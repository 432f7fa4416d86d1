// An audio file the window sends in parts (each fits one frame of the browser host's socket), a
// greeting or music on hold, put together in order and handed on whole. One upload at a time:
// a part 0 starts afresh, and every later part must be for what part 0 was for (its target).
import { Buffer } from 'node:buffer';
import type { Static } from 'typebox';
import { GREETING_MAX_BYTES } from '../../common/api/voicemail';
import type { GreetingPart } from '../../common/ipc/domains/voicemail';
import { IpcFailure } from '../ipc/failure';

type Part = Pick<Static<typeof GreetingPart>, 'type' | 'index' | 'count' | 'data'>;

export class GreetingUpload {
  constructor(
    private readonly maxBytes = GREETING_MAX_BYTES,
    /** How refusals name the file. */
    private readonly noun = 'A greeting',
  ) {}

  private current: {
    type: Part['type'];
    count: number;
    target: string;
    parts: Buffer[];
    bytes: number;
  } | null = null;

  /**
   * Takes a part for `target` (what the file is for: a group's or menu's greeting; one name per
   * target); answers the whole file with its type once the last part arrived, else null.
   */
  add(part: Part, target = ''): { type: Part['type']; bytes: Buffer } | null {
    if (part.index === 0) this.current = { type: part.type, count: part.count, target, parts: [], bytes: 0 };
    const upload = this.current;
    if (
      !upload ||
      part.index !== upload.parts.length ||
      part.count !== upload.count ||
      part.type !== upload.type ||
      target !== upload.target
    ) {
      this.current = null;
      throw new IpcFailure(
        'invalid_request',
        `${this.noun}'s parts must arrive in order, from part 0`,
        'request.index',
      );
    }
    const bytes = Buffer.from(part.data, 'base64');
    upload.bytes += bytes.length;
    if (upload.bytes > this.maxBytes) {
      this.current = null;
      throw new IpcFailure(
        'payload_too_large',
        `${this.noun} may be at most ${this.maxBytes} bytes`,
        'request.data',
      );
    }
    upload.parts.push(bytes);
    if (upload.parts.length < upload.count) return null;
    this.current = null;
    return { type: upload.type, bytes: Buffer.concat(upload.parts) };
  }
}
