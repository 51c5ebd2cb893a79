/**
 * Text output: decimals for people (at most 8 places, grouped thousands) and aligned tables.
 * `--json` output skips all of this and prints exact decimal strings.
 */
import type Big from 'big.js';
import { roundToIncrement } from '../index.js';

/** A decimal for reading: at most `places` decimals (half-even), thousands grouped, no trailing zeros. */
export function show(value: Big | null, places = 8): string {
  if (value === null) return '—';
  const [whole = '', fraction = ''] = value.toFixed(places).split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const trimmed = fraction.replace(/0+$/, '');
  return `${sign}${grouped}${trimmed ? `.${trimmed}` : ''}`;
}

/** A rate as a percentage: 0.004 → '0.4%'. */
export function percent(rate: Big, places = 4): string {
  return `${show(rate.times(100), places)}%`;
}

/** Rows under a header, each column as wide as its widest cell; numbers right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '─'.repeat(width))), ...rows.map(line)].join('\n');
}

/** JSON with Big values as their exact decimal strings (big.js's own toJSON). */
export function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/**
 * A liquidation price as a trader reads it: on the market's tick, toward the mark (a price below
 * the mark up, one above it down), so the shown price is reached no later than the exact one;
 * without a tick, to 8 places.
 */
export function shownPrice(price: Big | null, tick: Big | null, side: 'below' | 'above'): string {
  if (price === null) return '—';
  return tick === null ? show(price) : show(roundToIncrement(price, tick, side === 'below' ? 'up' : 'down'), 20);
}
