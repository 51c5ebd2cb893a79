import { readFileSync } from 'node:fs';
import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  binanceMarginRatio,
  binancePortfolioMargin,
  type CollateralAccount,
  type CrossAccount,
  crossEquity,
  crossHealth,
  crossLiquidationPrices,
  crossMarginRatio,
  crossRequirement,
  defineMarket,
  defineTiers,
  driftHealth,
  dydxMarginUsage,
  type HealthDefinitionInput,
  hyperliquidMarginRatio,
  isCrossLiquidatable,
  isolatedHealth,
  isolatedLiquidationPrice,
  okxMarginRatio,
  okxSwap,
} from '../../../src/index.js';
import { crossCase, decimalIn, isolatedCase } from '../../engine-arbitraries.js';
import { expectLiqMathErrorCode } from '../../helpers.js';

/** Quotients as liqmath gives them: rounded once, half to even, at 50 places. */
const Exact = Big();
Exact.DP = 50;
Exact.RM = Big.roundHalfEven;
const q = (a: Big.BigSource, b: Big.BigSource) => new Exact(a).div(b).toString();

const flat = (rate: string, leverage: number) =>
  defineTiers([{ cap: null, maintenanceMarginRate: rate, maxLeverage: leverage }], { method: 'flat' });

describe('crossHealth: the venue definitions', () => {
  const eth = defineMarket({ symbol: 'ETHUSDT', contract: 'linear', settle: 'USDT', tiers: flat('0.05', 10) });
  const at = (mark: string): CrossAccount => ({
    collateral: 400,
    positions: [{ market: eth, side: 'long', size: 1, entryPrice: 3000, markPrice: mark }],
  });

  it('names and computes each ratio from the same equity and requirement', () => {
    // equity 400 + (2,900 − 3,000) = 300, maintenance 0.05 × 2,900 = 145, initial 290
    const account = at('2900');
    expect(crossHealth(account, { definition: binanceMarginRatio }).ratio.value?.toString()).toBe(q(145, 300));
    expect(crossHealth(account, { definition: okxMarginRatio }).ratio.value?.toString()).toBe(q(300, 145));
    expect(crossHealth(account, { definition: driftHealth }).ratio.value?.toString()).toBe(q(15500, 300));
    expect(crossHealth(account, { definition: dydxMarginUsage }).ratio.value?.toString()).toBe(q(290, 300));
    const health = crossHealth(account);
    expect(health.equity.toString()).toBe('300');
    expect(health.requirement.toString()).toBe('145');
    expect(health.initialRequirement.toString()).toBe('290');
    expect(health.ratio.name).toBe('margin ratio');
    expect(health.health.toString()).toBe(new Exact(1).minus(new Exact(145).div(300)).toString());
  });

  it('reports the most severe level reached and the next one (Binance portfolio margin)', () => {
    // uniMMR = equity / 0.05·P; at 2,810.81 it is 1.5, at 2,774.19 it is 1.2
    // 2,790: equity 190, maintenance 139.5, uniMMR 1.36; 2,760: 160 / 138 = 1.16; 2,740: 140 / 137 = 1.02
    expect(crossHealth(at('2790'), { definition: binancePortfolioMargin }).level?.name).toBe('margin call');
    expect(crossHealth(at('2790'), { definition: binancePortfolioMargin }).nextLevel?.name).toBe('reduce only');
    expect(crossHealth(at('2760'), { definition: binancePortfolioMargin }).level?.name).toBe('reduce only');
    expect(crossHealth(at('2740'), { definition: binancePortfolioMargin }).level?.name).toBe('liquidation');
    expect(crossHealth(at('2740'), { definition: binancePortfolioMargin }).nextLevel?.name).toBe('bankruptcy');
    const healthy = crossHealth(at('3000'), { definition: binancePortfolioMargin });
    expect(healthy.level).toBeNull();
    expect(healthy.nextLevel?.name).toBe('margin call');
    // 400 + P − 3,000 = 1.5·0.05·P → P = 2,600 / 0.925
    expect(healthy.symbols[0]?.nextLevel?.below?.toString()).toBe(q(2600, '0.925'));
  });

  it('puts the backstop of Hyperliquid after its liquidation', () => {
    const account = at('2720'); // equity 120, maintenance 136: ratio 1.133…
    const health = crossHealth(account, { definition: hyperliquidMarginRatio });
    expect(health.level?.name).toBe('liquidation');
    expect(health.nextLevel?.name).toBe('backstop');
    // backstop: equity = 1.5 × … ⇔ ratio 1.5: 400 + P − 3,000 = 0.05·P / (2/3)… i.e. equity = (2/3)·0.05·P
    const below = health.symbols[0]?.nextLevel?.below as Big;
    expect(below.toString()).toBe(q(3900, '1.45'));
  });

  it('states no level where the definition has none (dYdX margin usage)', () => {
    const health = crossHealth(at('3000'), { definition: dydxMarginUsage });
    expect(health.level).toBeNull();
    expect(health.nextLevel).toBeNull();
    expect(health.symbols[0]?.nextLevel).toBeNull();
    // the liquidation prices are there whatever the definition
    expect(health.symbols[0]?.liquidation.below?.toString()).toBe(q(2600, '0.95'));
  });

  it("takes a caller's levels in the ratio's units, mildest first, and refuses them out of order", () => {
    const mine: HealthDefinitionInput = {
      ratio: 'requirement/equity',
      name: 'my ratio',
      levels: [
        { name: 'warning', ratio: '0.4' },
        { name: 'danger', ratio: '0.8' },
      ],
    };
    const health = crossHealth(at('2900'), { definition: mine });
    expect(health.ratio.name).toBe('my ratio');
    expect(health.level?.name).toBe('warning');
    expect(health.nextLevel?.name).toBe('danger');
    // the next level's price: 400 + P − 3,000 = 0.05·P / 0.8
    expect(health.symbols[0]?.nextLevel?.below?.toString()).toBe(q(2600, '0.9375'));
    expectLiqMathErrorCode(
      () => crossHealth(at('2900'), { definition: { ...mine, levels: [...mine.levels].reverse() } }),
      'INVALID_OPTION',
      'options.definition.levels[1].ratio',
    );
    expectLiqMathErrorCode(
      () => crossHealth(at('2900'), { definition: { ratio: 'health-percent', levels: [{ name: 'x', ratio: 100 }] } }),
      'NUMBER_OUT_OF_RANGE',
      'options.definition.levels[0].ratio',
    );
    expectLiqMathErrorCode(
      // @ts-expect-error: options are closed
      () => crossHealth(at('2900'), { definiton: mine }),
      'UNKNOWN_FIELD',
      'options.definiton',
    );
    expectLiqMathErrorCode(
      () => crossHealth(at('2900'), { definition: { ...mine, extra: 1 } as HealthDefinitionInput }),
      'UNKNOWN_FIELD',
      'options.definition.extra',
    );
  });
});

