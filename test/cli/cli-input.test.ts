/**
 * The CLI against hostile input: command names from Object.prototype, byte-order marks, deep
 * nesting, numbers a double cannot hold, invalid UTF-8. Each ends in a coded error with status 2
 * or in the exact answer, never a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processIo } from '../../src/cli/io.js';
import { MAX_DEPTH, parseJson } from '../../src/cli/json.js';
import { run } from '../../src/cli/run.js';

function cli(files: Record<string, string>, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = run(argv, {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    readText: (path) => {
      const name = path.split('/').pop() as string;
      if (!Object.hasOwn(files, name)) throw new Error(`no file ${name}`);
      return files[name] as string;
    },
    cwd: '/virtual',
  });
  return { status, out: out.join('\n'), err: err.join('\n') };
}

const position = ['--side', 'long', '--size', '1', '--entry', '50000', '--leverage', '20'];

describe('CLI input', () => {
  it.each(['toString', 'constructor', '__proto__', 'hasOwnProperty'])('command %s is unknown, not a crash', (name) => {
    const result = cli({}, name);
    expect(result.status).toBe(2);
    expect(result.err).toContain(`unknown command '${name}'`);
  });

  it('a tier file with a byte-order mark is read', () => {
    const tiers = '\uFEFF[{ "cap": null, "maintenanceMarginRate": "0.01", "maxLeverage": 50 }]';
    const result = cli({ 't.json': tiers }, 'price', ...position, '--tiers', 't.json', '--json');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.out).bankruptcyPrice).toBe('47500');
  });

  it(`nesting deeper than ${MAX_DEPTH} levels is refused with FILE_NOT_JSON`, () => {
    const deep = `${'['.repeat(100000)}${']'.repeat(100000)}`;
    const result = cli({ 'a.json': deep }, 'account', 'a.json');
    expect(result.status).toBe(2);
    expect(result.err).toContain('FILE_NOT_JSON');
    expect(result.err).toContain(`nesting deeper than ${MAX_DEPTH} levels`);
  });

  it('numbers are read from the text when a double cannot give them back', () => {
    expect(parseJson('[0.1, 50000, 1e-8, 0.30000000000000001, 123456789012345678901, 1e400, -0]')).toEqual([
      0.1,
      50000,
      1e-8,
      '0.30000000000000001',
      '123456789012345678901',
      '1e400',
      -0,
    ]);
    // The exact rate reaches the library: 0.30000000000000001 of 1 BTC is not 0.3.
    const tiers = '[{ "cap": null, "maintenanceMarginRate": 0.0100000000000000001, "maxLeverage": 50 }]';
    const result = cli({ 't.json': tiers }, 'price', ...position, '--tiers', 't.json', '--json');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.out).maintenanceMarginAtEntry).toBe('500.000000000000005');
  });

  it('a "__proto__" key is an ordinary field, and malformed JSON says where', () => {
    const value = parseJson('{"__proto__": {"polluted": 1}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(() => parseJson('{"a": 1,}')).toThrow('expected a field name at position 8');
    expect(() => parseJson('[1] x')).toThrow('unexpected text after the value');
    expect(() => parseJson('"\u0001"')).toThrow('a malformed string');
  });

  it('a file that is not UTF-8 is refused with FILE_NOT_UTF8, not silently replaced', () => {
    const dir = mkdtempSync(join(tmpdir(), 'liqmath-'));
    const path = join(dir, 'bad.json');
    writeFileSync(path, Buffer.from([0x5b, 0xff, 0xfe, 0x5d]));
    expect(() => processIo.readText(path)).toThrow('is not valid UTF-8');
    const result = run(['price', ...position, '--tiers', path], {
      ...processIo,
      out: () => undefined,
      err: (text) => {
        expect(text).toContain('FILE_NOT_UTF8');
      },
    });
    expect(result).toBe(2);
  });

  it('a flag given twice is a usage error, not a silent override', () => {
    for (const argv of [
      ['price', '--side', 'long', '--side', 'short', '--size', '1', '--entry', '50000', '--leverage', '20'],
      ['price', ...position, '--size', '10'],
    ]) {
      const result = cli({}, ...argv);
      expect(result.status).toBe(2);
      expect(result.err).toMatch(/--(side|size) is given more than once/);
    }
  });

  it("account shows liquidation prices on each market's tick toward the mark, never rounded to 0", () => {
    const file = JSON.stringify({
      collateral: '50',
      markets: {
        SHIBUSDT: { tiers: [{ cap: null, maintenanceMarginRate: '0.01', maxLeverage: 50 }], tickSize: '0.00000001' },
      },
      positions: [{ symbol: 'SHIBUSDT', side: 'long', size: '10000000', entryPrice: '0.00002', markPrice: '0.00002' }],
    });
    const result = cli({ 'a.json': file }, 'account', 'a.json');
    expect(result.status).toBe(0);
    // 50 + 1e7·(P − 0.00002) = 0.01·1e7·P → P = 150/9.9e6 = 0.0000151515…, shown up to the tick
    expect(result.out).toContain('0.00001516');
    const exact = JSON.parse(cli({ 'a.json': file }, 'account', 'a.json', '--json').out);
    expect(exact.positions[0].liquidationBelow.startsWith('0.0000151515')).toBe(true);
  });

  it('names the flag the user typed, suggests the nearest for a typo, and takes a negative value', () => {
    const typo = cli({}, 'price', '--side', 'long', '--size', '1', '--entry', '5', '--leverag', '2');
    expect(typo.err).toContain('unknown option --leverag; did you mean --leverage?');
    const negative = cli({}, 'price', '--side', 'long', '--size', '-1', '--entry', '5', '--leverage', '2');
    expect(negative.err).toBe('error NOT_POSITIVE: --size: got "-1"; allowed: a number greater than 0');
    const code = cli({}, 'price', '--side', 'long', '--size', '1', '--entry', '5', '--leverage', '500');
    expect(code.err.match(/LEVERAGE_ABOVE_MAX/g)?.length).toBe(1);
    expect(code.err).toContain('--leverage: got');
  });

  it('a reader that stops early (| head -1) ends the command quietly, no stack trace', () => {
    const root = new URL('../../', import.meta.url).pathname;
    const result = spawnSync('sh', ['-c', `"${process.execPath}" --import tsx src/cli/main.ts tiers | head -1`], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stdout.split('\n').filter(Boolean).length).toBe(1);
    expect(result.stderr).toBe('');
  });

  it.each(['constructor', '__proto__', 'toString'])(
    '--venue %s is an unknown venue, not an inherited member',
    (name) => {
      const result = cli({ 't.json': '[]' }, 'price', ...position, '--venue', name, '--tiers', 't.json');
      expect(result.status).toBe(2);
      expect(result.err).toContain(`--venue: got '${name}'`);
    },
  );
});

describe('account files: configuration closed, positions open', () => {
  const example = JSON.parse(
    readFileSync(new URL('../../examples/account-liquidatable.json', import.meta.url), 'utf8'),
  );
  const brackets = readFileSync(new URL('../../examples/binance-btcusdt-2024.json', import.meta.url), 'utf8');
  const withFile = (file: unknown) =>
    cli({ 'a.json': JSON.stringify(file), 'binance-btcusdt-2024.json': brackets }, 'account', 'a.json');

  it.each([
    ['a misspelt top-level key', { ...example, liquidaton: { feeRate: '0.01' } }, 'account.liquidaton: unknown field'],
    [
      'a misspelt fee rate',
      { ...example, liquidation: { feerate: '0.01' } },
      'account.liquidation.feerate: unknown field',
    ],
  ])('%s is refused, not silently ignored', (_what, file, fragment) => {
    const result = withFile(file);
    expect(result.status).toBe(2);
    expect(result.err).toMatch(/^error ACCOUNT_FILE_INVALID: /);
    expect(result.err).toContain(fragment);
  });

  it("a position may carry the caller's own fields", () => {
    const file = { ...example, positions: example.positions.map((p: object, k: number) => ({ ...p, id: `p${k}` })) };
    expect(withFile(file)).toEqual(withFile(example));
    expect(withFile(example).status).toBe(0);
  });

  it('a bankrupt account says why no close is planned, without an empty table', () => {
    const file = {
      collateral: '10',
      markets: {
        ETH: {
          tiers: [{ cap: null, maintenanceMarginRate: '0.05', maxLeverage: 20 }],
          contract: 'linear',
          settle: 'USDT',
        },
      },
      positions: [{ symbol: 'ETH', side: 'long', size: '1', entryPrice: '3000', markPrice: '2000' }],
    };
    const result = withFile(file);
    expect(result.status).toBe(0);
    expect(result.out).toContain('No partial liquidation. The account is bankrupt at these marks');
    expect(result.out).not.toContain('Partial-liquidation plan');
  });
});

describe('errors from a --tiers payload say so', () => {
  it('a payload of the wrong venue: the path is in --tiers', () => {
    const brackets = readFileSync(new URL('../../examples/binance-btcusdt-2024.json', import.meta.url), 'utf8');
    const result = cli({ 'b.json': brackets }, 'price', '--venue', 'bybit-linear', '--tiers', 'b.json', ...position);
    expect(result.status).toBe(2);
    expect(result.err).toMatch(/^error INVALID_TYPE: in --tiers, /);
  });
});
