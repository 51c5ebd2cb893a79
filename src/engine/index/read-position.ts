/**
 * Reading a position record at the boundary. Records are open: fields other than id, symbol,
 * side and liquidationPrice are ignored (a backend passes its own position objects), only own
 * properties are read (never an inherited one), and each of them once (a getter runs once).
 */
import { fail } from '../../core/errors.js';
import { expectChoice, unreadable } from '../../core/input.js';
import type { Side } from '../../model/position.js';
import { type Price, quickKey, readPrice } from './price-key.js';

/** A position as read: its price is a key or an exact Big (see price-key.ts), or null. */
export interface ReadPosition {
  readonly id: string;
  readonly symbol: string;
  readonly side: Side;
  readonly price: Price | null;
}

const SHAPE = 'a position { id, symbol, side, liquidationPrice }';
const SIDES: readonly Side[] = ['long', 'short'];

/**
 * Reads and validates one position record, named in errors `name`, or `name[at]` when `at` ≥ 0:
 * the name is only built for an error or a slow price, since a build reads 10⁶ records.
 */
export function readPosition(value: unknown, name: string, at = -1): ReadPosition {
  const into = { id: '', symbol: '', side: 'long' as Side, price: null as Price | null };
  readPositionInto(into, value, name, at);
  return into;
}

/** {@link readPosition} into a record the caller reuses: a build reads 10⁶ without allocating one each. */
export function readPositionInto(into: Writable<ReadPosition>, value: unknown, name: string, at = -1): void {
  let id: unknown;
  let symbol: unknown;
  let side: unknown;
  let raw: unknown;
  try {
    // Array.isArray throws on a revoked Proxy, a getter may throw: both are the caller's input.
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      fail('INVALID_TYPE', fieldName(name, at), value, SHAPE);
    }
    const record = value as Readonly<Record<string, unknown>>;
    id = ownField(record, 'id');
    symbol = ownField(record, 'symbol');
    side = ownField(record, 'side');
    raw = ownField(record, 'liquidationPrice');
  } catch (error) {
    unreadable(error, fieldName(name, at), SHAPE);
  }
  if (typeof id === 'string' && typeof symbol === 'string' && (side === 'long' || side === 'short')) {
    const quick = raw === null ? 0 : quickKey(raw);
    if (quick >= 0) {
      into.id = id;
      into.symbol = symbol;
      into.side = side;
      into.price = raw === null ? null : quick;
      return;
    }
  }
  Object.assign(into, checked(id, symbol, side, raw, fieldName(name, at)));
}

/** A ReadPosition the reader may fill. */
export type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** The full checks, in the documented order, once the fields are read. */
function checked(id: unknown, symbol: unknown, side: unknown, raw: unknown, field: string): ReadPosition {
  if (id === undefined) missing(`${field}.id`);
  if (symbol === undefined) missing(`${field}.symbol`);
  if (typeof id !== 'string') fail('INVALID_TYPE', `${field}.id`, id, 'a string id');
  if (typeof symbol !== 'string') fail('INVALID_TYPE', `${field}.symbol`, symbol, 'a market symbol');
  if (side === undefined) missing(`${field}.side`);
  const checkedSide = expectChoice(side, SIDES, `${field}.side`);
  if (raw === undefined) fail('MISSING_FIELD', `${field}.liquidationPrice`, raw, 'a price, or null when there is none');
  const price = raw === null ? null : readPrice(raw, `${field}.liquidationPrice`);
  return { id, symbol, side: checkedSide, price };
}

/** An own property's value, read once; undefined when absent or inherited. */
export function ownField(record: Readonly<Record<string, unknown>>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function fieldName(name: string, at: number): string {
  return at < 0 ? name : `${name}[${at}]`;
}

function missing(field: string): never {
  return fail('MISSING_FIELD', field, undefined, 'a value (this field is required)');
}