describe('the liquidating level, and what the review found', () => {
  const eth = defineMarket({ symbol: 'ETHUSDT', contract: 'linear', settle: 'USDT', tiers: flat('0.05', 10) });
  const at = (mark: string): CrossAccount => ({
    collateral: 400,
    positions: [{ market: eth, side: 'long', size: 1, entryPrice: 3000, markPrice: mark }],
  });

  it('Binance portfolio margin liquidates at uniMMR 105%: liquidatable and the liquidation prices follow it', () => {
    // 2,740: uniMMR 140 / 137 = 1.02 < 1.05, though equity still covers maintenance
    const health = crossHealth(at('2740'), { definition: binancePortfolioMargin });
    expect(health.liquidatable).toBe(true);
    expect(crossHealth(at('2740')).liquidatable).toBe(false);
    // 400 + P − 3,000 = 1.05 × 0.05·P
    const healthy = crossHealth(at('3000'), { definition: binancePortfolioMargin });
    expect(healthy.symbols[0]?.liquidation.below?.toString()).toBe(q(2600, '0.9475'));
  });

  it("a caller's level may liquidate (one at most, never on the initial requirement)", () => {
    const mine: HealthDefinitionInput = {
      ratio: 'requirement/equity',
      levels: [{ name: 'stop', ratio: '0.8', liquidates: true }],
    };
    // equity = 0.05·P / 0.8
    expect(crossHealth(at('3000'), { definition: mine }).symbols[0]?.liquidation.below?.toString()).toBe(
      q(2600, '0.9375'),
    );
    expectLiqMathErrorCode(
      () =>
        crossHealth(at('3000'), {
          definition: { ratio: 'initial/equity', levels: [{ name: 'x', ratio: 1, liquidates: true }] },
        }),
      'INVALID_OPTION',
      'options.definition.levels[0].liquidates',
    );
    expectLiqMathErrorCode(
      () =>
        crossHealth(at('3000'), {
          definition: {
            ratio: 'requirement/equity',
            levels: [
              { name: 'a', ratio: '0.5', liquidates: true },
              { name: 'b', ratio: 1, liquidates: true },
            ],
          },
        }),
      'INVALID_OPTION',
      'options.definition.levels',
    );
  });

  it('reads positivePnlWeight beside one collateral amount (the Drift case without assets)', () => {
    const perp = defineMarket({
      symbol: 'PERP-0',
      contract: 'linear',
      settle: 'USDC',
      tiers: flat('0.1', 5),
      liquidatableWhen: 'equity < requirement',
    });
    const positions = [{ market: perp, side: 'long', size: 20, entryPrice: '0.5', markPrice: 1 }] as const;
    expect(crossHealth({ collateral: 0, positions, positivePnlWeight: 0 }).liquidatable).toBe(true);
  });

  it('an account with nothing to close reaches no level', () => {
    const health = crossHealth({ collateral: 0, positions: [] }, { definition: driftHealth });
    expect([health.level, health.liquidatable, health.ratio.value?.toString()]).toEqual([null, false, '100']);
  });

  it('levels on the initial requirement cross tier caps where maintenance is fixed at entry', () => {
    const entryTiers = defineTiers([
      { cap: 50000, maintenanceMarginRate: '0.005', maxLeverage: 20 },
      { cap: null, maintenanceMarginRate: '0.01', maxLeverage: 5 },
    ]);
    const market = defineMarket({
      symbol: 'BTC',
      contract: 'linear',
      settle: 'USD',
      tiers: entryTiers,
      maintenanceAt: 'entry',
    });
    const account = (mark: Big | number) => ({
      collateral: 20000,
      positions: [{ market, side: 'short' as const, size: 1, entryPrice: 40000, markPrice: mark }],
    });
    const definition: HealthDefinitionInput = { ratio: 'initial/equity', levels: [{ name: 'full', ratio: '1' }] };
    const price = crossHealth(account(40000), { definition }).symbols[0]?.nextLevel?.above as Big;
    // past the cap (50,000) the initial margin is 1/5 of the notional: 60,000 − P = 0.2·P → 50,000; the
    // cap is where it jumps: below it 60,000 − P > P/20
    expect(price.toString()).toBe('50000');
    const beyond = crossHealth(account(price.plus('0.01')), { definition });
    expect(beyond.level?.name).toBe('full');
  });
});

