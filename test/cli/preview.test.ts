/**
 * `liqmath preview` and `liqmath max-size`: the JSON is the library's result (exact strings), the
 * text says the transition, the costs by venue and a refusal in words; errors name the flags.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { binanceUsdm, isolatedMaxOrderSize, previewIsolatedOrder } from '../../src/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = run(argv, {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    readText: (path) => readFileSync(path, 'utf8'),
    cwd: root,
  });
  return { status, out: out.join('\n'), err: err.join('\n') };
}

// The CLI's default market: Binance USDⓈ-M BTCUSDT (2024 brackets), tick 0.1.
const brackets = JSON.parse(readFileSync(`${root}examples/binance-btcusdt-2024.json`, 'utf8'));
const market = binanceUsdm.market(brackets, { symbol: 'BTCUSDT', tickSize: '0.1' });
const exact = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('liqmath preview', () => {
  const position = ['--side', 'long', '--size', '1', '--entry', '50000', '--leverage', '20'];
  const order = ['--order', 'sell', '--qty', '3', '--mark', '51000', '--order-fee', '0.0004'];

  it('--json is the library result', () => {
    const result = cli('preview', ...position, ...order, '--json');
    expect(result.status).toBe(0);
    const library = previewIsolatedOrder(
      market,
      { side: 'long', size: '1', entryPrice: '50000', leverage: '20' },
      { side: 'sell', size: '3', type: 'market' },
      { markPrice: '51000', feeRate: '0.0004', leverage: '20' },
    );
    const { symbol, source, ...rest } = JSON.parse(result.out);
    expect(symbol).toBe('BTCUSDT');
    expect(source).toContain('binance-usdm');
    expect(rest).toEqual(exact(library));
  });

  it('says the transition, both costs and the prices on the tick', () => {
    const { out } = cli('preview', ...position, ...order);
    expect(out).toContain('flips the position; fills at 51,000 (the mark)');
    expect(out).toContain('liquidation     now 47,690.8, after 53,308.4');
    expect(out).toContain('(Binance)');
    expect(out).toContain('(Bybit)');
    expect(out).toContain('a venue would accept this order');
  });

  it('a refused order exits 0 and says why in words', () => {
    const result = cli('preview', ...position, '--order', 'buy', '--qty', '1', '--mark', '50000', '--reduce-only');
    expect(result.status).toBe(0);
    expect(result.out).toContain('REFUSED: a reduce-only order may not open, add to or flip the position');
  });

  it.each([
    [['--order', 'buy', '--mark', '1'], 'USAGE', '--qty is required'],
    [['--order', 'buy', '--qty', '0', '--mark', '1', '--leverage', '2'], 'NOT_POSITIVE', '--qty: got "0"'],
    [['--order', 'buy', '--qty', '1', '--mark', '1'], 'MISSING_FIELD', '--leverage'],
    [['--order', 'hold', '--qty', '1', '--mark', '1'], 'USAGE', '--order'],
    [['--order', 'buy', '--qty', '1', '--mark', '1', '--leverage', '2', '--balance', '-1'], 'NEGATIVE', '--balance'],
  ])('%j → %s', (argv, code, fragment) => {
    const result = cli('preview', ...argv);
    expect(result.status).toBe(2);
    expect(result.err).toMatch(new RegExp(`^error ${code}: `));
    expect(result.err).toContain(fragment);
  });
});

describe('liqmath max-size', () => {
  it('--json is the library result, and the text says what limits it', () => {
    const argv = [
      '--order',
      'buy',
      '--limit',
      '50000',
      '--mark',
      '50000',
      '--leverage',
      '20',
      '--balance',
      '1000',
      '--order-fee',
      '0.0005',
      '--lot',
      '0.001',
    ];
    const json = JSON.parse(cli('max-size', ...argv, '--json').out);
    const lot = binanceUsdm.market(brackets, { symbol: 'BTCUSDT', tickSize: '0.1', lotSize: '0.001' });
    const library = isolatedMaxOrderSize(
      lot,
      null,
      { side: 'buy', type: 'limit', price: '50000' },
      {
        markPrice: '50000',
        leverage: '20',
        availableBalance: '1000',
        feeRate: '0.0005',
      },
    );
    expect({ size: json.size, notional: json.notional, limitedBy: json.limitedBy }).toEqual(exact(library));
    expect(cli('max-size', ...argv).out).toContain('limited by      the balance');
  });

  it('takes no --qty', () => {
    const result = cli('max-size', '--order', 'buy', '--qty', '1', '--mark', '1', '--leverage', '2', '--balance', '1');
    expect(result.status).toBe(2);
    expect(result.err).toContain('takes no --qty');
  });
});

describe('liqmath preview --account', () => {
  it("--json is previewCrossOrder on the file's account (markets by symbol)", () => {
    const argv = [
      '--account',
      'examples/account.json',
      '--symbol',
      'BTCUSDT',
      '--order',
      'buy',
      '--qty',
      '1',
      '--leverage',
      '10',
    ];
    const result = cli('preview', ...argv, '--json');
    expect(result.status).toBe(0);
    const json = JSON.parse(result.out);
    expect(json.transition).toBe('add');
    expect(json.fill).toEqual({ price: '58500', from: 'mark' });
    expect(
      json.after.account.positions.map(
        (p: { symbol: string; side: string; size: string }) => `${p.symbol} ${p.side} ${p.size}`,
      ),
    ).toEqual(['ETHUSDT short 60', 'ETHUSDT long 20', 'BTCUSDT long 5']);
    expect(cli('preview', ...argv).out).toContain('after below 55,149.7, above none');
  });

  it('hedge mode needs --position-side, named as the flag', () => {
    const argv = [
      '--account',
      'examples/account.json',
      '--symbol',
      'ETHUSDT',
      '--order',
      'sell',
      '--qty',
      '5',
      '--leverage',
      '10',
    ];
    const missing = cli('preview', ...argv);
    expect(missing.status).toBe(2);
    expect(missing.err).toMatch(/^error MISSING_FIELD: --position-side: /);
    expect(cli('preview', ...argv, '--position-side', 'long').out).toContain(
      'position after  short 60 at 3,000; long 15 at 2,900',
    );
  });

  it("an unknown --symbol lists the file's markets", () => {
    const result = cli(
      'preview',
      '--account',
      'examples/account.json',
      '--symbol',
      'SOL',
      '--order',
      'buy',
      '--qty',
      '1',
    );
    expect(result.status).toBe(2);
    expect(result.err).toContain("--symbol: got 'SOL'; allowed: BTCUSDT, ETHUSDT");
  });
});
