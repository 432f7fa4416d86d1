// Values for a route's JSON schema (see openapi-routes.ts): one the schema accepts, and hostile
// ones it must refuse. For each leaf of a body, the values of a wrong type and every limit
// overstepped by one (length, range, pattern, format, a NUL); and for a seeded barrage, valid
// bodies with random damage (odd numbers and strings, deep nesting, missing and unknown
// fields, prototype keys) whose last change is wrong for certain, and JSON texts cut or
// spliced so that they no longer parse.
import type { Schema } from './openapi-routes';

// ---------------------------------------------------------------------------------------------
// Values built from a schema: one that passes it, and several that each break it.

/** Candidates for patterned strings; a new pattern none of them matches fails the test loudly. */
const PATTERN_SAMPLES = [
  'Fuzz',
  '1234',
  '+15551234567',
  '00:11:22:33:44:55',
  'abcdefghijkl',
  'abcdefghijklmnopqrstuvwx',
  'fuzz@example.com',
  'FR',
];

/** A value the schema accepts, with only the required properties of objects. */
export function validValue(schema: Schema, where: string): unknown {
  if (schema.anyOf || schema.allOf?.length === 1) return validValue(branchesOf(schema)[0]!, where);
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'string': {
      if (schema.format === 'email') return 'fuzz@example.com';
      if (schema.format === 'date-time') return '2026-01-01T00:00:00Z';
      const fits = (s: string) =>
        s.length >= (schema.minLength ?? 0) &&
        s.length <= (schema.maxLength ?? Infinity) &&
        (!schema.pattern || new RegExp(schema.pattern, 'u').test(s));
      const sample = PATTERN_SAMPLES.find(fits);
      if (sample === undefined) throw new Error(`${where}: add a sample matching ${JSON.stringify(schema)}`);
      return sample;
    }
    case 'integer':
    case 'number':
      return schema.minimum ?? Math.min(1, schema.maximum ?? 1);
    case 'boolean':
      return true;
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, (_, i) =>
        validValue(schema.items ?? {}, `${where}.${i}`),
      );
    case 'object':
      return Object.fromEntries(
        (schema.required ?? []).map((name) => [
          name,
          validValue(schema.properties![name]!, `${where}.${name}`),
        ]),
      );
    default:
      throw new Error(`${where}: no valid value for ${JSON.stringify(schema)}`);
  }
}

/** The alternatives of a schema, nested `anyOf`s and one-element `allOf` wrappers flattened. */
const branchesOf = (schema: Schema): Schema[] => {
  if (schema.anyOf) return schema.anyOf.flatMap(branchesOf);
  if (schema.allOf?.length === 1) return branchesOf(schema.allOf[0]!);
  return [schema];
};

export const typeOf = (schema: Schema): string | undefined => branchesOf(schema)[0]?.type;

/** Values the schema refuses: wrong types, and for its own type every limit overstepped. */
export function invalidValues(schema: Schema): unknown[] {
  const type = typeOf(schema);
  const branches = branchesOf(schema);
  const takesNull = schema.nullable === true || branches.some((s) => s.type === 'null');
  const nonNull = (values: unknown[]) => (takesNull ? values.filter((v) => v !== null) : values);
  const choices = branches.flatMap((s) => s.enum ?? []);
  switch (type) {
    case 'string': {
      const values: unknown[] = nonNull([42, -1, true, null, [], ['Fuzz'], {}, { value: 'Fuzz' }]);
      if (choices?.length) {
        values.push('maybe', `${String(choices[0]).toUpperCase()}!`);
        if (!choices.includes('')) values.push('');
      }
      if (schema.maxLength !== undefined) {
        values.push('7'.repeat(schema.maxLength + 1));
        if (schema.maxLength < 10_000) values.push('x'.repeat(10_000));
      }
      if (schema.minLength) values.push('');
      if (schema.format === 'email') values.push('not-an-email', '@', 'a@');
      if (schema.format === 'date-time') values.push('yesterday', '2026-13-45T99:99:99Z', '2026-01-01');
      if (schema.pattern) values.push('\u0000', '../../etc/passwd\u0000');
      // A NUL breaks every string: PostgreSQL cannot store it, so no database may receive it.
      values.push(`${String(validValue(schema, 'nul'))}\u0000`);
      return values;
    }
    case 'integer':
    case 'number': {
      const values: unknown[] = nonNull(['5', 'NaN', 'Infinity', '', true, null, [], {}, [5]]);
      if (type === 'integer') values.push(3.5, 1e-7);
      if (schema.minimum !== undefined) values.push(schema.minimum - 1, -1e308, Number.MIN_SAFE_INTEGER - 2);
      if (schema.maximum !== undefined) values.push(schema.maximum + 1, 1e308, 2 ** 53 + 1);
      return values;
    }
    case 'boolean':
      return nonNull(['true', 'false', 1, 0, null, [], {}, [true]]);
    case 'object':
      return nonNull(['Fuzz', 1, true, null, [], [{}]]);
    case 'array':
      return nonNull(['Fuzz', 1, {}, null]);
    default:
      return [];
  }
}

export interface Leaf {
  /** Property names from the body's root. */
  path: string[];
  schema: Schema;
}

