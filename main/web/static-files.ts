// Serves the built renderer folder: GET and HEAD only, nothing outside the folder.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.mp3': 'audio/mpeg',
};

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Switchboard</title></head>
<body><h1>Switchboard is running, but its renderer is not built</h1>
<p>The page that shows the app has not been built in this copy of Switchboard yet.
The office and the app's services are running; build the renderer and start again.</p></body></html>
`;

/** The file a request path names inside `root`, or null when it would leave it. */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  return file === root || file.startsWith(`${root}${path.sep}`) ? file : null;
}

export async function serveStatic(
  root: string,
  request: IncomingMessage,
  response: ServerResponse,
  headers: Record<string, string>,
): Promise<void> {
  const send = (status: number, type: string, body: string) => {
    response.writeHead(status, { ...headers, 'content-type': type });
    response.end(request.method === 'HEAD' ? undefined : body);
  };
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('allow', 'GET, HEAD');
    return send(405, 'text/plain; charset=utf-8', 'Method not allowed\n');
  }
  const urlPath = new URL(request.url ?? '/', 'http://host').pathname;
  const wanted = resolveInside(root, urlPath.endsWith('/') ? `${urlPath}index.html` : urlPath);
  if (wanted === null) return send(400, 'text/plain; charset=utf-8', 'Bad path\n');
  const found = await stat(wanted).catch(() => null);
  if (!found?.isFile()) {
    const index = await stat(path.join(root, 'index.html')).catch(() => null);
    if (!index?.isFile()) return send(urlPath === '/' ? 503 : 404, 'text/html; charset=utf-8', NOT_BUILT);
    return send(404, 'text/plain; charset=utf-8', 'Not found\n');
  }
  response.writeHead(200, {
    ...headers,
    'content-type': CONTENT_TYPES[path.extname(wanted)] ?? 'application/octet-stream',
    'content-length': String(found.size),
  });
  if (request.method === 'HEAD') return void response.end();
  createReadStream(wanted).pipe(response);
}
