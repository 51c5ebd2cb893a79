// The browser example: recompute on every keystroke with the ESM build of liqmath.
// Plain JavaScript so it runs as served; the numbers are the library's, shown rounded to the
// market tick toward the mark (as venues show them) with the exact value in data-exact.
import {
  bankruptcyPrice,
  binanceUsdm,
  defineMarket,
  defineTiers,
  isLiqMathError,
  liquidationPrice,
  roundLiquidationPrice,
  tierFor,
} from 'liqmath';

const brackets = await (await fetch('/examples/binance-btcusdt-2024.json')).json();

/** The tables the picker offers, as markets. */
export const MARKETS = {
  'binance-btcusdt': binanceUsdm.market(brackets, { symbol: 'BTCUSDT', tickSize: '0.1' }),
  'hyperliquid-btc': defineMarket({
    symbol: 'BTC',
    contract: 'linear',
    settle: 'USDC',
    tickSize: '1',
    tiers: defineTiers([{ cap: null, maintenanceMarginRate: '0.0125', maxLeverage: 40 }]),
  }),
  'flat-eth': defineMarket({
    symbol: 'ETH',
    contract: 'linear',
    settle: 'USDT',
    tickSize: '0.01',
    tiers: defineTiers(
      [
        { cap: '100000', maintenanceMarginRate: '0.01', maxLeverage: 50 },
        { cap: null, maintenanceMarginRate: '0.02', maxLeverage: 25 },
      ],
      { method: 'flat' },
    ),
  }),
};

const $ = (id) => document.getElementById(id);

function update() {
  const market = MARKETS[$('table').value];
  const side = $('side').value;
  const position = {
    side,
    size: $('size').value.trim(),
    entryPrice: $('entry').value.trim(),
    leverage: $('leverage').value.trim(),
  };
  $('error').textContent = '';
  try {
    const exact = liquidationPrice(market, position);
    $('liquidation').dataset.exact = exact === null ? '' : exact.toString();
    $('liquidation').textContent = exact === null ? 'none' : roundLiquidationPrice(market, side, exact).toString();
    $('bankruptcy').textContent = bankruptcyPrice(market, position)?.toString() ?? 'none';
    $('tier').textContent = exact === null ? '—' : String(tierFor(market.tiers, exact.times(position.size)).index + 1);
  } catch (error) {
    // Half-typed input is normal here: show the library's message instead of a number.
    if (!isLiqMathError(error)) throw error;
    for (const id of ['liquidation', 'bankruptcy', 'tier']) $(id).textContent = '—';
    $('liquidation').dataset.exact = '';
    $('error').textContent = `${error.code}: ${error.message}`;
  }
}

function showTiers() {
  const body = $('tiers').querySelector('tbody');
  body.replaceChildren(
    ...MARKETS[$('table').value].tiers.tiers.map((tier) => {
      const row = document.createElement('tr');
      for (const text of [
        tier.index + 1,
        tier.cap?.toString() ?? '∞',
        tier.maintenanceMarginRate.toString(),
        `${tier.maxLeverage}x`,
      ]) {
        const cell = document.createElement('td');
        cell.textContent = String(text);
        row.append(cell);
      }
      return row;
    }),
  );
}

$('position').addEventListener('input', () => {
  showTiers();
  update();
});
showTiers();
update();
document.body.dataset.ready = 'true';
