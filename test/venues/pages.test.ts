/**
 * Every venue page names the evidence its objects claim, and says plainly where a method has
 * fewer than two published examples or payloads.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VENUES } from '../../src/index.js';

const page = (id: string) => readFileSync(new URL(`../../docs/venues/${id.split('-')[0]}.md`, import.meta.url), 'utf8');

describe('venue pages', () => {
  for (const [id, venue] of Object.entries(VENUES)) {
    it(`${id}: its page lists its evidence, or says there are fewer than two`, () => {
      const text = page(id);
      const evidence = text.slice(text.indexOf('## Evidence'));
      expect(text.includes('## Evidence'), `${id}: an Evidence section`).toBe(true);
      for (const version of venue.history) {
        for (const claimed of version.evidence) expect(text, `${id} names ${claimed}`).toContain(claimed);
        if (version.evidence.length < 2) {
          const said = evidence
            .split('\n')
            .some((line) => line.includes(`\`${id}\``) && line.includes('fewer than two'));
          expect(
            said,
            `${id} (from ${version.effectiveFrom}) has ${version.evidence.length}: its page must say so`,
          ).toBe(true);
        }
      }
    });
  }
});
