// A field's limits read from the schema the office checks what it sends against, so the two
// cannot drift: a text's length and pattern, a number's range.
import type { TSchema } from 'typebox';

/** What a string or number schema says about its values (what it leaves out is absent). */
export interface SchemaLimits {
  maxLength?: number;
  minLength?: number;
  /** The schema's pattern, searched for anywhere in the value (JSON Schema's meaning). */
  pattern?: string;
  minimum?: number;
  maximum?: number;
}

const number = (value: unknown) => (typeof value === 'number' ? value : undefined);

export function schemaLimits(schema: TSchema): SchemaLimits {
  const { maxLength, minLength, pattern, minimum, maximum } = schema as Record<string, unknown>;
  return {
    maxLength: number(maxLength),
    minLength: number(minLength),
    pattern: typeof pattern === 'string' ? pattern : undefined,
    minimum: number(minimum),
    maximum: number(maximum),
  };
}

/**
 * A JSON Schema pattern as an input's `pattern` attribute, which must match the whole value and
 * is compiled with the `v` flag: an anchored pattern loses its anchors, any other may match
 * anywhere, and a hyphen at either end of a character class is escaped (`v` wants it so).
 */
export function htmlPattern(pattern: string): string {
  const whole =
    pattern.startsWith('^') && pattern.endsWith('$') && !pattern.endsWith('\\$')
      ? pattern.slice(1, -1)
      : `[\\s\\S]*(?:${pattern})[\\s\\S]*`;
  return whole.replace(/(\[\^?)-/g, '$1\\-').replace(/([^\\])-\]/g, '$1\\-]');
}

/** The attributes that hold a text field to its schema: `<TextField {...textLimits(Email)} />`. */
export function textLimits(schema: TSchema): { maxLength?: number; minLength?: number; pattern?: string } {
  const { maxLength, minLength, pattern } = schemaLimits(schema);
  return {
    ...(maxLength !== undefined && { maxLength }),
    ...(minLength !== undefined && { minLength }),
    ...(pattern !== undefined && { pattern: htmlPattern(pattern) }),
  };
}

/** The attributes that hold a number field to its schema's range. */
export function numberLimits(schema: TSchema): { min?: number; max?: number } {
  const { minimum, maximum } = schemaLimits(schema);
  return { ...(minimum !== undefined && { min: minimum }), ...(maximum !== undefined && { max: maximum }) };
}