describe('published examples', () => {
  it("Drift's SDK test: positive PnL at weight 0 leaves an account with no collateral liquidatable", () => {
    // sdk/tests/user/test.ts "liquidatable long user account": MMR 10%, both uPnL weights 0, oracle 1,
    // no deposit, base +20, quote −10 (entry 0.5): uPnL +10, total collateral 0, requirement 2, health 0.
    const perp = defineMarket({
      symbol: 'PERP-0',
      contract: 'linear',
      settle: 'USDC',
      tiers: flat('0.1', 5),
      liquidatableWhen: 'equity < requirement',
    });
    const positions = [{ market: perp, side: 'long', size: 20, entryPrice: '0.5', markPrice: 1 }] as const;
    const drift: CollateralAccount = { assets: [], positions, positivePnlWeight: 0 };
    const health = crossHealth(drift, { definition: driftHealth });
    expect(health.equity.toString()).toBe('0');
    expect(health.requirement.toString()).toBe('2');
    expect(health.liquidatable).toBe(true);
    expect(health.ratio.value?.toString()).toBe('0');
    expect(health.level?.name).toBe('liquidation');
    // The same account counting its PnL in full (liqmath before weights) is not liquidatable.
    expect(isCrossLiquidatable({ collateral: 0, positions })).toBe(false);
    expect(crossHealth({ ...drift, positivePnlWeight: 1 }).liquidatable).toBe(false);
  });

  it("OKX's mgnRatio of two real isolated positions, through okxSwap and okxMarginRatio", () => {
    // test/vectors/venues/okx.json: GET /api/v5/account/positions payloads. OKX computes in doubles
    // (its upl carries float error in the 15th digit), so 14 significant digits are compared.
    const vectors = JSON.parse(readFileSync(new URL('../../vectors/venues/okx.json', import.meta.url), 'utf8'));
    const withRatio = vectors.filter((v: { inputs: { mgnRatio?: string } }) => v.inputs.mgnRatio !== undefined);
    expect(withRatio).toHaveLength(2);
    for (const { inputs: i, check } of withRatio) {
      const family = (i.instId as string).replace('-SWAP', '');
      const tiers = {
        data: [
          {
            instFamily: family,
            tier: '1',
            minSz: '0',
            maxSz: '1000000',
            mmr: check.model.MMR,
            imr: '0.01',
            maxLever: '100',
          },
        ],
      };
      const market = okxSwap.market(tiers, { contractSize: i['ctVal(assumed)'], takerFeeRate: '0.0005' });
      const position = { side: i.posSide, size: i.pos, entryPrice: i.avgPx, margin: i.margin };
      const health = isolatedHealth(market, position, i.markPx, { definition: okxMarginRatio });
      expect(health.ratio.name).toBe('margin ratio');
      expect(health.ratio.value?.toPrecision(14)).toBe(new Big(i.mgnRatio).toPrecision(14));
      // the requirement is OKX's mmr plus the fee to close at the mark
      const notional = new Big(i.pos).abs().times(i['ctVal(assumed)']).times(i.markPx);
      expect(health.requirement.toString()).toBe(new Big(i.mmr).plus(notional.times('0.0005')).toString());
    }
  });

  it("Drift's zero-requirement case: no position, no collateral, health 100", () => {
    const health = crossHealth(
      { assets: [{ asset: 'USDC', amount: 0, price: 1 }], positions: [] },
      { definition: driftHealth },
    );
    expect(health.ratio.value?.toString()).toBe('100');
    expect(health.health.toString()).toBe('1');
    expect(health.liquidatable).toBe(false);
  });

  it('dYdX abacus: margin usage 0.5 and liquidation at 900 / 0.97 for equity 100 on a 1,000 position (IMF 5%, MMF 3%)', () => {
    const market = defineMarket({
      symbol: 'ETH-USD',
      contract: 'linear',
      settle: 'USDC',
      tiers: defineTiers([{ cap: null, maintenanceMarginRate: '0.03', maxLeverage: 20 }], { method: 'flat' }),
      liquidatableWhen: 'equity < requirement',
    });
    // quote balance −900 and 1 ETH at 1,000: collateral 100 with the position entered at the mark
    const account = {
      collateral: 100,
      positions: [{ market, side: 'long', size: 1, entryPrice: 1000, markPrice: 1000 }],
    } as const;
    const health = crossHealth(account, { definition: dydxMarginUsage });
    expect(health.ratio.value?.toString()).toBe('0.5');
    expect(health.symbols[0]?.liquidation.below?.toFixed(10)).toBe('927.8350515464');
    const short = {
      collateral: 100,
      positions: [{ market, side: 'short', size: 1, entryPrice: 1000, markPrice: 1000 }],
    } as const;
    expect(crossHealth(short).symbols[0]?.liquidation.above?.toFixed(10)).toBe('1067.9611650485');
  });

  it("Bybit's collateral value ratio tiers by quantity: 15 BTC at 0.98 for 10 and 0.95 for 5", () => {
    const tiers = [
      { upTo: 10, weight: '0.98' },
      { upTo: 20, weight: '0.95' },
      { upTo: 30, weight: '0.9' },
      { upTo: 40, weight: '0.85' },
      { upTo: 50, weight: '0.8' },
      { upTo: null, weight: 0 },
    ];
    const value = (amount: string) =>
      crossHealth({
        assets: [{ asset: 'BTC', amount, price: 100000, weight: tiers }],
        positions: [],
      }).equity.toString();
    expect(value('15')).toBe(new Big('14.55').times(100000).toString());
    expect(value('60')).toBe(new Big('44.8').times(100000).toString()); // nothing above 50
    expect(value('-2')).toBe('-200000'); // a borrowed amount counts in full
  });
});