/** Every property at every depth, objects included (a wrong type there is refused there). */
export function leavesOf(schema: Schema, path: string[] = []): Leaf[] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, child]) => [
    { path: [...path, name], schema: child },
    ...(typeOf(child) === 'object' ? leavesOf(child.anyOf?.[0] ?? child, [...path, name]) : []),
  ]);
}

/** Every object in the schema (the body itself first), where an unknown field can be slipped in. */
export function objectsOf(schema: Schema, path: string[] = []): Leaf[] {
  return [
    { path, schema },
    ...Object.entries(schema.properties ?? {})
      .filter(([, child]) => typeOf(child) === 'object')
      .flatMap(([name, child]) => objectsOf(child.anyOf?.[0] ?? child, [...path, name])),
  ];
}

/**
 * Sets `value` at `path` inside `root`, giving every object on the way (missing, or not an
 * object) its required fields first, so that `value` is the one thing wrong with the body.
 */
export function setAt(root: Record<string, unknown>, body: Schema, path: string[], value: unknown): void {
  let target = root;
  let schema = body;
  for (const name of path.slice(0, -1)) {
    schema = schema.properties?.[name] ?? {};
    schema = schema.anyOf?.[0] ?? schema;
    const current = target[name];
    if (current === null || typeof current !== 'object' || Array.isArray(current)) {
      target[name] = validValue(schema, name);
    }
    target = target[name] as Record<string, unknown>;
  }
  target[path[path.length - 1]!] = value;
}

/** The body's valid skeleton with `value` at `path`. */
export function bodyWith(body: Schema, path: string[], value: unknown): Record<string, unknown> {
  const root = validValue(body, 'body') as Record<string, unknown>;
  setAt(root, body, path, value);
  return root;
}

// ---------------------------------------------------------------------------------------------
// Random material for the barrage.

export const WEIRD_VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  -0,
  -1,
  3.5,
  1e308,
  -1e308,
  2 ** 53 + 1,
  1e-7,
  '',
  ' ',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x10',
  '1e400',
  'x'.repeat(10_000),
  '\u0000\uFFFF\uD800',
  '\u202Eevil\u202C',
  'ünïcødé 💩 名前',
  '../../etc/passwd',
  "' OR '1'='1' --",
  '<script>alert(1)</script>',
  '{{7*7}} ${7*7}',
  [],
  [1, 'two', null],
  {},
  { nested: { deeper: { deepest: [{}] } } },
  '2026-13-45T99:99:99Z',
  'not-an-email',
  '+0000',
];

const UNKNOWN_KEYS = [
  'isAdmin',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '',
  ' name',
  'NAME',
  'ünknøwn',
  'k'.repeat(1000),
  'a.b',
  '$where',
];

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { level: value };
  return value;
}

const NOT_OBJECT_VALUES = WEIRD_VALUES.filter((v) => v === null || typeof v !== 'object' || Array.isArray(v));

export const pick = <T>(random: () => number, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)]!;

/**
 * A body the route must refuse: its valid skeleton with a few random changes, some of which may
 * be harmless, and last one that is wrong for certain (a value the schema refuses, or an
 * unknown field).
 */
export function randomInvalidBody(random: () => number, body: Schema): unknown {
  if (random() < 0.08) return pick(random, NOT_OBJECT_VALUES);
  const leaves = leavesOf(body);
  const value = validValue(body, 'body') as Record<string, unknown>;
  const names = Object.keys(body.properties ?? {});
  const changes = Math.floor(random() * 4);
  for (let i = 0; i < changes; i++) {
    const roll = random();
    if (leaves.length > 0 && roll < 0.5)
      setAt(value, body, pick(random, leaves).path, pick(random, WEIRD_VALUES));
    else if (names.length > 0 && roll < 0.7)
      value[pick(random, names)] = nested(20 + Math.floor(random() * 200));
    else if (names.length > 0 && roll < 0.8) delete value[pick(random, names)];
    else value[`${pick(random, UNKNOWN_KEYS)}_${Math.floor(random() * 1000)}`] = pick(random, WEIRD_VALUES);
  }
  const leaf = leaves.length > 0 && random() < 0.6 ? pick(random, leaves) : null;
  if (leaf) setAt(value, body, leaf.path, pick(random, invalidValues(leaf.schema)));
  else value[`${pick(random, UNKNOWN_KEYS)}_unknown`] = pick(random, WEIRD_VALUES);
  return value;
}

/** One random edit to a JSON text: cut short, a stray or missing character, or trailing junk. */
function editedText(random: () => number, text: string): string {
  const at = Math.floor(random() * text.length);
  switch (Math.floor(random() * 4)) {
    case 0:
      return text.slice(0, at);
    case 1:
      return (
        text.slice(0, at) +
        pick(random, ['{', '}', '[', ']', ',', ':', '"', '\\', '\u0000', '\uFFFF']) +
        text.slice(at)
      );
    case 2:
      return text.slice(0, at) + text.slice(at + 1);
    default:
      return text + pick(random, ['}', ']', ',', ' x', '\u0000', '{}']);
  }
}

/**
 * A JSON text damaged so that it no longer parses (an edit can leave it valid, and even turn a
 * refused body into an accepted one: those are skipped), or null after a few tries.
 */
export function brokenJson(random: () => number, text: string): string | null {
  for (let attempt = 0; attempt < 5; attempt++) {
    const edited = editedText(random, text);
    try {
      JSON.parse(edited);
    } catch {
      return edited;
    }
  }
  return null;
}
