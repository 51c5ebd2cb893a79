// The browser example: recompute on every keystroke with the ESM build of liqmath.
// Plain JavaScript so it runs as served. Every number is the library's: prices are shown on the
// market tick, rounded toward the mark, amounts to the cent, with digit grouping (the exact value
// is in data-exact); formatting works on the decimal string of the Big, never through a JS number.
import {
  binanceUsdm,
  defineMarket,
  definePosition,
  defineTiers,
  isLiqMathError,
  isolatedBankruptcyPrice,
  isolatedLiquidationPrice,
  isolatedTier,
  parseDecimal,
  previewIsolatedOrder,
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

/** The sentence for a number typed wrong (`name` is what the field holds), or null for other codes. */
function numberMessage(error, article, name) {
  const Name = name[0].toUpperCase() + name.slice(1);
  switch (error.code) {
    case 'INVALID_NUMBER':
      return error.value === ''
        ? `Enter ${article} ${name}.`
        : `${Name} is not a number: use digits and a dot for decimals, without commas or spaces.`;
    case 'NOT_POSITIVE':
      return `Enter ${article} ${name} greater than 0.`;
    case 'NEGATIVE':
      return `${Name} cannot be negative.`;
    case 'NUMBER_OUT_OF_RANGE':
      return `${Name} is too large or too small to compute.`;
    default:
      return null;
  }
}

/** What a trader reads for a LiqMathError: the code and field say what went wrong, in plain words. */
function plainMessage(error, market, position) {
  const field = error.field.split('.').at(-1);
  switch (error.code) {
    case 'NUMBER_OUT_OF_RANGE':
      return field === 'leverage'
        ? 'Leverage is too high for a position this small.'
        : numberMessage(error, ARTICLES[field] ?? 'a', NAMES[field] ?? 'value');
    case 'INVALID_NUMBER':
    case 'NOT_POSITIVE':
      return numberMessage(error, ARTICLES[field] ?? 'a', NAMES[field] ?? 'value');
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

/** The position form: shows its prices and returns `{ position }` (null: none yet), or null when it has an error. */
function updatePosition(market) {
  const side = $('side').value;
  const none = $('no-position').checked;
  for (const id of ['side', 'size', 'entry']) $(id).disabled = none;
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
  let result = null;
  if (none) {
    for (const id of ['liquidation', 'distance', 'bankruptcy']) show(id, '—', id === 'distance' ? undefined : '');
    $('note').textContent = 'No position yet: the order below opens one.';
    result = { position: null };
  } else {
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
      result = { position: prepared };
    } catch (error) {
      // Half-typed input is normal here: say what to fix, never show a number.
      if (!isLiqMathError(error)) throw error;
      for (const id of ['liquidation', 'distance', 'bankruptcy']) show(id, '—', id === 'distance' ? undefined : '');
      $('error').textContent = plainMessage(error, market, position);
      $('error').dataset.code = error.code;
      const input = INPUTS[error.field.split('.').at(-1)];
      if (input !== undefined) $(input).setAttribute('aria-invalid', 'true');
    }
  }
  $('tier').textContent = active === null ? '—' : String(active.index + 1);
  $('tier').dataset.index = active === null ? '' : String(active.index);
  showTiers(market, active);
  return result;
}

// ---- The order form: "what if I place this order?" ----

/** big.js rounding modes, by name. */
const HALF_UP = 1;
const UP = 3;

/** An amount in the settle currency, to the cent (half up): `'4475'` → `'4,475.00 USDT'`. */
const amount = (market, big) => `${fixed(big.round(2, HALF_UP), 2)} ${market.settle}`;

/** A cost, to the cent rounded up (never less than the order takes). */
const cost = (market, big) => `${fixed(big.round(2, UP), 2)} ${market.settle}`;

/** A price as typed or averaged: at least the tick's decimals; an average is rounded (half up) two digits finer. */
function price(market, big) {
  const places = market.tickSize === null ? 0 : decimalsOf(market.tickSize);
  return fixed(big.round(places + 2, HALF_UP), places);
}

/** `1` → `'1 contract'`, `1.5` → `'1.5 contracts'`. */
const contracts = (size) => `${groupDigits(size.toFixed())} contract${size.eq(1) ? '' : 's'}`;

/** The fee rate typed in percent, as the rate the library reads: `0.05` (%) → `0.0005`, exactly. */
const feeRateOf = (text) => parseDecimal(text, 'options.feeRate').times('0.01');

/** The order inputs by the field of the order or options they feed: input id, article, what it holds. */
const ORDER_INPUTS = {
  'order.size': ['order-size', 'an', 'order size'],
  'order.price': ['order-price', 'a', 'limit price'],
  'options.fillPrice': ['fill-estimate', 'an', 'expected fill price'],
  'options.markPrice': ['mark', 'a', 'mark price'],
  'options.feeRate': ['fee-rate', 'a', 'fee rate'],
  'options.availableBalance': ['balance', 'an', 'available balance'],
  'options.leverage': ['leverage', 'a', 'leverage'],
};

/** Every number the order result shows (each with its exact value in data-exact). */
const ORDER_NUMBERS = [
  'fill',
  'liq-before',
  'liq-after',
  'after-size',
  'after-entry',
  'after-margin',
  'cost-margin',
  'cost-open-loss',
  'cost-open-fee',
  'cost-close-fee',
  'cost-to-open',
  'order-cost',
];

const FILL_FROM = { order: 'your limit price', mark: 'the mark price', given: 'your estimate' };

/** What a trader reads for a LiqMathError of the order form. */
function orderMessage(error) {
  const [, article, name] = ORDER_INPUTS[error.field] ?? [undefined, 'a', 'value'];
  switch (error.code) {
    case 'RATE_OUT_OF_RANGE':
      return 'The fee rate must be from 0% up to (not including) 100%.';
    case 'LEVERAGE_OUT_OF_RANGE':
      return 'Leverage must be 1 or more.';
    default:
      return numberMessage(error, article, name) ?? 'This order cannot be computed: check its size and prices.';
  }
}

/** The order and the options as typed; only the price the order type uses is passed. */
function orderFromForm() {
  const type = $('order-type').value;
  const limit = $('order-price').value.trim();
  const estimate = $('fill-estimate').value.trim();
  const balance = $('balance').value.trim();
  const order = {
    side: $('order-side').value,
    size: $('order-size').value.trim(),
    type,
    ...(type === 'limit' ? { price: limit } : {}),
    reduceOnly: $('reduce-only').checked,
  };
  const options = {
    markPrice: $('mark').value.trim(),
    leverage: $('leverage').value.trim(),
    feeRate: feeRateOf($('fee-rate').value.trim()),
    ...(type === 'market' && estimate !== '' ? { fillPrice: estimate } : {}),
    ...(balance !== '' ? { availableBalance: balance } : {}),
  };
  return { order, options };
}

/** The transition in words, with the sizes before and after. */
function transitionWords(before, preview) {
  const after = preview.after.position;
  switch (preview.transition) {
    case 'open':
      return `Opens a ${after.side} position of ${contracts(after.size)}.`;
    case 'add':
      return `Adds to the ${before.side} position: ${groupDigits(before.size.toFixed())} → ${contracts(after.size)}.`;
    case 'reduce':
      return `Reduces the ${before.side} position: ${groupDigits(before.size.toFixed())} → ${contracts(after.size)}.`;
    case 'close':
      return `Closes the ${before.side} position of ${contracts(before.size)}.`;
    default:
      return `Flips the position: closes the ${before.side} of ${contracts(before.size)} and opens a ${after.side} of ${contracts(after.size)}.`;
  }
}

/** Why a venue would refuse the order, in words. */
function rejectionWords(market, preview) {
  const reason = {
    'insufficient-balance':
      preview.transition === 'flip'
        ? 'insufficient balance: the order cost is more than your available balance plus what closing the position frees'
        : 'insufficient balance: the order cost is more than your available balance',
    'above-max-leverage-for-tier': `leverage above the tier's max: the position after is in tier ${(preview.after.tier?.tier.index ?? 0) + 1}, which allows up to ${preview.after.tier?.maxLeverage.toFixed()}×`,
    'above-max-notional': `above the max position size: the position after would be larger than the last tier allows (up to ${groupDigits(market.tiers.tiers.at(-1).cap?.toFixed() ?? '0')} ${capUnit(market)})`,
    'above-position-size': 'it closes more than the position holds',
    'reduce-only-would-increase':
      preview.transition === 'open'
        ? 'reduce-only would open a position: there is no position to reduce'
        : 'reduce-only would increase the position: a reduce-only order may only reduce or close it',
  }[preview.rejected];
  return `A venue would refuse this order (${reason}). The figures below are what it would do if accepted.`;
}

/** The liquidation price of a position as the result shows it; `none` when there is no position. */
function liquidationText(market, side, exact, none) {
  if (side === null) return [none, ''];
  if (exact === null) return ['none (cannot be liquidated)', ''];
  return [shownPrice(market, side, exact), exact.toFixed()];
}

function showPreview(market, before, preview) {
  const after = preview.after;
  $('transition').textContent = transitionWords(before, preview);
  $('transition').dataset.transition = preview.transition;
  $('rejected').textContent = preview.rejected === null ? '' : rejectionWords(market, preview);
  $('rejected').dataset.reason = preview.rejected ?? '';
  show('fill', price(market, preview.fill.price), preview.fill.price.toFixed());
  $('fill-from').textContent = `(${FILL_FROM[preview.fill.from]})`;
  $('fill-from').dataset.from = preview.fill.from;
  show('liq-before', ...liquidationText(market, before?.side ?? null, preview.before?.liquidationPrice, 'no position'));
  // A position beyond the last tier has no tier and no prices (rejected, though maybe for another reason first).
  const beyond = after.position !== null && after.tier === null;
  const [afterText, afterExact] = beyond
    ? ['— (beyond the last tier)', '']
    : liquidationText(market, after.position?.side ?? null, after.liquidationPrice, 'no position (closed)');
  show('liq-after', afterText, afterExact);
  const held = after.position;
  $('after-side').textContent = held?.side ?? '—';
  show('after-size', held === null ? '—' : contracts(held.size), held?.size.toFixed() ?? '');
  show('after-entry', held === null ? '—' : price(market, held.entryPrice), held?.entryPrice.toFixed() ?? '');
  show('after-margin', held === null ? '—' : amount(market, held.margin), held?.margin.toFixed() ?? '');
  const c = preview.cost;
  for (const [id, big] of [
    ['cost-margin', c.initialMargin],
    ['cost-open-loss', c.openLoss],
    ['cost-open-fee', c.openingFee],
    ['cost-close-fee', c.closingFee],
    ['cost-to-open', c.costToOpen],
    ['order-cost', c.orderCost],
  ]) {
    show(id, cost(market, big), big.toFixed());
  }
}

function clearPreview() {
  for (const id of ORDER_NUMBERS) show(id, '—', '');
  for (const id of ['transition', 'rejected', 'fill-from']) $(id).textContent = '';
  $('after-side').textContent = '—';
  $('transition').dataset.transition = '';
  $('rejected').dataset.reason = '';
  $('fill-from').dataset.from = '';
}

/** The order form: the preview of the order on `held.position`, or what to fix. */
function updateOrder(market, held) {
  const type = $('order-type').value;
  $('order-price').disabled = type !== 'limit';
  $('fill-estimate').disabled = type !== 'market';
  for (const [id] of Object.values(ORDER_INPUTS)) if (id !== 'leverage') $(id).removeAttribute('aria-invalid');
  $('order-error').textContent = '';
  $('order-error').dataset.code = '';
  clearPreview();
  if (held === null) {
    $('order-error').textContent = 'Fix the position above to preview an order.';
    return;
  }
  try {
    const { order, options } = orderFromForm();
    showPreview(market, held.position, previewIsolatedOrder(market, held.position, order, options));
  } catch (error) {
    if (!isLiqMathError(error)) throw error;
    $('order-error').textContent = orderMessage(error);
    $('order-error').dataset.code = error.code;
    const input = ORDER_INPUTS[error.field]?.[0];
    if (input !== undefined) $(input).setAttribute('aria-invalid', 'true');
  }
}

function update() {
  const market = MARKETS[$('table').value];
  updateOrder(market, updatePosition(market));
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
$('order').addEventListener('input', update);
update();
document.body.dataset.ready = 'true';
