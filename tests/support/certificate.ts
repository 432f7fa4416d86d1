// A self-signed certificate for 127.0.0.1, made by Debian's openssl for TLS and WSS tests.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export interface TestCertificate {
  certFile: string;
  keyFile: string;
  /** The certificate itself: what a client trusts. */
  cert: Buffer;
}

export async function makeCertificate(): Promise<TestCertificate> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-cert-'));
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  await promisify(execFile)('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    keyFile,
    '-out',
    certFile,
    '-days',
    '2',
    '-subj',
    '/CN=switchboard test',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
  ]);
  return { certFile, keyFile, cert: await readFile(certFile) };
}
