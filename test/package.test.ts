/**
 * The built package as a consumer gets it: both formats load, agree, and interoperate (a table or
 * an error from the CJS copy is recognised by the ESM copy). Builds dist/ first when it is missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
type Api = typeof import('../src/index.js');

let esm: Api;
let cjs: Api;

beforeAll(async () => {
  if (!existsSync(`${root}dist/index.js`) || !existsSync(`${root}dist/index.cjs`)) {
    execFileSync(`${root}node_modules/.bin/tsup`, { cwd: root, stdio: 'ignore' });
  }
  esm = (await import(/* @vite-ignore */ `${root}dist/index.js`)) as Api;
  cjs = createRequire(import.meta.url)(`${root}dist/index.cjs`) as Api;
}, 60_000);

const rows = [
  { cap: '50000', maintenanceMarginRate: '0.004', maxLeverage: 125 },
  { cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 },
];

describe('dist', () => {
  it('exports the same names from ESM and CJS', () => {
    expect(Object.keys(esm).sort()).toEqual(Object.keys(cjs).sort());
    expect(Object.keys(esm)).toContain('maintenanceMargin');
  });

  it('gives the same numbers in both formats', () => {
    const a = esm.maintenanceMargin(esm.defineTiers(rows), '3500032.45776');
    const b = cjs.maintenanceMargin(cjs.defineTiers(rows), '3500032.45776');
    expect(a.toString()).toBe('17450.1622888');
    expect(b.toString()).toBe(a.toString());
  });

  it('accepts a table made by the other copy and recognises its errors', () => {
    const table = cjs.defineTiers(rows);
    expect(esm.maintenanceMargin(table, 100000).toString()).toBe('450');
    let caught: unknown;
    try {
      cjs.tierFor(table, -1);
    } catch (error) {
      caught = error;
    }
    expect(caught).not.toBeInstanceOf(esm.LiqMathError);
    expect(esm.isLiqMathError(caught)).toBe(true);
  });

  it('accepts the other copy’s Big results as inputs', () => {
    const fromCjs = cjs.maintenanceMargin(cjs.defineTiers(rows), 60000); // 60,000·0.5% − 50 = 250
    expect(esm.maintenanceMargin(esm.defineTiers(rows), fromCjs).toString()).toBe('1');
  });

  it('has no side effects on import and declares it', () => {
    const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
      sideEffects: boolean;
      dependencies: Record<string, string>;
    };
    expect(pkg.sideEffects).toBe(false);
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['@types/big.js', 'big.js']);
  });

  it('builds before it is packed, so `npm pack` from a fresh clone ships dist/', () => {
    const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
      scripts: Record<string, string>;
      files: string[];
    };
    expect(pkg.scripts.prepack).toBe('tsup');
    expect(pkg.files).toContain('dist');
  });
});
