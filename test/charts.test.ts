/**
 * The committed charts in docs/charts/ are what the library computes today (regenerate with
 * `npm run docs:charts`), and they show what their captions say.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderCharts } from '../scripts/charts.js';

const charts = renderCharts();

describe('docs/charts', () => {
  it.each(Object.keys(charts))('%s is up to date', (name) => {
    expect(readFileSync(new URL(`../docs/charts/${name}`, import.meta.url), 'utf8')).toBe(charts[name]);
  });

  it('the plan chart has one step per plan step (8 at mark 57,900)', () => {
    expect(charts['partial-liquidation-plan.svg']).toContain('8 steps of 20%');
  });

  it('the flat method jumps where the deduction method is continuous', () => {
    // Two series: the flat one is dashed.
    expect(charts['maintenance-margin.svg']?.match(/<path /g)).toHaveLength(2);
    expect(charts['maintenance-margin.svg']).toContain('stroke-dasharray');
  });
});
