// SIP header names: compact forms (RFC 3261 §7.3.3 and extensions) and canonical spelling.

const COMPACT: Record<string, string> = {
  i: 'Call-ID',
  m: 'Contact',
  e: 'Content-Encoding',
  l: 'Content-Length',
  c: 'Content-Type',
  f: 'From',
  s: 'Subject',
  k: 'Supported',
  t: 'To',
  v: 'Via',
  o: 'Event',
  r: 'Refer-To',
  b: 'Referred-By',
  u: 'Allow-Events',
  x: 'Session-Expires',
};

const CANONICAL_SPELLINGS = new Map<string, string>(
  [
    'Accept',
    'Allow',
    'Authorization',
    'Call-ID',
    'Contact',
    'Content-Length',
    'Content-Type',
    'CSeq',
    'Event',
    'Expires',
    'From',
    'Max-Forwards',
    'Min-Expires',
    'Proxy-Authenticate',
    'Proxy-Authorization',
    'Record-Route',
    'Refer-To',
    'Referred-By',
    'Route',
    'Server',
    'Subscription-State',
    'Supported',
    'To',
    'User-Agent',
    'Via',
    'WWW-Authenticate',
    'Retry-After',
    'Allow-Events',
    'Content-Encoding',
    'Subject',
    'Require',
    'Unsupported',
    'Warning',
    'Date',
    'Timestamp',
    'Session-Expires',
    'Min-SE',
  ].map((name) => [name.toLowerCase(), name]),
);
// Maps, not objects: a header called "constructor" or "__proto__" must not find Object's own.
for (const [compact, name] of Object.entries(COMPACT)) CANONICAL_SPELLINGS.set(compact, name);

const CANONICAL_NAMES = new Set(CANONICAL_SPELLINGS.values());

/** The one spelling a header is stored and looked up under. */
export function canonicalHeaderName(name: string): string {
  // The server's own lookups already use the canonical spelling: no lower-casing for them.
  if (CANONICAL_NAMES.has(name)) return name;
  return CANONICAL_SPELLINGS.get(name.toLowerCase()) ?? name;
}

/** Headers whose values may be comma-separated lists of several values (not those holding dates or digest). */
export const LIST_HEADERS = new Set([
  'Via',
  'Contact',
  'Route',
  'Record-Route',
  'Allow',
  'Supported',
  'Require',
  'Accept',
]);

/** Ordered header fields; names are canonical, several fields of one name keep their order. */
export class SipHeaders {
  private readonly fields: [string, string][] = [];

  get(name: string): string | undefined {
    const key = canonicalHeaderName(name);
    return this.fields.find(([n]) => n === key)?.[1];
  }

  getAll(name: string): string[] {
    const key = canonicalHeaderName(name);
    return this.fields.filter(([n]) => n === key).map(([, v]) => v);
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  append(name: string, value: string): this {
    this.fields.push([canonicalHeaderName(name), value]);
    return this;
  }

  set(name: string, value: string): this {
    this.delete(name);
    return this.append(name, value);
  }

  /** Changes the first field of that name in place (the top Via, say); adds it when absent. */
  replaceFirst(name: string, value: string): this {
    const key = canonicalHeaderName(name);
    const field = this.fields.find(([n]) => n === key);
    if (field) field[1] = value;
    else this.fields.push([key, value]);
    return this;
  }

  delete(name: string): this {
    const key = canonicalHeaderName(name);
    for (let i = this.fields.length - 1; i >= 0; i--)
      if (this.fields[i]![0] === key) this.fields.splice(i, 1);
    return this;
  }

  entries(): readonly [string, string][] {
    return this.fields;
  }
}
