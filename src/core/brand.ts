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

/** The registry, once found or made (a hot path: every call checks its market). */
let cached: Registry | undefined;

function registry(): Registry {
  if (cached !== undefined) return cached;
  const holder = globalThis as unknown as Record<symbol, Registry | undefined>;
  // The maps' methods are called through WeakMap.prototype, so a registry whose maps are not
  // real WeakMaps throws instead of answering.
  let found = holder[REGISTRY];
  if (found === undefined) {
    found = Object.freeze({ market: new WeakMap(), table: new WeakMap(), index: new WeakMap() });
    Object.defineProperty(globalThis, REGISTRY, { value: found });
  }
  cached = found;
  return found;
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
