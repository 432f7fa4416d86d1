import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../errors';

/** A satisfiable single byte range, both ends included. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Reads a `Range` header against a file of `size` bytes (RFC 9110 §14): one range of bytes,
 * `a-b`, `a-` or `-n`. Several ranges, another unit or bad syntax are ignored (null: send the
 * whole file, as the RFC allows); a well-formed range that starts past the end is
 * 'unsatisfiable' (416).
 */
export function parseByteRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  const [first, last] = [match[1]!, match[2]!];
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

/** Whether an `If-None-Match` header names this entity tag (weak comparison, `*` matches all). */
export function matchesEntityTag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}

/** A file open to be sent: its size and time, and its bytes as a stream (which closes it). */
export interface FileToSend {
  size: number;
  modifiedMs: number;
  stream(range: ByteRange | null): Readable;
  close(): Promise<void>;
}

/**
 * Answers a GET for a file that caches and players fetch in parts: `ETag` with
 * `If-None-Match` (304), `Range` with `If-Range` (206, or 416 past the end), else the whole
 * file. No file (null) is a 404, not a server error. The file is closed whatever the answer.
 */
export async function sendFile(
  request: FastifyRequest,
  reply: FastifyReply,
  file: {
    content: FileToSend | null;
    type: string;
    etag: (size: number, modifiedMs: number) => string;
    what: string;
  },
): Promise<FastifyReply> {
  const { content } = file;
  if (!content) throw notFound(file.what);
  const etag = file.etag(content.size, content.modifiedMs);
  reply.header('etag', etag).header('accept-ranges', 'bytes').header('cache-control', 'private, no-cache');
  if (matchesEntityTag(request.headers['if-none-match'], etag)) {
    await content.close();
    return reply.status(304).send();
  }
  const ifRange = request.headers['if-range'];
  const range =
    ifRange === undefined || ifRange === etag ? parseByteRange(request.headers.range, content.size) : null;
  if (range === 'unsatisfiable') {
    await content.close();
    return reply
      .status(416)
      .header('content-range', `bytes */${content.size}`)
      .type('application/json')
      .send({
        error: { code: 'bad_request', message: `The range is past the end of the ${content.size}-byte file` },
      });
  }
  reply.type(file.type);
  if (!range) return reply.header('content-length', content.size).send(content.stream(null));
  return reply
    .status(206)
    .header('content-range', `bytes ${range.start}-${range.end}/${content.size}`)
    .header('content-length', range.end - range.start + 1)
    .send(content.stream(range));
}
