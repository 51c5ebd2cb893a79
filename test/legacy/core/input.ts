/**
 * Boundary checks for structured input (objects, arrays, choices) from TypeScript and plain
 * JavaScript callers alike. Numbers are parsed in `decimal.ts`.
 */
import { fail } from './errors.js';

/** A plain readable object; anything else (null, arrays, primitives) is refused. */
export function expectRecord(value: unknown, field: string, what: string): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail('INVALID_TYPE', field, value, what);
  }
  return value as Readonly<Record<string, unknown>>;
}

/** An array; anything else is refused. */
export function expectArray(value: unknown, field: string, what: string): readonly unknown[] {
  if (!Array.isArray(value)) fail('INVALID_TYPE', field, value, what);
  return value;
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
