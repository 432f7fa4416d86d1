// Debian's baresip 1.0.0, a real old SIP stack: it gives up on any challenge whose algorithm
// it does not know ("Register: Function not implemented"), even beside an MD5 one. With the
// company on SHA-256 only it never gets in; set to MD5 for its device, it registers and calls,
// though its owner's softphone (on the same extension) still follows the company.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestOffice } from '../support/office';
import { DOMAIN, startSipOffice } from '../support/sip-office';
import type { SipService } from '../../server/sip/service';
import { parseMessage, serializeMessage, type SipRequest } from '../../server/sip/message';
import { buildResponse } from '../../server/sip/fields';
import { udpPeer, wsPeer, type Peer } from './support';
import { authorization, exchange, register, registerWithDigest } from './desk-phone';

const CONFIG = `poll_method epoll
sip_listen 127.0.0.1:0
audio_player aufile,/dev/null
audio_source ausine,440
audio_alert aufile,/dev/null
module_path /usr/lib/baresip/modules
module stdio.so
module g711.so
module ausine.so
module aufile.so
module_app account.so
module_app menu.so
`;

/** baresip with one account, its output collected; commands go to its stdin. */
class Baresip {
  output = '';
  private constructor(
    private readonly child: ChildProcess,
    private readonly folder: string,
  ) {
    child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
  }

  static async start(account: { extension: string; username: string; password: string }, port: number) {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'switchboard-baresip-'));
    await writeFile(path.join(folder, 'config'), CONFIG);
    await writeFile(
      path.join(folder, 'accounts'),
      `<sip:${account.extension}@${DOMAIN}>;auth_user=${account.username};auth_pass=${account.password};outbound="sip:127.0.0.1:${port}";regint=600\n`,
    );
    return new Baresip(spawn('baresip', ['-f', folder], { stdio: ['pipe', 'pipe', 'pipe'] }), folder);
  }

  command(line: string): void {
    this.child.stdin!.write(`${line}\n`);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill();
      await exited;
    }
    await rm(this.folder, { recursive: true, force: true });
  }
}

async function nextRequest(peer: Peer): Promise<SipRequest> {
  for (;;) {
    const message = parseMessage(await peer.next(10_000));
    if (message.kind === 'request') return message;
  }
}

describe('baresip 1.0.0 and the digest challenges', () => {
  let office: TestOffice;
  let sip: SipService;
  let admin: string;
  let phone: { id: string; extension: string; username: string; password: string };
  let callee: { extension: string; peer: Peer };
  const running: Baresip[] = [];

  beforeAll(async () => {
    ({ office, sip } = await startSipOffice());
    admin = await office.adminToken();
    const owner = await office.createSignedInUser(admin, 'Vintage Vera');
    const desk = await office.addDeskPhone(admin, owner.extension, 'baresip 1.0.0');
    phone = {
      id: desk.id,
      extension: owner.extension,
      username: desk.sipUsername,
      password: desk.sipPassword,
    };
    const other = await office.createSignedInUser(admin, 'Modern Max');
    const otherDesk = await office.addDeskPhone(admin, other.extension);
    const peer = await udpPeer(sip.ports.udp);
    expect(
      (await registerWithDigest(peer, other.extension, otherDesk.sipUsername, otherDesk.sipPassword)).status,
    ).toBe(200);
    callee = { extension: other.extension, peer };
    const strict = await office.request('PATCH', '/admin/company', {
      token: admin,
      body: { security: { sipDigestAlgorithms: 'sha-256' } },
    });
    expect(strict.status).toBe(200);
  });
  afterAll(async () => {
    for (const baresip of running) await baresip.stop();
    callee?.peer.close();
    await sip?.close();
    await office?.close();
  });

  it('cannot register while the company challenges with SHA-256 only', async () => {
    const baresip = await Baresip.start(phone, sip.ports.udp);
    running.push(baresip);
    await expect.poll(() => baresip.output, { timeout: 10_000 }).toMatch(/Function not implemented/);
    expect(sip.registrar.contactsOf(phone.extension)).toEqual([]);
    await baresip.stop();
  });

  it('registers and calls once its device is set to MD5', async () => {
    const changed = await office.request('PATCH', `/admin/devices/${phone.id}`, {
      token: admin,
      body: { sipDigestAlgorithms: 'md5' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.sipDigestAlgorithms).toBe('md5');
    const baresip = await Baresip.start(phone, sip.ports.udp);
    running.push(baresip);
    await expect.poll(() => sip.registrar.contactsOf(phone.extension), { timeout: 10_000 }).toHaveLength(1);

    baresip.command(`/dial sip:${callee.extension}@${DOMAIN}`);
    const invite = await nextRequest(callee.peer);
    expect(invite.method).toBe('INVITE');
    expect(invite.headers.get('From')).toContain(`sip:${phone.extension}@`);
    callee.peer.send(serializeMessage(buildResponse(invite, 486, 'Busy Here')));
    await expect.poll(() => baresip.output, { timeout: 10_000 }).toMatch(/486 Busy Here/);
  });

  it('accepts only what it offered: a right answer in SHA-256 from the MD5 device is refused; the softphone keeps the company’s', async () => {
    const peer = await udpPeer(sip.ports.udp);
    try {
      const challenge = await exchange(peer, register(peer, phone.extension));
      const offered = challenge.headers.getAll('WWW-Authenticate');
      expect(offered.map((c) => /algorithm=([\w-]+)/.exec(c)?.[1])).toEqual(['MD5']);
      const sha = offered[0]!.replace('algorithm=MD5', 'algorithm=SHA-256');
      const answer = await exchange(
        peer,
        register(peer, phone.extension, {
          authorization: authorization(sha, phone.username, phone.password),
        }),
      );
      expect(answer.status).toBe(403);
      expect(answer.reason).toContain('SHA-256 digest not allowed');
      // The owner's softphone speaks over WebSocket: it still gets the company's SHA-256.
      const softphone = await wsPeer(sip.ports.ws);
      const its = await exchange(softphone, register(softphone, phone.extension));
      softphone.close();
      expect(its.headers.getAll('WWW-Authenticate').map((c) => /algorithm=([\w-]+)/.exec(c)?.[1])).toEqual([
        'SHA-256',
      ]);
    } finally {
      peer.close();
    }
  });
});
