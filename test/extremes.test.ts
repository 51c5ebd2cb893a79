/**
 * Extremes: prices from 1e-8 to 1e7 and sizes from 1e-8 to 1e9 (linear and inverse, both sides)
 * on 50-tier tables, rates at their bounds, positions exactly at a tier cap, and liquidation
 * prices landing exactly on a cap. Expected values come from the exact rational model of
 * test/oracle (definitions, no shared code) or are derived by hand in the comment beside them.
 */
import Big from 'big.js';
import { afterAll, describe, expect, it } from 'vitest';
import {
  crossLiquidationPrice,
  defineMarket,
  defineTiers,
  isIsolatedLiquidatable,
  isolatedBankruptcyPrice,
  isolatedEquity,
  isolatedLiquidationPrice,
  isolatedRequirement,
  type Market,
  maintenanceMargin,
  maxLeverage,
  type TierRow,
  tierFor,
} from '../src/index.js';
import { bankruptcy, isolatedLiquidation, type ModelMarket } from './oracle/model.js';
import { closeTo, parse, show } from './oracle/rational.js';

/**
 * 50 tiers with caps 1% apart around `around` (`around`·1.01^(i−25), 8 significant digits) and
 * rates rising from 0.1% to 3.1%, so a 5%-margin position crosses several caps on its way to
 * liquidation.
 */
function fiftyTiers(around: Big): TierRow[] {
  return Array.from({ length: 50 }, (_, i) => {
    const rate = new Big('0.001').plus(new Big('0.03').times(i).div(49)).toFixed(6);
    return {
      cap: i === 49 ? null : around.times(new Big('1.01').pow(i - 25)).toPrecision(8),
      maintenanceMarginRate: rate,
      maxLeverage: new Big(1).div(rate).round(0, Big.roundDown).toString(),
    };
  });
}

function modelOf(contract: 'linear' | 'inverse', rows: readonly TierRow[], method: 'deduction' | 'flat'): ModelMarket {
  return {
    contract,
    contractSize: parse('1'),
    method,
    basis: 'notional',
    maintenanceAt: 'price',
    closeFee: null,
    tiers: rows.map((row) => ({
      cap: row.cap === null ? null : parse(String(row.cap)),
      rate: parse(String(row.maintenanceMarginRate)),
    })),
  };
}

const prices = ['1e-8', '0.0001', '1', '1000', '1e7'];
const sizes = ['1e-8', '0.001', '1', '100000', '1e9'];
const grid = prices.flatMap((price) =>
  sizes.flatMap((size) =>
    (['linear', 'inverse'] as const).flatMap((contract) =>
      (['long', 'short'] as const).flatMap((side) =>
        (['deduction', 'flat'] as const).map((method) => ({ price, size, contract, side, method })),
      ),
    ),
  ),
);

const compared = { total: 0, withPrice: 0 };

describe('prices 1e-8…1e7 × sizes 1e-8…1e9 on 50-tier tables (200 cases against the exact model)', () => {
  afterAll(() => {
    // With 5% margin every case has a liquidation price to compare (none is null on both sides).
    if (compared.total === grid.length) expect(compared.withPrice).toBe(grid.length);
  });

  it.each(grid)('$contract $side $size at $price ($method)', ({ price, size, contract, side, method }) => {
    const notional = contract === 'linear' ? new Big(size).times(price) : new Big(size).div(price);
    const rows = fiftyTiers(notional);
    const market = defineMarket({
      symbol: 'X',
      contract,
      settle: 'USD',
      tiers: defineTiers(rows, { method }),
    });
    // 1/20 of the notional as margin: 5% room, inside the tier at entry (about 2.5%).
    const margin = notional.div(20).toPrecision(20);
    const position = { side, size, entryPrice: price, margin };
    const model = modelOf(contract, rows, method);
    const p = { side: side === 'long' ? (1 as const) : (-1 as const), size: parse(size), entry: parse(price) };
    const expected = isolatedLiquidation(model, p, parse(margin));
    compared.total += 1;
    expect(expected.fromEntry, 'the model finds the position healthy at entry').toBe('healthy');
    const actual = isolatedLiquidationPrice(market, position);
    const exact = expected.price;
    if (exact === null || actual === null) {
      expect([actual?.toString() ?? null, exact === null ? null : show(exact)]).toEqual([null, null]);
    } else {
      expect(closeTo(parse(actual.toString()), exact, parse('1e-18')), `${actual} vs ${show(exact)}`).toBe(true);
      expect(actual.gt(0)).toBe(true);
      compared.withPrice += 1;
    }
    const bankrupt = isolatedBankruptcyPrice(market, position);
    const bankruptExact = bankruptcy(model, p, parse(margin));
    expect(bankrupt === null).toBe(bankruptExact === null);
    if (bankrupt !== null && bankruptExact !== null) {
      expect(closeTo(parse(bankrupt.toString()), bankruptExact, parse('1e-18'))).toBe(true);
    }
  });
});

