/**
 * Methodologies as data (src/venues/methodology.ts and index.ts): every venue in VENUES is frozen,
 * listed by its own id, refuses options it does not know, and has a test file of its own here,
 * which checks that it claims as evidence only what that file reproduces.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { binanceUsdm, VENUES } from '../../src/index.js';
import { expectLiqMathErrorMessage } from './fixtures.js';

describe('methodologies as data', () => {
  it('are frozen and listed in VENUES by id, every dated version too', () => {
    for (const [id, venue] of Object.entries(VENUES)) {
      expect(venue.id).toBe(id);
      expect(Object.isFrozen(venue) && Object.isFrozen(venue.tiers) && Object.isFrozen(venue.evidence)).toBe(true);
      for (const version of venue.history) {
        expect(version.id).toBe(id);
        expect(Object.isFrozen(version) && Object.isFrozen(version.evidence)).toBe(true);
      }
    }
  });

  it('each venue has its own test/venues/<venue>.test.ts, where its claims are checked', () => {
    for (const id of Object.keys(VENUES)) {
      const file = new URL(`./${id.split('-')[0]}.test.ts`, import.meta.url);
      expect(existsSync(file), `${id}: ${file.pathname}`).toBe(true);
    }
  });

  it('venue options: unknown fields are refused', () => {
    expectLiqMathErrorMessage(
      () => binanceUsdm.market([], { symbol: 'X', leverage: 5 } as never),
      'UNKNOWN_FIELD',
      'options.leverage',
      'options.leverage: got 5; allowed: only the fields symbol, settle, tickSize, lotSize, contractSize, takerFeeRate, fundingRate [UNKNOWN_FIELD]',
    );
  });
});
