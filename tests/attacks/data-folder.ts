// Someone who copies the office's disk or a backup of it, or another account on the same
// machine, reads the office's data folder. The script leaves a real voicemail (a desk phone
// calls over SIP and speaks a tone), uploads a greeting, checks that the API still serves both
// as plain Ogg and WAV, then looks at every file and folder under the data folder. Run it
// against a running office on this machine:
//   npx tsx tests/attacks/data-folder.ts --url http://127.0.0.1:8080 --sip-port 5060 \
//     --data-dir DIR --email OWNER --password PASSWORD
// It prints one line per attack and exits 1 when any of them worked.
import { lstat, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { encodeWav } from '../../server/voicemail/audio/wav';
import { RtpCaller } from '../media/rtp-caller';
import { call, makeUser, reportAndExit, signIn, type AttackOutcome, type MadeUser } from './client';

/** What marks audio anyone can play: an Ogg page, a WAV header. */
const PLAIN_AUDIO = [Buffer.from('OggS'), Buffer.from('WAVEfmt ')];

/** A second of 440 Hz at 8 kHz, as a greeting upload. */
function toneWav(): Promise<Buffer> {
  const rate = 8000;
  return encodeWav(
    Float32Array.from({ length: rate }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / rate)),
    rate,
  );
}

async function uploadGreeting(baseUrl: string, user: MadeUser): Promise<void> {
  const response = await fetch(`${baseUrl}/api/v1/me/voicemail/greeting`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${user.token}`, 'content-type': 'audio/wav' },
    body: await toneWav(),
  });
  if (response.status !== 204) throw new Error(`greeting upload answered ${response.status}`);
}

/** A desk phone on `caller`'s extension calls `callee` (nothing registered: voicemail) and speaks. */
async function leaveVoicemail(
  baseUrl: string,
  sipPort: number,
  ownerToken: string,
  caller: MadeUser,
  callee: MadeUser,
): Promise<void> {
  const device = await call(baseUrl, 'POST', '/admin/devices', ownerToken, {
    kind: 'desk-phone',
    model: 'Attack desk phone',
    extension: caller.extension,
  });
  if (device.status !== 201) throw new Error(`desk phone not added: ${JSON.stringify(device.body)}`);
  const phone = await RtpCaller.open(sipPort, caller.extension, device.body);
  try {
    const answer = await phone.dial(callee.extension);
    if (answer.status !== 200) throw new Error(`voicemail did not answer: ${answer.status}`);
    await phone.promptPlayed();
    await phone.send(2, 440);
    await phone.hangUp();
  } finally {
    phone.close();
  }
  // The agent stores the message once the call has ended.
  for (let attempt = 0; attempt < 100; attempt++) {
    const box = await call(baseUrl, 'GET', '/me/voicemail', callee.token);
    if (box.body.items?.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the voicemail was not stored');
}

/** The API still hands the owner plain audio: what is sealed on disk is opened on the way out. */
async function servedAudio(baseUrl: string, user: MadeUser): Promise<string[]> {
  const get = async (route: string) => {
    const response = await fetch(`${baseUrl}/api/v1${route}`, {
      headers: { authorization: `Bearer ${user.token}` },
    });
    return Buffer.from(await response.arrayBuffer());
  };
  const box = await call(baseUrl, 'GET', '/me/voicemail', user.token);
  const message = await get(`/me/voicemail/${box.body.items[0].id}/audio`);
  const greeting = await get('/me/voicemail/greeting');
  const problems = [];
  if (message.toString('latin1', 0, 4) !== 'OggS') problems.push('the message is not served as Ogg');
  if (greeting.toString('latin1', 8, 12) !== 'WAVE') problems.push('the greeting is not served as WAV');
  return problems;
}

interface Entry {
  relative: string;
  mode: number;
  isFolder: boolean;
}

/** Everything under the folder (the folder itself first), never following a link. */
async function entriesUnder(root: string): Promise<Entry[]> {
  const entries: Entry[] = [];
  const visit = async (relative: string) => {
    const stats = await lstat(path.join(root, relative));
    entries.push({ relative: relative || '.', mode: stats.mode & 0o777, isFolder: stats.isDirectory() });
    if (stats.isDirectory())
      for (const name of await readdir(path.join(root, relative))) await visit(path.join(relative, name));
  };
  await visit('');
  return entries;
}

function outcome(attack: string, found: string[], what: string): AttackOutcome {
  return {
    attack,
    succeeded: found.length > 0,
    detail: found.length > 0 ? found.join(', ') : `none of ${what}`,
  };
}

/** What the data folder, as it is on disk now, gives away: modes open to others, plain audio. */
export async function inspectDataFolder(dataDir: string): Promise<AttackOutcome[]> {
  const entries = await entriesUnder(dataDir);
  const files = entries.filter((entry) => !entry.isFolder);
  const open = entries
    .filter((entry) => entry.mode !== (entry.isFolder ? 0o700 : 0o600))
    .map((entry) => `${entry.relative} ${entry.mode.toString(8)}`);
  const playable = [];
  for (const file of files) {
    const bytes = await readFile(path.join(dataDir, file.relative));
    if (PLAIN_AUDIO.some((marker) => bytes.includes(marker))) playable.push(file.relative);
  }
  return [
    outcome(
      'another account on the machine reads the data folder',
      open,
      `${entries.length} files and folders open to others`,
    ),
    outcome(
      'a copied disk or backup holds voice mail anyone can play',
      playable,
      `${files.length} files hold plain Ogg or WAV`,
    ),
  ];
}

export async function attemptDataFolder(options: {
  baseUrl: string;
  sipPort: number;
  dataDir: string;
  ownerEmail: string;
  ownerPassword: string;
}): Promise<AttackOutcome[]> {
  const { baseUrl } = options;
  const ownerToken = await signIn(baseUrl, options.ownerEmail, options.ownerPassword, 'admin');
  if (!ownerToken) throw new Error('the super admin cannot sign in with the given password');
  const password = 'Copied-Disk-Lantern-38';
  const callee = await makeUser(baseUrl, ownerToken, { name: 'Vera Voicemail', role: 'user', password });
  const caller = await makeUser(baseUrl, ownerToken, { name: 'Desk Caller', role: 'user', password });
  await uploadGreeting(baseUrl, callee);
  await leaveVoicemail(baseUrl, options.sipPort, ownerToken, caller, callee);
  const notServed = await servedAudio(baseUrl, callee);
  if (notServed.length > 0) throw new Error(notServed.join('; '));

  return inspectDataFolder(options.dataDir);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      'sip-port': { type: 'string' },
      'data-dir': { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
    },
  });
  if (!values.url || !values['sip-port'] || !values['data-dir'] || !values.email || !values.password) {
    process.stderr.write(
      'Usage: npx tsx tests/attacks/data-folder.ts --url URL --sip-port N --data-dir DIR --email OWNER --password PASSWORD\n',
    );
    process.exit(2);
  }
  const outcomes = await attemptDataFolder({
    baseUrl: values.url.replace(/\/$/, ''),
    sipPort: Number(values['sip-port']),
    dataDir: values['data-dir'],
    ownerEmail: values.email,
    ownerPassword: values.password,
  });
  reportAndExit(outcomes);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