describe('rates at their bounds', () => {
  it('accepts a rate of exactly 1/maxLeverage and a rate of 1 at 1x; refuses 1/maxLeverage + 1e-12', () => {
    const table = defineTiers([
      { cap: 1000, maintenanceMarginRate: '0.008', maxLeverage: 125 },
      { cap: null, maintenanceMarginRate: '1', maxLeverage: 1 },
    ]);
    // Deduction amount of tier 2: 1000·(1 − 0.008) = 992; MM(2000) = 2000 − 992.
    expect(maintenanceMargin(table, 2000).toString()).toBe('1008');
    expect(() => defineTiers([{ cap: null, maintenanceMarginRate: '0.008000000001', maxLeverage: 125 }])).toThrowError(
      /TIER_RATE_ABOVE_INITIAL/,
    );
  });

  it('a 100% rate on the last tier: a position there is liquidated the moment it loses anything', () => {
    const market = defineMarket({
      symbol: 'X',
      contract: 'linear',
      settle: 'USD',
      tiers: defineTiers([{ cap: null, maintenanceMarginRate: '1', maxLeverage: 1 }]),
    });
    // Long 2 at 10, margin 20 (1x): 20 + 2(P − 10) = 2P·1  ⇔  0 = 0 for every P: never strictly below.
    // Equity equals the requirement at every price, so the entry itself is the liquidation price.
    expect(isolatedLiquidationPrice(market, { side: 'long', size: 2, entryPrice: 10, leverage: 1 })?.toString()).toBe(
      '10',
    );
  });

  it('the smallest positive rate (1e-8) gives a liquidation price next to the bankruptcy price', () => {
    const market = defineMarket({
      symbol: 'X',
      contract: 'linear',
      settle: 'USD',
      tiers: defineTiers([{ cap: null, maintenanceMarginRate: '1e-8', maxLeverage: 100 }]),
    });
    const position = { side: 'long', size: 1, entryPrice: 100, margin: 10 } as const;
    // 10 + (P − 100) = 1e-8·P  ⇒  P = 90 / (1 − 1e-8)
    expect(isolatedLiquidationPrice(market, position)?.toFixed(18)).toBe('90.000000900000009000');
    expect(isolatedBankruptcyPrice(market, position)?.toString()).toBe('90');
  });
});

