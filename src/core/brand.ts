/**
 * Which objects liqmath made: markets, tier tables, liquidation indexes. A mark is an entry in a
 * WeakMap, not a property, so it cannot be copied, forged from data, or reached through a Proxy
 * (a Proxy around a market is another object, and is refused). The maps live in one registry on
 * `globalThis` under a `Symbol.for` key, created on first use, so that the ESM and CJS copies of
 * liqmath in one process accept each other's objects.
 */

type Kind = 'market' | 'table' | 'index';

const REGISTRY = Symbol.for('liqmath.brands.v1');

type Registry = Readonly<Record<Kind, WeakMap<object, unknown>>>;

function registry(): Registry {
  const holder = globalThis as unknown as Record<symbol, Registry | undefined>;
  const found = holder[REGISTRY];
  // A registry is accepted only if each map is a real WeakMap (its methods check their receiver).
  if (found !== undefined) return found;
  const made: Registry = Object.freeze({ market: new WeakMap(), table: new WeakMap(), index: new WeakMap() });
  Object.defineProperty(globalThis, REGISTRY, { value: made });
  return made;
}

/** Marks `object` as made by liqmath, with `value` attached (the index's state; `true` otherwise). */
export function brand(kind: Kind, object: object, value: unknown = true): void {
  WeakMap.prototype.set.call(registry()[kind], object, value);
}

/** The value attached to `object` by {@link brand}, or undefined when liqmath did not make it. */
export function branded(kind: Kind, object: unknown): unknown {
  if (typeof object !== 'object' || object === null) return undefined;
  return WeakMap.prototype.get.call(registry()[kind], object);
}
