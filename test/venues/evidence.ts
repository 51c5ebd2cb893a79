/**
 * Evidence for the venue objects: the research vectors of each venue (test/vectors/venues/, real
 * payloads and venue examples with their sources) and the published examples (published.json).
 * Each venue test file registers what it reproduces through the venue object, then checks that
 * every method of its venues claims (`evidence`) only vectors it reproduced.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import type { Methodology } from '../../src/index.js';
import { vector } from '../helpers.js';

/** A research vector: raw fields as published, the expected venue figures, its source. */
export interface VenueVector {
  readonly id: string;
  readonly venue: string;
  readonly product?: string;
  readonly symbol?: string;
  readonly inputs: Readonly<Record<string, string>>;
  readonly expected: Readonly<Record<string, string>>;
  readonly assumptions?: Readonly<Record<string, string>>;
  readonly source: { readonly url?: string | null; readonly repo?: string | null; readonly what?: string };
}

/** The vectors of one venue file (e.g. `bitmex`). */
export function venueVectors(venue: string): readonly VenueVector[] {
  return JSON.parse(readFileSync(new URL(`../vectors/venues/${venue}.json`, import.meta.url), 'utf8')) as VenueVector[];
}

/** What one test file reproduced, and the check of its venues' claims. */
export function evidenceLedger(venue: string) {
  const all = venueVectors(venue);
  const reproduced = new Set<string>();
  return {
    /** The research vector `id`, registered as reproduced when the test using it passes its expectations. */
    vector(id: string): VenueVector {
      const found = all.find((v) => v.id === id);
      if (found === undefined) throw new Error(`no ${venue} vector ${id}`);
      reproduced.add(id);
      return found;
    },
    /** A vector read without registering it (for a test that shows a difference, not a match). */
    read(id: string): VenueVector {
      const found = all.find((v) => v.id === id);
      if (found === undefined) throw new Error(`no ${venue} vector ${id}`);
      return found;
    },
    /** A published example (published.json), registered likewise. */
    published(id: string) {
      reproduced.add(id);
      return vector(id);
    },
    /** Registers a test: every method (each dated version) of `venues` claims only reproduced ids. */
    checkClaims(venues: readonly Methodology<never, never>[]): void {
      it('every method claims as evidence only what this file reproduced through the object', () => {
        for (const venue of venues) {
          for (const version of venue.history) {
            for (const claimed of version.evidence) {
              expect(reproduced.has(claimed), `${version.id} (from ${version.effectiveFrom}) claims ${claimed}`).toBe(
                true,
              );
            }
          }
        }
      });
    },
  };
}