describe('exactly at a cap', () => {
  const rows: TierRow[] = [
    { cap: 50000, maintenanceMarginRate: '0.004', maxLeverage: 125 },
    { cap: 250000, maintenanceMarginRate: '0.005', maxLeverage: 100 },
    { cap: null, maintenanceMarginRate: '0.01', maxLeverage: 50 },
  ];
  const linear = (method: 'deduction' | 'flat'): Market =>
    defineMarket({ symbol: 'X', contract: 'linear', settle: 'USD', tiers: defineTiers(rows, { method }) });

  it('a notional equal to a cap is on the lower tier (and one unit above is not)', () => {
    const table = defineTiers(rows);
    expect(tierFor(table, 50000).index).toBe(0);
    expect(tierFor(table, '50000.00000001').index).toBe(1);
    expect(maxLeverage(table, 50000).toString()).toBe('125');
    // Continuity of the deduction method at the cap: 0.004·50,000 = 0.005·50,000 − 50 = 200.
    expect(maintenanceMargin(table, 50000).toString()).toBe('200');
    expect(maintenanceMargin(table, '50000.00000001').toString()).toBe('200.00000000005');
  });

  it('a position whose entry notional is exactly a cap may use that tier’s max leverage', () => {
    // 1 BTC at 50,000 is 50,000 of notional: tier 1, 125x allowed.
    const price = isolatedLiquidationPrice(linear('deduction'), {
      side: 'long',
      size: 1,
      entryPrice: 50000,
      leverage: 125,
    });
    // 400 + (P − 50,000) = 0.004·P  ⇒  P = 49,600 / 0.996
    expect(price?.toFixed(18)).toBe(new Big(49600).div('0.996').toFixed(18));
  });

  it('a liquidation price landing exactly on a cap (deduction): returned exactly, equity = requirement there', () => {
    // Long 5 at 60,000 (300,000 notional); the cap 250,000 is reached at P = 50,000, where MM = 0.005·250,000 − 50 = 1,200.
    // Margin so that equity is 1,200 at 50,000: M + 5·(50,000 − 60,000) = 1,200  ⇒  M = 51,200.
    const market = linear('deduction');
    const position = { side: 'long', size: 5, entryPrice: 60000, margin: 51200 } as const;
    expect(isolatedLiquidationPrice(market, position)?.toString()).toBe('50000');
    expect(isolatedEquity(market, position, 50000).toString()).toBe('1200');
    expect(isolatedRequirement(market, position, 50000).toString()).toBe('1200');
  });

  it('a liquidation price landing exactly on a cap (flat, the jump): the cap price, not liquidatable at it', () => {
    // Flat: above the cap the requirement is 0.01·5·P, at or below it 0.005·5·P. With M = 51,200,
    // at P = 50,000: equity 1,200 vs 1,250 (tier 2's 0.5%), liquidatable; just above: 0.01·250,000 = 2,500, liquidatable.
    // So choose M where the jump decides: equity(50,000⁺) < 2,500 but equity(50,000) > 1,250: M = 52,000.
    const market = linear('flat');
    const position = { side: 'long', size: 5, entryPrice: 60000, margin: 52000 } as const;
    // Above the cap: 52,000 + 5(P − 60,000) = 0.01·5·P ⇒ P = 248,000/4.95 = 50,101.01…, above 50,000: that comes first.
    expect(isolatedLiquidationPrice(market, position)?.toFixed(20)).toBe(new Big(248000).div('4.95').toFixed(20));
    // An inverse short crossing into a higher tier by the jump itself: the jump's price is the answer.
    const inverse = defineMarket({
      symbol: 'X',
      contract: 'inverse',
      settle: 'BTC',
      tiers: defineTiers(
        [
          { cap: 10, maintenanceMarginRate: '0.01', maxLeverage: 50 },
          { cap: null, maintenanceMarginRate: '0.2', maxLeverage: 5 },
        ],
        { method: 'flat' },
      ),
    });
    // An inverse long's coin notional k/P grows as the price falls: 100,000 contracts of 1 USD at 20,000
    // are 5 BTC, and reach the 10 BTC cap at P = 10,000 (tier 1 at it, tier 2 just below).
    // Margin 6: at 10,000 equity is 6 + 100,000·(1/20,000 − 1/10,000) = 1 > 0.01·10 = 0.1;
    // just below, the requirement is 0.2·10⁺ > 2 > equity: the jump itself crosses, at the cap's price.
    const safe = { side: 'long', size: 100000, entryPrice: 20000, margin: '6' } as const;
    expect(isIsolatedLiquidatable(inverse, safe, 10000)).toBe(false);
    expect(isIsolatedLiquidatable(inverse, safe, '9999.99')).toBe(true);
    expect(isolatedLiquidationPrice(inverse, safe)?.toString()).toBe('10000');
  });

  it('a cross account with its liquidation price exactly on a cap', () => {
    const market = linear('deduction');
    const account = {
      collateral: 51200,
      positions: [{ market, side: 'long' as const, size: 5, entryPrice: 60000, markPrice: 60000 }],
    };
    const result = crossLiquidationPrice(account, 'X');
    expect(result.status === 'healthy' && result.below?.toString()).toBe('50000');
  });
});
