// The browser example: recompute on every keystroke with the ESM build of liqmath.
// Plain JavaScript so it runs as served. Every number is the library's: prices are shown on the
// market tick, rounded toward the mark, with digit grouping (the exact value is in data-exact);
// formatting works on the decimal string of the Big, never through a JS number.
import {
  binanceUsdm,
  defineMarket,
  definePosition,
  defineTiers,
  isLiqMathError,
  isolatedBankruptcyPrice,
  isolatedLiquidationPrice,
  isolatedTier,
  roundLiquidationPrice,
  roundToIncrement,
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

/** Thousands separators in a plain decimal string: `'52238.8'` → `'52,238.8'`. */
export function groupDigits(text) {
  const [whole, fraction] = text.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const grouped = whole.slice(sign.length).replace(/\B(?=(\d{3})+$)/g, ',');
  return fraction === undefined ? `${sign}${grouped}` : `${sign}${grouped}.${fraction}`;
}

/** Digits after the point of a Big, written out in full. */
const decimalsOf = (big) => big.toFixed().split('.')[1]?.length ?? 0;

/** A Big with at least `places` decimals (more when it has them: no digit is dropped), grouped. */
const fixed = (big, places) => groupDigits(big.toFixed(Math.max(places, decimalsOf(big))));

/** A rate as a percent, exactly: `0.004` → `'0.40%'`. */
const percent = (rate) => `${fixed(rate.times(100), 2)}%`;

/**
 * A liquidation or bankruptcy price as the page shows it: on the tick, toward the mark (up for a
 * long, down for a short), padded to the tick's decimals. Venues that show the price unrounded
 * (`priceRounding: 'none'`, Binance) are put on the tick here too, so a person reads a tick price.
 */
function shownPrice(market, side, exact) {
  const rounded =
    market.priceRounding === 'none' && market.tickSize !== null
      ? roundToIncrement(exact, market.tickSize, side === 'long' ? 'up' : 'down')
      : roundLiquidationPrice(market, side, exact);
  return fixed(rounded, market.tickSize === null ? 0 : decimalsOf(market.tickSize));
}

/** The inputs by the name of the position field they feed. */
const INPUTS = { size: 'size', entryPrice: 'entry', leverage: 'leverage' };
const NAMES = { size: 'size', entryPrice: 'entry price', leverage: 'leverage' };
const ARTICLES = { size: 'a', entryPrice: 'an', leverage: 'a' };

/** What a trader reads for a LiqMathError: the code and field say what went wrong, in plain words. */
function plainMessage(error, market, position) {
  const field = error.field.split('.').at(-1);
  const name = NAMES[field] ?? 'value';
  const Name = name[0].toUpperCase() + name.slice(1);
  switch (error.code) {
    case 'INVALID_NUMBER':
      return error.value === ''
        ? `Enter ${ARTICLES[field] ?? 'a'} ${name}.`
        : `${Name} is not a number: use digits and a dot for decimals, without commas or spaces.`;
    case 'NOT_POSITIVE':
      return `Enter ${ARTICLES[field] ?? 'a'} ${name} greater than 0.`;
    case 'NUMBER_OUT_OF_RANGE':
      return field === 'leverage'
        ? 'Leverage is too high for a position this small.'
        : `${Name} is too large or too small to compute.`;
    case 'LEVERAGE_OUT_OF_RANGE':
    case 'LEVERAGE_ABOVE_MAX':
      return leverageMessage(market, position);
    case 'BEYOND_LAST_TIER': {
      const last = market.tiers.tiers.at(-1);
      return `This position is larger than the last tier allows (up to ${groupDigits(last.cap.toFixed())} ${capUnit(market)}).`;
    }
    default:
      return 'These inputs cannot be computed: check the size, entry price and leverage.';
  }
}

/** "Leverage must be between 1 and N×", N being the max of the tier the position opens in. */
function leverageMessage(market, position) {
  try {
    // The tier the position opens in; it does not depend on the margin, so any margin will do.
    const { side, size, entryPrice } = position;
    const tier = isolatedTier(market, { side, size, entryPrice, margin: 1 }, entryPrice);
    return `Leverage must be between 1 and ${tier.maxLeverage.toFixed()}× for this tier (tier ${tier.index + 1}).`;
  } catch (error) {
    if (!isLiqMathError(error)) throw error;
    return 'Leverage must be 1 or more.';
  }
}

/** What the tier caps are counted in: contracts, or the notional's currency. */
const capUnit = (market) => (market.tiers.basis === 'contracts' ? 'contracts' : market.settle);

const $ = (id) => document.getElementById(id);

function show(id, text, exact) {
  $(id).textContent = text;
  if (exact !== undefined) $(id).dataset.exact = exact;
}

function update() {
  const market = MARKETS[$('table').value];
  const side = $('side').value;
  const position = {
    side,
    size: $('size').value.trim(),
    entryPrice: $('entry').value.trim(),
    leverage: $('leverage').value.trim(),
  };
  for (const id of Object.values(INPUTS)) $(id).removeAttribute('aria-invalid');
  $('error').textContent = '';
  $('error').dataset.code = '';
  $('note').textContent = '';
  let active = null;
  try {
    // Validated once; the prepared position carries size, entry and margin as Bigs.
    const prepared = definePosition(market, position);
    const exact = isolatedLiquidationPrice(market, prepared);
    const bankruptcy = isolatedBankruptcyPrice(market, prepared);
    show('bankruptcy', bankruptcy === null ? '—' : shownPrice(market, side, bankruptcy), bankruptcy?.toFixed() ?? '');
    if (exact === null) {
      show('liquidation', '—', '');
      show('distance', '—');
      $('note').textContent =
        side === 'long'
          ? 'This position cannot be liquidated (margin covers a move to zero).'
          : 'This position cannot be liquidated (margin covers any rise in price).';
    } else {
      show('liquidation', shownPrice(market, side, exact), exact.toFixed());
      const change = exact.minus(prepared.entryPrice).div(prepared.entryPrice).times(100);
      const where = change.eq(0) ? 'at entry' : change.lt(0) ? 'below entry' : 'above entry';
      show('distance', `${fixed(change.abs().round(2), 2)}% ${where}`);
      // The tier the requirement uses at the liquidation price (the library's: at entry when the
      // market fixes maintenance there, by contracts for a contract-keyed table).
      active = isolatedTier(market, prepared, exact);
    }
  } catch (error) {
    // Half-typed input is normal here: say what to fix, never show a number.
    if (!isLiqMathError(error)) throw error;
    for (const id of ['liquidation', 'distance', 'bankruptcy']) show(id, '—', id === 'distance' ? undefined : '');
    $('error').textContent = plainMessage(error, market, position);
    $('error').dataset.code = error.code;
    const input = INPUTS[error.field.split('.').at(-1)];
    if (input !== undefined) $(input).setAttribute('aria-invalid', 'true');
  }
  $('tier').textContent = active === null ? '—' : String(active.index + 1);
  $('tier').dataset.index = active === null ? '' : String(active.index);
  showTiers(market, active);
}

function showTiers(market, active) {
  $('cap-header').textContent = `up to (${capUnit(market)})`;
  $('tiers')
    .querySelector('tbody')
    .replaceChildren(
      ...market.tiers.tiers.map((tier) => {
        const row = document.createElement('tr');
        if (tier.index === active?.index) row.setAttribute('aria-current', 'true');
        for (const text of [
          String(tier.index + 1),
          tier.cap === null ? '∞' : groupDigits(tier.cap.toFixed()),
          percent(tier.maintenanceMarginRate),
          `${tier.maxLeverage.toFixed()}×`,
        ]) {
          const cell = document.createElement('td');
          cell.textContent = text;
          row.append(cell);
        }
        return row;
      }),
    );
}

$('position').addEventListener('input', update);
update();
document.body.dataset.ready = 'true';
