// Choosing another office server: the address is checked against a real office, a real web
// server that is not one, and a port where nothing listens; the client moves only while signed out.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialVault } from '../../main/services/credential-vault';
import { checkOffice } from '../../main/services/office-check';
import { PortalClient } from '../../main/services/portal-client';
import { ADMIN_EMAIL, ADMIN_PASSWORD, useTestOffice } from '../support/office';

/** A vault that keeps nothing: this suite never asks to stay signed in. */
const noVault = new CredentialVault({
  name: 'none',
  get: async () => null,
  set: async () => undefined,
  delete: async () => false,
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler).listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('checking an office address', () => {
  const office = useTestOffice('sqlite');
  let servers: Server[];
  let websiteUrl: string;
  let hugeUrl: string;
  let closedUrl: string;

  beforeAll(async () => {
    const website = await serve((request, response) => {
      if (request.url === '/api/v1/health') response.writeHead(404).end('<h1>Not found</h1>');
      else response.end('<h1>A web site</h1>');
    });
    // Looks like an office, but answers far more than a health check ever needs.
    const huge = await serve((_, response) =>
      response.end(`{"status":"ok","padding":"${'x'.repeat(64 * 1024)}"}`),
    );
    const closed = await serve(() => undefined);
    await new Promise((resolve) => closed.server.close(resolve));
    servers = [website.server, huge.server];
    [websiteUrl, hugeUrl, closedUrl] = [website.url, huge.url, closed.url];
  });
  afterAll(() => servers?.forEach((server) => server.close()));

  it('accepts a Switchboard office', async () => {
    await expect(checkOffice(office.baseUrl)).resolves.toBeUndefined();
  });

  it('refuses a web server that is not an office', async () => {
    await expect(checkOffice(websiteUrl)).rejects.toMatchObject({ code: 'not_an_office' });
  });

  it('refuses an oversized answer without holding it', async () => {
    await expect(checkOffice(hugeUrl)).rejects.toMatchObject({ code: 'not_an_office' });
  });

  it('says offline where nothing answers', async () => {
    await expect(checkOffice(closedUrl)).rejects.toMatchObject({ code: 'offline' });
  });

  it('moves the client to the new office only while signed out', async () => {
    const client = new PortalClient(closedUrl, noVault);
    await expect(
      client.signIn({ login: ADMIN_EMAIL, password: ADMIN_PASSWORD, scope: 'user' }),
    ).rejects.toMatchObject({ code: 'offline' });
    client.useOffice(office.baseUrl);
    expect(client.baseUrl).toBe(office.baseUrl);
    await client.signIn({ login: ADMIN_EMAIL, password: ADMIN_PASSWORD, scope: 'user' });
    expect(() => client.useOffice(websiteUrl)).toThrow(expect.objectContaining({ code: 'conflict' }));
    expect(client.baseUrl).toBe(office.baseUrl);
    await client.signOut();
    client.useOffice(websiteUrl);
    expect(client.baseUrl).toBe(websiteUrl);
  });
});
