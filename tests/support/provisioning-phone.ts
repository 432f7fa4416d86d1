// A desk phone fetching its configuration as the vendors' phones do: a request without
// credentials, the 401's Digest challenge answered (MD5, qop=auth; the digest worked out here,
// not by the server's code), the nonce then reused with a growing nonce count until it goes
// stale. And parsers for what comes back: Yealink's `key = value` files, Poly's and
// Grandstream's XML (through saxes, a strict XML parser that refuses anything malformed).
import { createHash, randomBytes } from 'node:crypto';
import { SaxesParser } from 'saxes';

export const USER_AGENTS = {
  yealink: (mac: string) => `Yealink SIP-T54W 96.86.0.70 ${mac.toLowerCase()}`,
  poly: () => 'FileTransport PolycomVVX-VVX_450-UA/6.4.3.4038 Type/Application',
  grandstream: (mac: string) =>
    `Grandstream Model HW GXP1628 SW 1.0.7.3 DevId ${mac.replace(/:/g, '').toLowerCase()}`,
};

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

export interface Fetched {
  status: number;
  body: string;
  headers: Headers;
}

/** The parameters of a `WWW-Authenticate: Digest …` value. */
export function challengeParams(header: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const match of header.replace(/^Digest\s+/i, '').matchAll(/([a-z]+)=(?:"([^"]*)"|([^\s,]+))/gi))
    params.set(match[1]!.toLowerCase(), match[2] ?? match[3]!);
  return params;
}

export class ProvisioningPhone {
  private challenge: Map<string, string> | null = null;
  private count = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly username: string,
    private readonly password: string,
    readonly userAgent: string,
  ) {}

  /** GET `/provision/<file>`, answering the challenge as a phone would. */
  async fetch(file: string): Promise<Fetched> {
    const path = `/provision/${file}`;
    if (this.challenge) {
      const answered = await this.send(path, this.authorization('GET', path));
      if (answered.status !== 401) return answered;
    }
    const first = await this.send(path);
    if (first.status !== 401) return first;
    this.challenge = challengeParams(first.headers.get('www-authenticate') ?? '');
    this.count = 0;
    return this.send(path, this.authorization('GET', path));
  }

  private authorization(method: string, uri: string): string {
    const challenge = this.challenge!;
    const realm = challenge.get('realm')!;
    const nonce = challenge.get('nonce')!;
    const nc = (++this.count).toString(16).padStart(8, '0');
    const cnonce = randomBytes(8).toString('hex');
    const ha1 = md5(`${this.username}:${realm}:${this.password}`);
    const response = md5(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${md5(`${method}:${uri}`)}`);
    return (
      `Digest username="${this.username}", realm="${realm}", nonce="${nonce}", uri="${uri}", ` +
      `algorithm=MD5, response="${response}", qop=auth, nc=${nc}, cnonce="${cnonce}"`
    );
  }

  private async send(path: string, authorization?: string): Promise<Fetched> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      headers: { 'User-Agent': this.userAgent, ...(authorization && { Authorization: authorization }) },
    });
    return { status: response.status, body: await response.text(), headers: response.headers };
  }
}

/** A Yealink CFG file: the `#!version:1.0.0.1` first line, then `key = value` lines. */
export function parseYealinkConfig(text: string): Map<string, string> {
  const [header, ...lines] = text.split(/\r?\n/);
  if (header !== '#!version:1.0.0.1') throw new Error(`not a Yealink configuration file: ${header}`);
  const settings = new Map<string, string>();
  for (const line of lines) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const match = /^([A-Za-z0-9_.]+) = (.*)$/.exec(line);
    if (!match) throw new Error(`not a setting: ${line}`);
    if (settings.has(match[1]!)) throw new Error(`set twice: ${match[1]}`);
    settings.set(match[1]!, match[2]!);
  }
  return settings;
}

/** An element of a parsed XML document. */
export interface XmlElement {
  name: string;
  attributes: Map<string, string>;
  children: XmlElement[];
  text: string;
}

/** The root element of an XML document; throws on anything that is not well-formed XML. */
export function parseXml(text: string): XmlElement {
  const parser = new SaxesParser();
  const open: XmlElement[] = [];
  let root: XmlElement | null = null;
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    const element: XmlElement = {
      name: tag.name,
      attributes: new Map(Object.entries(tag.attributes as Record<string, string>)),
      children: [],
      text: '',
    };
    const parent = open.at(-1);
    if (parent) parent.children.push(element);
    else root = element;
    open.push(element);
  });
  parser.on('text', (value) => {
    const current = open.at(-1);
    if (current) current.text += value;
  });
  parser.on('closetag', () => open.pop());
  parser.write(text).close();
  if (!root) throw new Error('no root element');
  return root;
}

/** A Grandstream file: its <mac>, and each <config> child (P-value) with its text. */
export function parseGrandstreamConfig(text: string): { mac: string | null; settings: Map<string, string> } {
  const root = parseXml(text);
  if (root.name !== 'gs_provision') throw new Error(`not a Grandstream file: <${root.name}>`);
  const config = root.children.find((child) => child.name === 'config');
  if (!config) throw new Error('no <config>');
  const settings = new Map<string, string>();
  for (const child of config.children) {
    if (settings.has(child.name)) throw new Error(`set twice: ${child.name}`);
    settings.set(child.name, child.text);
  }
  const mac = root.children.find((child) => child.name === 'mac')?.text ?? null;
  return { mac, settings };
}
