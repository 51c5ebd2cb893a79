/**
 * The layers of docs/architecture.md, enforced from the imports: core → model → engine →
 * features → venues → index.ts → cli. A module imports only from its own layer or below;
 * a feature (a folder of src/features/) imports the engine, never another feature; venues
 * import core and model only; the CLI imports the public entry (src/index.ts) and itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const RANKS: Record<string, number> = { core: 0, model: 1, engine: 2, features: 3, venues: 4, 'index.ts': 5, cli: 6 };

const srcDir = fileURLToPath(new URL('../src/', import.meta.url));
const sources = (readdirSync(srcDir, { recursive: true }) as string[])
  .map((name) => name.split('\\').join('/'))
  .filter((name) => name.endsWith('.ts'));

const layerOf = (name: string): string => name.split('/')[0] as string;
const rankOf = (name: string): number => RANKS[layerOf(name)] ?? Number.NaN;
/** The feature a file belongs to: `features/partial/plan.ts` → `partial`. */
const featureOf = (name: string): string | null => (layerOf(name) === 'features' ? (name.split('/')[1] ?? null) : null);

function importsOf(name: string): string[] {
  const text = readFileSync(`${srcDir}${name}`, 'utf8');
  return [...text.matchAll(/from '(\.{1,2}\/[\w/.-]+)\.js'/g)].map((m) =>
    normalize(join(dirname(name), `${m[1]}.ts`))
      .split('\\')
      .join('/'),
  );
}

describe('architecture', () => {
  it('every source file is in a layer', () => {
    expect(sources.filter((name) => Number.isNaN(rankOf(name)))).toEqual([]);
  });

  it.each(sources)('%s imports nothing from a layer above it', (name) => {
    expect(importsOf(name).filter((target) => rankOf(target) > rankOf(name))).toEqual([]);
  });

  it.each(sources.filter((name) => featureOf(name) !== null))('%s imports no other feature', (name) => {
    const own = featureOf(name);
    expect(importsOf(name).filter((target) => featureOf(target) !== null && featureOf(target) !== own)).toEqual([]);
  });

  it.each(sources.filter((name) => layerOf(name) === 'venues'))('%s imports core and model only', (name) => {
    expect(importsOf(name).filter((target) => !['core', 'model', 'venues'].includes(layerOf(target)))).toEqual([]);
  });

  it.each(sources.filter((name) => layerOf(name) === 'cli'))('%s imports only the public entry', (name) => {
    expect(importsOf(name).filter((target) => target !== 'index.ts' && layerOf(target) !== 'cli')).toEqual([]);
  });

  it("big.js is imported as a value only by liqmath's constructor (core/big.ts)", () => {
    for (const name of sources.filter((n) => n !== 'core/big.ts')) {
      const text = readFileSync(`${srcDir}${name}`, 'utf8');
      expect(text, name).not.toMatch(/^import Big from 'big\.js'/m);
    }
  });

  it("contract types are told apart only by the engine's contract module", () => {
    // The CLI names contract types in its flags and labels; the library branches on them nowhere else.
    const branches = /(contract|contractType)\s*[!=]==?\s*'(linear|inverse)'|'(linear|inverse)'\s*[!=]==?/;
    const library = sources.filter((name) => layerOf(name) !== 'cli' && name !== 'engine/contract.ts');
    expect(library.filter((name) => branches.test(readFileSync(`${srcDir}${name}`, 'utf8')))).toEqual([]);
    expect(branches.test("if (market.contract === 'linear')")).toBe(true);
  });

  it('the checks can fail: an upward import and a cross-feature import are seen', () => {
    expect(rankOf('engine/solve.ts')).toBeLessThan(rankOf('features/liquidation/isolated.ts'));
    expect(featureOf('features/partial/plan.ts')).not.toBe(featureOf('features/liquidation/isolated.ts'));
    expect(importsOf('features/liquidation/cross.ts')).toContain('engine/cross.ts');
  });
});
