/**
 * Path copying with ownership: an update copies each node it changes, once. A node copied (or
 * created) by the current transaction is owned by it and may be changed in place again, so a
 * batch of m changes copies each touched path once instead of m times. Nodes of older versions are
 * never owned, hence never changed: every earlier index stays valid.
 */
export interface Txn {
  /** The node itself when this transaction made it; otherwise a copy, now owned. */
  own<T extends object>(node: T, copy: (node: T) => T): T;
  /** Marks a node this transaction just created as owned. */
  made<T extends object>(node: T): T;
}

/** A new transaction; drop it when the update is done, and its nodes become immutable. */
export function transaction(): Txn {
  // A list while small (a single update owns about a dozen nodes: a scan beats hashing), then a Set.
  const owned: object[] = [];
  let set: Set<object> | null = null;
  return {
    own(node, copy) {
      return (set === null ? owned.includes(node) : set.has(node)) ? node : this.made(copy(node));
    },
    made(node) {
      if (set !== null) set.add(node);
      else if (owned.push(node) > 32) set = new Set(owned);
      return node;
    },
  };
}