describe('collateral accounts', () => {
  const btc = defineMarket({ symbol: 'BTCUSDT', contract: 'linear', settle: 'USDT', tiers: flat('0.01', 50) });

  it('values collateral that moves with the position (BTC behind BTCUSDT) exactly at every price', () => {
    // 0.5 BTC at weight 0.9 and 1,000 USDT behind a long 1 BTC at 100,000:
    // equity = 1,000 + 0.45·P + (P − 100,000), requirement 0.01·P → P = 99,000 / 1.44
    const account: CollateralAccount = {
      assets: [
        { asset: 'USDT', amount: 1000, price: 1 },
        { asset: 'BTC', amount: '0.5', movesWith: 'BTCUSDT', weight: '0.9' },
      ],
      positions: [{ market: btc, side: 'long', size: 1, entryPrice: 100000, markPrice: 100000 }],
    };
    const health = crossHealth(account);
    expect(health.equity.toString()).toBe('46000');
    expect(health.symbols[0]?.liquidation.below?.toString()).toBe(q(99000, '1.44'));
    // With the BTC frozen at its price instead, the long's liquidation price is higher.
    const frozen = crossHealth({
      ...account,
      assets: [account.assets[0] as never, { asset: 'BTC', amount: '0.5', price: 100000, weight: '0.9' }],
    });
    expect(frozen.symbols[0]?.liquidation.below?.toString()).toBe(q(99000 - 45000, '0.99'));
  });

  it('solves across the kink where a position turns from loss to weighted profit', () => {
    // Short 1 at 3,000 with 100 USDT, positive PnL at weight 0.5, maintenance 1%:
    // above 3,000 equity = 100 + 3,000 − P; liquidation at 3,100 / 1.01.
    const eth = defineMarket({ symbol: 'ETHUSDT', contract: 'linear', settle: 'USDT', tiers: flat('0.01', 50) });
    const account: CollateralAccount = {
      assets: [{ asset: 'USDT', amount: 100, price: 1 }],
      positions: [{ market: eth, side: 'short', size: 1, entryPrice: 3000, markPrice: 2000 }],
      positivePnlWeight: '0.5',
    };
    const health = crossHealth(account);
    expect(health.equity.toString()).toBe('600'); // 100 + 0.5 × 1,000
    expect(health.symbols[0]?.liquidation.above?.toString()).toBe(q(3100, '1.01'));
  });

  it('equals the cross functions for one asset at weight 1 (property)', () => {
    fc.assert(
      fc.property(crossCase, ({ account }) => {
        const plain = account as CrossAccount;
        let expected: ReturnType<typeof crossLiquidationPrices>;
        try {
          expected = crossLiquidationPrices(plain);
        } catch {
          return; // a position beyond its last tier: refused alike, tested elsewhere
        }
        const assets: CollateralAccount = {
          assets: [{ asset: 'USD', amount: account.collateral, price: 1 }],
          positions: account.positions,
        };
        for (const health of [crossHealth(plain), crossHealth(assets)]) {
          expect(health.equity.toString()).toBe(crossEquity(plain).toString());
          expect(health.requirement.toString()).toBe(crossRequirement(plain).toString());
          expect(health.ratio.value?.toString()).toBe(crossMarginRatio(plain)?.toString());
          expect(health.liquidatable).toBe(isCrossLiquidatable(plain));
          health.symbols.forEach((symbol, k) => {
            const old = expected[k];
            expect(symbol.symbol).toBe(old?.symbol);
            expect(symbol.liquidation.below?.toString()).toBe(old?.below?.toString());
            expect(symbol.liquidation.above?.toString()).toBe(old?.above?.toString());
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('puts the ratio at the level at the next-level price (property)', () => {
    fc.assert(
      fc.property(crossCase, fc.integer({ min: 2, max: 9 }), ({ account }, tenths) => {
        const plain = account as CrossAccount;
        const level = new Big(tenths).div(10);
        const definition: HealthDefinitionInput = {
          ratio: 'requirement/equity',
          levels: [{ name: 'x', ratio: level.toString() }],
        };
        let health: ReturnType<typeof crossHealth>;
        try {
          health = crossHealth(plain, { definition });
        } catch {
          return;
        }
        if (health.nextLevel === null) return;
        for (const symbol of health.symbols) {
          for (const price of [symbol.nextLevel?.below, symbol.nextLevel?.above]) {
            if (price === null || price === undefined) continue;
            const ratioAt = (p: Big): Big | null | undefined => {
              try {
                return crossHealth(withMark(p), { definition }).ratio.value;
              } catch {
                return undefined; // a moved mark whose position is now refused
              }
            };
            const withMark = (p: Big) => ({
              ...plain,
              positions: plain.positions.map((position) =>
                position.market.symbol === symbol.symbol ? { ...position, markPrice: p } : position,
              ),
            });
            const ratio = ratioAt(price);
            if (ratio === undefined || ratio === null) continue;
            // The root rounded once at 50 places; or a tier cap (flat table) where the ratio jumps past
            // the level: then just beyond it, away from the mark, it is at the level or worse.
            if (ratio.minus(level).abs().lte('1e-30')) continue;
            const mark = new Big(plain.positions.find((p) => p.market.symbol === symbol.symbol)?.markPrice as string);
            const beyond = ratioAt(price.times(price.lt(mark) ? '0.999999999999' : '1.000000000001'));
            if (beyond === undefined) continue;
            expect(beyond === null || beyond.gte(level), `ratio ${ratio} at ${price}, ${beyond} beyond`).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('puts liquidation exactly where it is with moving collateral and profit at a weight (property, brute force)', () => {
    fc.assert(
      fc.property(
        crossCase,
        fc.constantFrom('0', '0.5', '1'),
        decimalIn(0, 5, 3),
        fc.constantFrom('0.5', '0.9', '1'),
        ({ account, symbols }, pnlWeight, amount, weight) => {
          const moving = symbols[0] as string;
          const collateral: CollateralAccount = {
            assets: [
              { asset: 'USD', amount: account.collateral, price: 1 },
              { asset: 'COIN', amount, movesWith: moving, weight },
            ],
            positions: account.positions,
            positivePnlWeight: pnlWeight,
          };
          let health: ReturnType<typeof crossHealth>;
          try {
            health = crossHealth(collateral);
          } catch {
            return;
          }
          if (health.liquidatable) return;
          for (const symbol of health.symbols) {
            for (const [price, away] of [
              [symbol.liquidation.below, '0.9999999'],
              [symbol.liquidation.above, '1.0000001'],
            ] as const) {
              if (price === null) continue;
              const at = (p: Big) => {
                try {
                  return crossHealth({
                    ...collateral,
                    positions: collateral.positions.map((q) =>
                      q.market.symbol === symbol.symbol ? { ...q, markPrice: p } : q,
                    ),
                  });
                } catch {
                  return undefined;
                }
              };
              // just short of the price (toward the mark) the account is not liquidatable; just past it, it is
              const short = at(price.times(away === '0.9999999' ? '1.0000001' : '0.9999999'));
              const past = at(price.times(away));
              if (short !== undefined) expect(short.liquidatable, `short of ${price}`).toBe(false);
              if (past !== undefined) expect(past.liquidatable, `past ${price}`).toBe(true);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses what it cannot value', () => {
    const position = { market: btc, side: 'long', size: 1, entryPrice: 100000, markPrice: 100000 } as const;
    const with_ = (assets: unknown) => () => crossHealth({ assets, positions: [position] } as CollateralAccount);
    expectLiqMathErrorCode(with_([{ asset: 'BTC', amount: 1 }]), 'MISSING_FIELD', 'account.assets[0].price');
    expectLiqMathErrorCode(
      with_([{ asset: 'BTC', amount: 1, price: 1, movesWith: 'BTCUSDT' }]),
      'INVALID_OPTION',
      'account.assets[0].movesWith',
    );
    expectLiqMathErrorCode(
      with_([{ asset: 'BTC', amount: 1, movesWith: 'ETHUSDT' }]),
      'UNKNOWN_SYMBOL',
      'account.assets[0].movesWith',
    );
    expectLiqMathErrorCode(
      with_([{ asset: 'BTC', amount: 1, price: 1, weight: '1.1' }]),
      'RATE_OUT_OF_RANGE',
      'account.assets[0].weight',
    );
    expectLiqMathErrorCode(
      with_([
        { asset: 'BTC', amount: 1, price: 1 },
        { asset: 'BTC', amount: 2, price: 1 },
      ]),
      'DUPLICATE_ASSET',
      'account.assets[1].asset',
    );
    expectLiqMathErrorCode(
      with_([{ asset: 'BTC', amount: 1, price: 1, weight: [{ upTo: 10, weight: 1 }] }]),
      'INVALID_OPTION',
      'account.assets[0].weight[0].upTo',
    );
    expectLiqMathErrorCode(
      with_([
        {
          asset: 'BTC',
          amount: 1,
          price: 1,
          weight: [
            { upTo: 10, weight: 1 },
            { upTo: 5, weight: 1 },
            { upTo: null, weight: 0 },
          ],
        },
      ]),
      'TIER_CAP_NOT_INCREASING',
      'account.assets[0].weight[1].upTo',
    );
    expectLiqMathErrorCode(
      () => crossHealth({ collateral: 1, assets: [], positions: [] } as unknown as CollateralAccount),
      'INVALID_OPTION',
      'account.collateral',
    );
    // the other cross functions take one collateral amount and refuse the list shape
    expectLiqMathErrorCode(
      () => crossEquity({ assets: [], positions: [] } as unknown as CrossAccount),
      'INVALID_OPTION',
      'account.assets',
    );
    expectLiqMathErrorCode(
      () => crossEquity({ collateral: 0, positions: [], positivePnlWeight: 0 } as unknown as CrossAccount),
      'INVALID_OPTION',
      'account.positivePnlWeight',
    );
    // a weight is read whatever the balance; tiers are configuration (closed); a quanto mark is no asset price
    expectLiqMathErrorCode(
      with_([{ asset: 'BTC', amount: -1, price: 1, weight: 'garbage' }]),
      'INVALID_NUMBER',
      'account.assets[0].weight',
    );
    expectLiqMathErrorCode(
      with_([{ asset: 'BTC', amount: 1, price: 1, weight: [{ upTo: null, wieght: '0.5' }] }]),
      'UNKNOWN_FIELD',
      'account.assets[0].weight[0].wieght',
    );
    const quanto = defineMarket({
      symbol: 'ETHUSD',
      contract: 'quanto',
      settle: 'XBT',
      contractSize: '0.000001',
      tiers: flat('0.01', 50),
    });
    expectLiqMathErrorCode(
      () =>
        crossHealth({
          assets: [{ asset: 'ETH', amount: 1, movesWith: 'ETHUSD' }],
          positions: [{ market: quanto, side: 'long', size: 100, entryPrice: 3000, markPrice: 3000 }],
        }),
      'INVALID_OPTION',
      'account.assets[0].movesWith',
    );
  });
});

describe('isolatedHealth', () => {
  it('agrees with the isolated functions (property)', () => {
    fc.assert(
      fc.property(isolatedCase, fc.integer({ min: 80, max: 120 }), ({ market, position }, percent) => {
        const mark = new Big(position.entryPrice).times(percent).div(100).toFixed(2);
        let health: ReturnType<typeof isolatedHealth>;
        try {
          health = isolatedHealth(market, position, mark);
        } catch {
          return;
        }
        expect(health.liquidationPrice?.toString()).toBe(isolatedLiquidationPrice(market, position)?.toString());
        if (health.nextLevel?.name === 'liquidation' && health.nextLevelPrice !== null) {
          // from the mark, the adverse side's liquidation price is the position's liquidation price
          expect(health.nextLevelPrice.toString()).toBe(health.liquidationPrice?.toString());
        }
      }),
      { numRuns: 300 },
    );
  });
});
