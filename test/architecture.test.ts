/**
 * The layers of design.md: decimal/errors → tiers/markets → positions → solver → features →
 * venues/CLI. A module may import only from its own layer or below; index.ts re-exports all,
 * and the CLI (src/cli/, not part of the package's exports) sits on top of index.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const layers: Record<string, number> = {
  'errors.ts': 0,
  'decimal.ts': 0,
  'input.ts': 0,
  'rounding.ts': 0,
  'tiers.ts': 1,
  'tier-margin.ts': 1,
  'tier-check.ts': 1,
  'market.ts': 1,
  'position.ts': 2,
  'exposure.ts': 2,
  'solve.ts': 3,
  'liquidation.ts': 4,
  'cross.ts': 4,
  'close.ts': 4,
  'minimum-close.ts': 4,
  'policies.ts': 4,
  'plan.ts': 4,
  'settlement.ts': 4,
  'adl.ts': 4,
  'liquidation-index.ts': 5,
  'adapters/payload.ts': 6,
  'adapters/ccxt.ts': 6,
  'venues/methodology.ts': 6,
  'venues/binance.ts': 6,
  'venues/bybit.ts': 6,
  'venues/okx.ts': 6,
  'venues/bitmex.ts': 6,
  'venues/hyperliquid.ts': 6,
  'venues/dydx.ts': 6,
  'venues/index.ts': 6,
  'index.ts': 9,
  'cli/io.ts': 10,
  'cli/format.ts': 10,
  'cli/options.ts': 10,
  'cli/default-tiers.ts': 10,
  'cli/market-source.ts': 10,
  'cli/market-flags.ts': 10,
  'cli/tier-at.ts': 10,
  'cli/price.ts': 10,
  'cli/tiers-command.ts': 10,
  'cli/account-file.ts': 10,
  'cli/account-plan.ts': 10,
  'cli/account.ts': 10,
  'cli/run.ts': 10,
  'cli/main.ts': 10,
};

const srcDir = fileURLToPath(new URL('../src/', import.meta.url));
const sources = (readdirSync(srcDir, { recursive: true }) as string[]).filter((name) => name.endsWith('.ts'));

describe('architecture', () => {
  it('every source file has a layer', () => {
    expect(sources.filter((name) => layers[name] === undefined)).toEqual([]);
  });

  it.each(sources)('%s imports nothing from a layer above it', (name) => {
    const text = readFileSync(`${srcDir}${name}`, 'utf8');
    const imported = [...text.matchAll(/from '(\.{1,2}\/[\w/-]+)\.js'/g)].map((m) =>
      normalize(join(dirname(name), `${m[1]}.ts`)),
    );
    const upward = imported.filter((target) => (layers[target] ?? 99) > (layers[name] ?? -1));
    expect(upward).toEqual([]);
  });

  it('big.js is imported only by the decimal core (and as a type elsewhere)', () => {
    for (const name of sources.filter((n) => n !== 'decimal.ts')) {
      const text = readFileSync(`${srcDir}${name}`, 'utf8');
      expect(text).not.toMatch(/^import Big from 'big\.js'/m);
    }
  });
});
