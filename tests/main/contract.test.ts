// The IPC contract against the office it forwards to: every office-route channel names a route
// the office really has, with the same body and query schemas; every request has caps.
import type { TSchema } from 'typebox';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT } from '../../common/ipc/contract';
import { channelName } from '../../common/ipc/channel';
import { useTestOffice } from '../support/office';

/** Paths inside a schema where a string has no maximum length or an array no maximum size. */
function uncapped(schema: any, at = 'request'): string[] {
  if (schema.const !== undefined || schema.enum) return [];
  const found: string[] = [];
  if (schema.type === 'string' && schema.maxLength === undefined && schema.format === undefined)
    found.push(at);
  if (schema.type === 'array' && schema.maxItems === undefined) found.push(at);
  for (const [key, child] of Object.entries(schema.properties ?? {}))
    found.push(...uncapped(child, `${at}.${key}`));
  for (const option of schema.anyOf ?? []) found.push(...uncapped(option, at));
  if (schema.items) found.push(...uncapped(schema.items, `${at}[]`));
  return found;
}

const shape = (schema: any) => ({
  fields: Object.keys(schema.properties ?? {}).sort(),
  required: [...(schema.required ?? [])].sort(),
  additionalProperties: schema.additionalProperties,
});

describe('IPC contract', () => {
  const office = useTestOffice('sqlite');
  let openapi: any;
  beforeAll(async () => {
    openapi = (await office.request('GET', '/openapi.json')).body;
  });

  const restChannels = Object.entries(CONTRACT).flatMap(([domain, spec]) =>
    Object.entries(spec.requests).flatMap(([action, channel]) =>
      'rest' in channel && channel.rest ? [{ name: channelName(domain, action), channel }] : [],
    ),
  );

  it('forwards only to routes the office has, with the route’s own body and query schemas', () => {
    expect(restChannels.length).toBeGreaterThan(30);
    for (const { name, channel } of restChannels) {
      const { method, path } = channel.rest!;
      const operation = openapi.paths[`/api/v1${path.replace(/:(\w+)/g, '{$1}')}`]?.[method.toLowerCase()];
      expect(operation, `${name} → ${method} ${path}`).toBeDefined();
      const request = channel.request as TSchema & { properties: Record<string, any> };
      const documented = operation.requestBody?.content?.['application/json']?.schema;
      // Named bodies are references into the document's components.
      const body = documented?.$ref
        ? openapi.components.schemas[documented.$ref.replace('#/components/schemas/', '')]
        : documented;
      expect(Boolean(request.properties.body), `${name} body`).toBe(Boolean(body));
      // OpenAPI rewrites nullable unions, so the body's shape is compared: its fields, which are required.
      if (body) expect(shape(request.properties.body), `${name} body`).toEqual(shape(body));
      const queryNames = (operation.parameters ?? [])
        .filter((p: any) => p.in === 'query')
        .map((p: any) => p.name);
      expect(Object.keys(request.properties.query?.properties ?? {}).sort(), `${name} query`).toEqual(
        queryNames.sort(),
      );
      expect(Boolean(request.properties.id), `${name} id`).toBe(path.includes(':id'));
    }
  });

  it('caps every string and list a page may send', () => {
    for (const [domain, spec] of Object.entries(CONTRACT)) {
      for (const [action, channel] of Object.entries(spec.requests)) {
        expect(uncapped(channel.request), channelName(domain, action)).toEqual([]);
      }
    }
  });
});
