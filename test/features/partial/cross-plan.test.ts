/**
 * crossLiquidationPlan: each step is the minimum close of the largest position, and the account
 * after it (rebuilt by hand from the step) is what the cross functions say.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CrossAccount,
  type CrossPosition,
  crossEquity,
  crossLiquidationPlan,
  crossMinimumCloseSize,
  crossRequirement,
  defineMarket,
  defineTiers,
  isCrossLiquidatable,
  positionNotional,
} from '../../../src/index.js';
import { expectLiqMathErrorCode } from '../../helpers.js';

const tiers = defineTiers([
  { cap: 50000, maintenanceMarginRate: '0.01', maxLeverage: 50 },
  { cap: null, maintenanceMarginRate: '0.025', maxLeverage: 20 },
]);
const btc = defineMarket({ symbol: 'BTC', contract: 'linear', settle: 'USD', lotSize: '0.001', tiers });
const eth = defineMarket({ symbol: 'ETH', contract: 'linear', settle: 'USD', lotSize: '0.01', tiers });
const inverse = defineMarket({
  symbol: 'XBTUSD',
  contract: 'inverse',
  settle: 'XBT',
  contractSize: 1,
  lotSize: 1,
  tiers,
});

describe('crossLiquidationPlan', () => {
  it('makes no step for a healthy account', () => {
    const account = {
      collateral: 10000,
      positions: [{ market: btc, side: 'long', size: 1, entryPrice: 60000, markPrice: 60000 }],
    } as const;
    expect(crossLiquidationPlan(account)).toEqual({ steps: [], end: 'healthy' });
  });

  it('closes the largest position first, and each step leaves the account the cross functions describe', () => {
    const account: CrossAccount = {
      collateral: 4900,
      positions: [
        { market: eth, side: 'long', size: 10, entryPrice: 3000, markPrice: 2800 },
        { market: btc, side: 'long', size: 1, entryPrice: 60000, markPrice: 58000 },
      ],
    };
    expect(isCrossLiquidatable(account)).toBe(true);
    const plan = crossLiquidationPlan(account, { feeRate: '0.005' });
    expect(plan.end).toBe('healthy');
    expect(plan.steps[0]?.symbol).toBe('BTC');
    replay(account, plan, '0.005');
  });

  it('holds on random accounts: replayed steps agree, the last state is healthy unless the plan says otherwise', () => {
    const position = fc.record({
      market: fc.constantFrom(btc, eth),
      side: fc.constantFrom('long' as const, 'short' as const),
      size: fc.integer({ min: 1, max: 5000 }).map((n) => (n / 100).toString()),
      entryPrice: fc.integer({ min: 1000, max: 70000 }).map(String),
      move: fc.integer({ min: -300, max: 300 }),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100000 }),
        fc.uniqueArray(position, { selector: (p) => `${p.market.symbol}${p.side}`, maxLength: 4 }),
        fc.constantFrom('0', '0.005'),
        (collateral, list, feeRate) => {
          const marks = new Map(list.map((p) => [p.market.symbol, p]));
          const positions = list.map(({ move: _move, ...p }) => {
            const ref = marks.get(p.market.symbol) as (typeof list)[number];
            const mark = Math.max(1, Math.round(Number(ref.entryPrice) * (1 + ref.move / 1000)));
            return { ...p, markPrice: String(mark) };
          });
          const account = { collateral, positions };
          const plan = crossLiquidationPlan(account, { feeRate });
          if (!isCrossLiquidatable(account)) expect(plan).toEqual({ steps: [], end: 'healthy' });
          replay(account, plan, feeRate);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('carries an inverse account exactly enough to end healthy', () => {
    const account = {
      collateral: '0.02',
      positions: [{ market: inverse, side: 'long', size: 10000, entryPrice: 50000, markPrice: 45500 }],
    } as const;
    const plan = crossLiquidationPlan(account);
    expect(plan.steps.length).toBeGreaterThan(0);
    replay(account, plan, '0');
  });

  it('refuses unknown options and a bad target even when no close is needed', () => {
    const healthy = { collateral: 10000, positions: [] };
    expectLiqMathErrorCode(
      () => crossLiquidationPlan(healthy, { feerate: '0.01' } as never),
      'UNKNOWN_FIELD',
      'options.feerate',
    );
    expectLiqMathErrorCode(
      () => crossLiquidationPlan(healthy, { target: { kind: 'nope' } } as never),
      'INVALID_OPTION',
      'options.target.kind',
    );
    expectLiqMathErrorCode(
      () => crossLiquidationPlan(healthy, { feeRate: '1' }),
      'RATE_OUT_OF_RANGE',
      'options.feeRate',
    );
  });

  it('returns frozen results', () => {
    const plan = crossLiquidationPlan({
      collateral: 900,
      positions: [{ market: eth, side: 'long', size: 10, entryPrice: 1000, markPrice: 920 }],
    });
    expect(Object.isFrozen(plan) && Object.isFrozen(plan.steps) && Object.isFrozen(plan.steps[0])).toBe(true);
  });
});

/** Rebuilds the account step by step from the plan and checks every number it reports. */
function replay(start: CrossAccount, plan: ReturnType<typeof crossLiquidationPlan>, feeRate: string): void {
  let account = start;
  for (const step of plan.steps) {
    expect(isCrossLiquidatable(account)).toBe(true);
    const positions = account.positions as readonly CrossPosition[];
    const largest = positions.reduce((best, p) => (notional(p).gt(notional(best)) ? p : best));
    expect([step.symbol, step.side]).toEqual([largest.market.symbol, largest.side]);
    const close = crossMinimumCloseSize(
      account,
      { symbol: step.symbol, side: step.side },
      { markPrice: largest.markPrice, feeRate },
    );
    expect(close.status === 'healthy' ? null : close.size.toString()).toBe(step.size.toString());
    const fee = positionNotional(largest.market, step.size, largest.markPrice).times(feeRate);
    expect(step.fee.toString()).toBe(fee.toString());
    const remaining = step.remainingSize;
    const rest = positions.flatMap((p) => (p !== largest ? [p] : remaining.gt(0) ? [{ ...p, size: remaining }] : []));
    const openAfter = crossEquity({ collateral: 0, positions: rest });
    // equity is continuous through the close: only the fee leaves the account.
    const equityAfter = crossEquity(account).minus(fee);
    expect(step.equityAfter.minus(equityAfter).abs().lt('1e-40')).toBe(true);
    expect(step.collateralAfter.minus(equityAfter.minus(openAfter)).abs().lt('1e-40')).toBe(true);
    account = { collateral: step.collateralAfter, positions: rest };
    expect(step.requirementAfter.toString()).toBe(crossRequirement(account).toString());
    expect(step.equityAfter.toString()).toBe(crossEquity(account).toString());
  }
  if (plan.end === 'healthy') expect(isCrossLiquidatable(account)).toBe(false);
  else expect(isCrossLiquidatable(account)).toBe(true);
}

function notional(p: CrossPosition) {
  return positionNotional(p.market, p.size, p.markPrice);
}
