// A request to the office's API exactly as given: any method, path, authorization header,
// content type and body (JSON, raw text or bytes), and the answer as it came, even one that is not
// JSON. What the request-fuzzing tests send their hostile requests with.

export interface Reply {
  status: number;
  contentType: string;
  text: string;
  body: any;
}

export interface SendOptions {
  token?: string;
  authorization?: string;
  /** A value to send as JSON, or raw text or bytes. */
  json?: unknown;
  raw?: string | Uint8Array<ArrayBuffer>;
  contentType?: string;
}

export async function send(
  baseUrl: string,
  method: string,
  path: string,
  options: SendOptions = {},
): Promise<Reply> {
  const headers: Record<string, string> = {};
  const authorization = options.authorization ?? (options.token ? `Bearer ${options.token}` : undefined);
  if (authorization) headers.authorization = authorization;
  const body = options.json !== undefined ? JSON.stringify(options.json) : options.raw;
  if (body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/api/v1${path}`, { method, headers, body });
  } catch (error) {
    throw new Error(`${method} ${path}: the connection failed: ${String(error)}`, { cause: error });
  }
  const contentType = response.headers.get('content-type') ?? '';
  // An event stream never ends: its status and type are the answer.
  if (contentType.startsWith('text/event-stream')) {
    await response.body?.cancel();
    return { status: response.status, contentType, text: '', body: null };
  }
  const text = await response.text();
  let parsed: unknown = null;
  if (contentType.includes('json')) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  return { status: response.status, contentType, text, body: parsed };
}

/** Percent-encoded, lone surrogates (which have no UTF-8) as U+FFFD. */
export const queryValue = (value: string) => encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, '\uFFFD'));
