// npm run bench:client — the softphone against a loopback office (SQLite, SIP over WebSocket),
// 50 runs each: service start → Registered, dial → the callee's ringing event; 20 runs of
// answer → audio flowing on both sides (browser hosts with Chromium pages: needs
// `npm run build:renderer`);
// and the resident memory of a process holding one idle registration. Prints p50 and p99
// against the targets.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { SoftphoneConfig } from '../common/api/me';
import { buildApp } from '../server/app';
import { silentLogger } from '../server/logger';
import { startSipService } from '../server/sip/service';
import { SoftphoneService } from '../main/softphone/softphone-service';
import type { Call } from '../main/softphone/calls';
import { StaticMedia } from '../tests/main/static-media';
import { freeTcpPort } from '../server/free-port';
import { answerToAudioMs } from './client-audio';
import { openBenchOffice, seedUsers } from './seed';

const RUNS = 50;
/** Each audio run is a whole call between two Chromium pages (seconds on a busy machine): fewer. */
const AUDIO_RUNS = 20;
const DOMAIN = 'office.example.com';
const TARGET = { registeredMs: 150, ringingMs: 100, audioMs: 500, residentMb: 120 };
const PASSWORD = 'Harbor-Ink-Willow-84';
const noPower = { onWake: () => () => undefined };

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function row(title: string, values: number[], target: number): boolean {
  const [p50, p99] = [percentile(values, 50), percentile(values, 99)];
  const ok = p50 <= target;
  console.log(
    `${title.padEnd(34)} p50 ${p50.toFixed(1).padStart(6)} ms  p99 ${p99.toFixed(1).padStart(6)} ms  ` +
      `target p50 ≤ ${target} ms  ${ok ? 'ok' : 'MISSED'}`,
  );
  return ok;
}

function service(config: SoftphoneConfig): SoftphoneService {
  return new SoftphoneService(config, noPower, { logger: silentLogger, media: new StaticMedia('bench') });
}

function registered(phone: SoftphoneService): Promise<void> {
  return new Promise((resolve) => {
    const listener = (state: { state: string }) => {
      if (state.state !== 'registered') return;
      phone.off('state', listener);
      resolve();
    };
    phone.on('state', listener);
  });
}

async function residentMb(config: SoftphoneConfig): Promise<number> {
  // A process of its own, loading only the softphone (tsx's compiler counts in it too).
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/idle-softphone.ts'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.stdin.end(JSON.stringify(config));
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  await new Promise((resolve) => child.once('exit', resolve));
  return Number(out.trim()) / 1024 / 1024;
}

async function main(): Promise<boolean> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-bench-client-'));
  const office = await openBenchOffice(dataDir, 0, DOMAIN, await freeTcpPort());
  const sip = await startSipService(office);
  const app = await buildApp(office);
  await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const users = await seedUsers(office.db, office.secrets, {
      count: 2,
      password: PASSWORD,
      firstEmail: 'bench.caller@example.com',
      firstName: 'Bench Caller',
    });
    const configs = users.map((user): SoftphoneConfig => ({
      sipUri: `sip:${user.extension}@${DOMAIN}`,
      authorizationUsername: user.sipUsername,
      password: user.sipPassword,
      realm: DOMAIN,
      websocketServers: [`ws://127.0.0.1:${sip.ports.ws}`],
      iceServers: [],
    }));

    const toRegistered: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      const phone = service(configs[0]!);
      const done = registered(phone);
      await phone.start();
      await done;
      toRegistered.push(performance.now() - started);
      await phone.stop();
    }

    const [caller, callee] = configs.map(service) as [SoftphoneService, SoftphoneService];
    await Promise.all(
      [caller, callee].map(async (phone) => {
        const done = registered(phone);
        await phone.start();
        await done;
      }),
    );
    const toRinging: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const rang = new Promise<Call>((resolve) => callee.calls.once('incoming', resolve));
      const started = performance.now();
      const out = caller.calls.dial(users[1]!.extension);
      const incoming = await rang;
      toRinging.push(performance.now() - started);
      const ended = new Promise<void>((resolve) => {
        const listener = (call: Call) => {
          if (call.id !== out.id || call.state !== 'ended') return;
          caller.calls.off('changed', listener);
          resolve();
        };
        caller.calls.on('changed', listener);
      });
      await callee.calls.decline(incoming.id);
      await ended;
    }
    await Promise.all([caller.stop(), callee.stop()]);

    const toAudio = await answerToAudioMs(
      `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
      { email: users[0]!.email, password: PASSWORD },
      { email: users[1]!.email, password: PASSWORD, extension: users[1]!.extension },
      AUDIO_RUNS,
    );

    const memory = await residentMb(configs[0]!);
    console.log(`Softphone client benchmark, ${RUNS} runs each (loopback office, SIP over WebSocket)`);
    const results = [
      row('service start → Registered', toRegistered, TARGET.registeredMs),
      row('dial → callee’s ringing event', toRinging, TARGET.ringingMs),
      row(`answer → audio both sides (${AUDIO_RUNS} runs)`, toAudio, TARGET.audioMs),
    ];
    const memoryOk = memory <= TARGET.residentMb;
    console.log(
      `${'resident memory, one idle registration'.padEnd(34)} ${memory.toFixed(1)} MB  target ≤ ${TARGET.residentMb} MB  ${memoryOk ? 'ok' : 'MISSED'}`,
    );
    return results.every(Boolean) && memoryOk;
  } finally {
    await app.close();
    await sip.close();
    await office.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

process.exitCode = (await main()) ? 0 : 1;
