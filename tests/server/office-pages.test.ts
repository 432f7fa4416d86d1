// The office's own pages, where its mail's links lead: real HTTP against a real office, the
// links taken from the mail its SMTP receiver got.
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseServerArgs, startOffice } from '../../server/embedded';
import { TestOffice } from '../support/office';

describe('the pages the office’s mail links to', () => {
  let office: TestOffice;
  let admin: string;

  beforeAll(async () => {
    office = await TestOffice.start('sqlite', {
      appDownloadUrl: 'https://downloads.example.com/switchboard',
    });
    admin = await office.adminToken();
    await office.request('PATCH', '/admin/company', {
      token: admin,
      body: { name: 'Ópticas <Brontë> & Ødegaard', language: 'fr' },
    });
  });
  afterAll(() => office?.close());

  /** The page at `path` of this office (a mail names the portal's address; the office answers here). */
  const open = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(new URL(path, office.baseUrl), { headers });
    return { response, html: await response.text() };
  };

  it('answers the office’s address with what to do next, in the reader’s language, under a strict policy', async () => {
    const { response, html } = await open('/', { 'accept-language': 'es-MX,es;q=0.9,en;q=0.5' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('Qué hacer ahora');
    // The company's name, escaped: it is an admin's text, not markup.
    expect(html).toContain('Switchboard en Ópticas &lt;Brontë&gt; &amp; Ødegaard');
    expect(html).not.toContain('<Brontë>');
    expect(html).toContain('href="switchboard://sign-in"');
    expect(html).toContain('<code>http://portal.example.com</code>');
    expect(html).toContain('href="https://downloads.example.com/switchboard"');
    expect(html).not.toMatch(/<script|\son\w+=/i);

    const csp = response.headers.get('content-security-policy')!;
    expect(csp.startsWith("default-src 'none'")).toBe(true);
    expect(csp).not.toContain('script-src');
    expect(csp).toContain("frame-ancestors 'none'");
    // The one inline style is allowed by its hash, so the page looks as designed and nothing else runs.
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    expect(csp).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('takes the mail’s language first, then the browser’s, then the company’s', async () => {
    expect((await open('/?lang=en', { 'accept-language': 'es' })).html).toContain('<html lang="en">');
    expect((await open('/', { 'accept-language': 'de-DE, it;q=0.8' })).html).toContain('<html lang="fr">');
    expect((await open('/?lang=xx&utm_source=mail')).html).toContain('Que faire maintenant');
  });

  it('opens a recovery mail’s link on the code, with the app’s link to the recovery screen', async () => {
    // Welcomed in English (the helper reads an English welcome), then her own language is Spanish.
    const user = await office.createSignedInUser(admin, 'Lucía García-Pérez', { language: 'en' });
    await office.request('PATCH', '/me/preferences', { token: user.token, body: { language: 'es' } });
    expect(
      (await office.request('POST', '/auth/password-recovery', { body: { login: user.email } })).status,
    ).toBe(202);
    const mail = await office.smtp.next(user.email, (m) => m.subject.startsWith('Restablezca'));
    const code = /código: (\S+)/.exec(mail.text)![1]!;
    const link = /(http\S+\/recover\?\S+)/.exec(mail.text)![1]!;
    expect(new URL(link).origin).toBe('http://portal.example.com');
    expect(new URL(link).searchParams.get('lang')).toBe('es');

    const url = new URL(link);
    const { response, html } = await open(`${url.pathname}${url.search}`);
    expect(response.status).toBe(200);
    expect(html).toContain('<html lang="es">');
    expect(html).toContain(`<code class="code">${code}</code>`);
    expect(html).toContain(`href="switchboard://recover?code=${code}"`);
    expect(html).toContain('«¿Olvidó su contraseña?», luego «Ya tengo un código»');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('says a broken recovery link is broken, and shows nothing of what it carried', async () => {
    for (const query of [
      '',
      '?code=',
      '?code=%3Cscript%3Ealert(1)%3C%2Fscript%3E',
      `?code=${'A'.repeat(65)}`,
    ]) {
      const { response, html } = await open(`/recover${query}&lang=en`.replace('&', query ? '&' : '?'));
      expect(response.status, query).toBe(200);
      expect(html, query).toContain('This link is incomplete');
      expect(html, query).not.toContain('switchboard://recover');
      expect(html, query).not.toContain('alert(1)');
    }
  });

  it('still answers anything else of the office with the API’s 404', async () => {
    const { response } = await open('/welcome.php');
    expect(response.status).toBe(404);
  });
});

describe('the request log of the office’s pages', () => {
  it('records a visit to the start page and never a recovery page’s address (it holds a code)', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-pages-log-'));
    const office = await startOffice(
      parseServerArgs([
        ...['--data-dir', dataDir, '--http-port', '0', '--admin-email', 'owner@example.com'],
        ...['--admin-password', 'Granite-Orchard-Lamp-31'],
        ...['--sip-ws-port', '0', '--sip-udp-port', '0', '--sip-tcp-port', '0'],
      ]),
      { logger },
    );
    try {
      expect((await fetch(`${office.url}/?lang=es`)).status).toBe(200);
      expect((await fetch(`${office.url}/recover?code=SECRETCODE1234`)).status).toBe(200);
      const log = lines.join('');
      expect(log).toContain('"url":"/?lang=es"');
      expect(log).not.toContain('SECRETCODE1234');
    } finally {
      await office.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
