/**
 * Boundary checks for structured input (objects, arrays, choices) from TypeScript and plain
 * JavaScript callers alike. Numbers are parsed in `decimal.ts`.
 */
import { fail, LiqMathError } from './errors.js';

/**
 * A plain readable object, as a snapshot of its own enumerable fields: each read once (a getter
 * or a Proxy sees one read), inherited fields never seen (a polluted `Object.prototype` changes
 * nothing), the snapshot immune to later changes. Anything else (null, arrays, primitives) is
 * refused, and so is an object whose fields cannot be read (a throwing getter or Proxy trap).
 */
export function expectRecord(value: unknown, field: string, what: string): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || isArray(value, field)) {
    fail('INVALID_TYPE', field, value, what);
  }
  return ownFields(value, field, what);
}

function ownFields(value: object, field: string, what: string): Readonly<Record<string, unknown>> {
  const copy: Record<string, unknown> = Object.create(null);
  try {
    for (const key of Object.keys(value)) copy[key] = (value as Record<string, unknown>)[key];
  } catch {
    fail('INVALID_TYPE', field, UNREADABLE, `${what}, whose fields can be read`);
  }
  return copy;
}

/** Stands for a value liqmath could not read, in an error message. */
/**
 * Rethrows liqmath's own error; any other (a throwing getter, a revoked Proxy) becomes
 * `INVALID_TYPE` at `field`: the caller's exception never escapes as if it were liqmath's.
 */
export function unreadable(error: unknown, field: string, what: string): never {
  if (error instanceof LiqMathError) throw error;
  return fail('INVALID_TYPE', field, UNREADABLE, `${what}, whose fields can be read`);
}

const UNREADABLE = Object.freeze({ toString: () => '(an object whose fields throw when read)' });

/** Whether a value is an array; false for anything that cannot even be asked (a revoked Proxy). */
export function isList(value: unknown): value is readonly unknown[] {
  try {
    return Array.isArray(value);
  } catch {
    return false;
  }
}

/** Array.isArray, which throws for a revoked Proxy: then a LiqMathError. */
function isArray(value: unknown, field: string): boolean {
  try {
    return Array.isArray(value);
  } catch {
    return fail('INVALID_TYPE', field, UNREADABLE, 'a value that can be read');
  }
}

/**
 * An array, as a snapshot of its elements, each read once. A hole (`[a, , b]`, `new Array(3)`)
 * is refused: an element that is not there cannot be validated. Anything else is refused.
 */
export function expectArray(
  value: unknown,
  field: string,
  what: string,
  most?: { readonly limit: number; readonly of: string },
): readonly unknown[] {
  if (!isArray(value, field)) fail('INVALID_TYPE', field, value, what);
  const source = value as readonly unknown[];
  try {
    const length = source.length;
    // The limit comes before any work on the elements.
    if (most !== undefined && length > most.limit) {
      // The array itself is the value; its length is in the message.
      fail('TOO_LARGE', field, value, `at most ${most.limit} ${most.of} (LIMITS)`);
    }
    const copy = new Array<unknown>(length);
    for (let k = 0; k < length; k += 1) {
      if (!Object.hasOwn(source, k)) {
        fail('INVALID_TYPE', `${field}[${k}]`, undefined, `an element: ${field} has a hole at ${k}`);
      }
      copy[k] = source[k];
    }
    return copy;
  } catch (error) {
    // Our own error (a hole) passes; anything else came from the caller's Proxy or getter.
    if (error instanceof LiqMathError) throw error;
    return fail('INVALID_TYPE', field, UNREADABLE, `${what}, whose elements can be read`);
  }
}

/**
 * Refuses fields liqmath does not know: a misspelt `maintenanceMarginRatio` must not be
 * silently ignored while a default takes its place.
 */
export function expectKnownFields(
  record: Readonly<Record<string, unknown>>,
  known: readonly string[],
  field: string,
): void {
  for (const key of Object.keys(record)) {
    if (!known.includes(key)) {
      fail('UNKNOWN_FIELD', `${field}.${key}`, record[key], `only the fields ${known.join(', ')}`);
    }
  }
}

/** One of a fixed set of strings. */
export function expectChoice<T extends string>(value: unknown, choices: readonly T[], field: string): T {
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    fail('INVALID_OPTION', field, value, `one of ${choices.map((c) => `'${c}'`).join(', ')}`);
  }
  return value as T;
}

/** The value of a field that must be present (not undefined). */
export function required(record: Readonly<Record<string, unknown>>, key: string, field: string): unknown {
  if (record[key] === undefined)
    fail('MISSING_FIELD', `${field}.${key}`, undefined, 'a value (this field is required)');
  return record[key];
}
