// A real third-party desk phone for end-to-end tests: linphone-cli (linphonec 5) with WAV files
// for a sound card: it plays a tone file as its microphone and records what it hears, answers,
// calls, pauses, sends RFC 4733 keys and transfers, driven by its own command line. It runs in
// a network namespace of the test's, as a phone on the office's LAN would.
import type { ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Namespace } from './netns';

const run = promisify(execFile);
const WAV_HEADER_BYTES = 44;

export interface LinphoneAccount {
  extension: string;
  domain: string;
  /** Its registrar's SIP address and UDP port (the office's, or a carrier's), as the phone reaches it. */
  proxy: { host: string; port: number };
  device: { sipUsername: string; sipPassword: string };
}

export class Linphone {
  private output = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly dir: string,
    private readonly account: LinphoneAccount,
  ) {
    child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
  }

  /** Starts linphonec in `ns`, registered for the account, playing a `hz` tone as its microphone. */
  static async start(ns: Namespace, account: LinphoneAccount, hz: number): Promise<Linphone> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'linphone-'));
    // linphonec keeps its databases there and refuses to start without the folder.
    await mkdir(path.join(dir, '.local/share/linphone'), { recursive: true });
    const tone = path.join(dir, 'tone.wav');
    await run('sox', [
      '-n',
      '-r',
      '8000',
      '-c',
      '1',
      '-b',
      '16',
      tone,
      'synth',
      '300',
      'sine',
      String(hz),
      'vol',
      '0.5',
    ]);
    const { host, port } = account.proxy;
    const config = path.join(dir, 'linphonerc');
    await writeFile(
      config,
      [
        '[sip]',
        'sip_port=5060',
        'sip_tcp_port=-1',
        'sip_tls_port=-1',
        'use_rfc2833=1',
        'use_info=0',
        'default_proxy=0',
        '[rtp]',
        'audio_rtp_port=7078',
        '[sound]',
        'echocancellation=0',
        '[proxy_0]',
        `reg_proxy=<sip:${host}:${port};transport=udp>`,
        `reg_route=<sip:${host}:${port};transport=udp;lr>`,
        `reg_identity=<sip:${account.extension}@${account.domain}>`,
        'reg_expires=600',
        'reg_sendregister=1',
        '[auth_info_0]',
        // linphone finds credentials by the identity's user; the digest username is the device's.
        `username=${account.extension}`,
        `userid=${account.device.sipUsername}`,
        `passwd=${account.device.sipPassword}`,
        `realm=${account.domain}`,
        '',
      ].join('\n'),
    );
    const child = ns.spawn('linphonec', ['-c', config], {
      stdio: ['pipe', 'pipe', 'pipe'],
      cwd: dir,
      env: { ...process.env, HOME: dir },
    });
    const phone = new Linphone(child, dir, account);
    phone.say('soundcard use files');
    phone.say(`play ${tone}`);
    try {
      await phone.registered();
    } catch (error) {
      // Nothing of a phone that never registered stays behind.
      await phone.stop();
      throw error;
    }
    return phone;
  }

  /** Resolves once linphone says its account is registered (it prints nothing by itself). */
  private async registered(): Promise<void> {
    for (const deadline = Date.now() + 15_000; ;) {
      const from = this.mark();
      this.say('proxy list');
      const state = await this.waitFor(/registered: (yes|no)/, from);
      if (state[1] === 'yes') return;
      if (Date.now() > deadline) throw new Error(`linphone did not register:\n${this.output.slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** A command typed at its prompt. */
  say(command: string): void {
    this.child.stdin!.write(`${command}\n`);
  }

  /** Where its output is now: waitFor looks only past it. */
  mark(): number {
    return this.output.length;
  }

  /** Waits for a line matching `pattern` printed past `from`. */
  async waitFor(pattern: RegExp, from = this.mark(), timeoutMs = 10_000): Promise<RegExpMatchArray> {
    for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
      const found = pattern.exec(this.output.slice(from));
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`linphone never said ${pattern}; it said:\n${this.output.slice(from).slice(-2000)}`);
  }

  /** The next calls record what the phone hears into a WAV file of this name (in its folder). */
  recordTo(name: string): string {
    const file = path.join(this.dir, name);
    this.say(`record ${file}`);
    return file;
  }

  /**
   * The samples recorded into `file` so far, while the call is up: linphone writes a WAV's
   * samples as it hears them, after a header it leaves blank (44 bytes) until the call ends.
   */
  async recordedSoFar(file: string): Promise<Int16Array> {
    const samples = (await readFile(file).catch(() => Buffer.alloc(0))).subarray(WAV_HEADER_BYTES);
    return new Int16Array(
      samples.buffer.slice(samples.byteOffset, samples.byteOffset + (samples.length & ~1)),
    );
  }

  /** Calls an extension of the office. */
  call(extension: string): void {
    this.say(`call sip:${extension}@${this.account.domain}`);
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.say('quit');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
    await rm(this.dir, { recursive: true, force: true });
  }
}
