// A compromised renderer (it has the page's origin and the launch token) tries to point the app
// at another office: the next launch would then sign the person in at a phishing office. Run it
// against a browser host whose office has the given account:
//   npx tsx tests/attacks/office-switch.ts --url 'http://127.0.0.1:PORT/#token=…' --login EMAIL --password PASSWORD
// It starts a look-alike office on loopback (its health route answers as an office's does),
// prints one line per attack and exits 1 when any of them worked.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { connect, Page, type HostAddress } from '../support/ipc-page';
import { reportAndExit, type AttackOutcome } from './client';

/** An office look-alike: passes the app's check of an address, as a phishing copy would. */
async function lookAlikeOffice(): Promise<{ url: string; close: () => void }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => server.close(),
  };
}

/** Where the app would sign in next launch, and where it signs in now. */
async function officeInUse(page: Page): Promise<{ saved: string | null; current: string }> {
  const [settings, info] = [await page.invoke('settings:get', {}), await page.invoke('app:info', {})];
  return { saved: settings.value.serverUrl, current: info.value.office.url };
}

async function attempt(
  page: Page,
  attack: string,
  channel: string,
  payload: unknown,
): Promise<AttackOutcome> {
  const before = await officeInUse(page);
  const answer = await page.invoke(channel, payload);
  const after = await officeInUse(page);
  const moved = after.saved !== before.saved || after.current !== before.current;
  return {
    attack,
    succeeded: answer.ok || moved,
    detail: answer.ok
      ? `${channel} accepted; the office is now ${after.current}, next launch ${after.saved ?? 'this computer'}`
      : `${channel} refused (${answer.error.code}); the office is still ${before.current}`,
  };
}

export async function attemptOfficeSwitch(
  host: HostAddress,
  login: string,
  password: string,
): Promise<AttackOutcome[]> {
  const phishing = await lookAlikeOffice();
  const { socket } = await connect(host);
  if (!socket) throw new Error('the host refused the socket: is the URL with its token right?');
  const page = new Page(socket);
  try {
    const signedIn = await page.invoke('auth:sign-in', { login, password, scope: 'user' });
    if (!signedIn.ok) throw new Error(`cannot sign in: ${signedIn.error.message}`);
    const outcomes = [
      await attempt(page, 'settings:update while signed in', 'settings:update', {
        serverUrl: phishing.url,
      }),
      await attempt(page, 'app:use-office while signed in', 'app:use-office', {
        url: phishing.url,
      }),
    ];
    await page.invoke('auth:sign-out', {});
    // Signed out, the sign-in screen's office picker may change the office, but only through
    // app:use-office and its check: settings:update must not be a way around it.
    outcomes.push(
      await attempt(page, 'settings:update while signed out', 'settings:update', {
        serverUrl: phishing.url,
      }),
    );
    return outcomes;
  } finally {
    socket.close();
    phishing.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { url: { type: 'string' }, login: { type: 'string' }, password: { type: 'string' } },
  });
  const url = values.url ? new URL(values.url) : null;
  const token = url ? new URLSearchParams(url.hash.slice(1)).get('token') : null;
  if (!url || !token || !values.login || !values.password) {
    process.stderr.write(
      "Usage: npx tsx tests/attacks/office-switch.ts --url 'http://127.0.0.1:PORT/#token=…' --login EMAIL --password PASSWORD\n",
    );
    process.exit(2);
  }
  const outcomes = await attemptOfficeSwitch({ url, token }, values.login, values.password);
  reportAndExit(outcomes);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
