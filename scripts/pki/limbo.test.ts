import { describe, expect, it } from 'vitest';
import { buildAndValidatePath, defaultPathBuildingLimits } from '../../app/pki/index';
import { limboBuildParameters, type LimboResult, type LimboSuite, readLimboSuite, runLimboSuite, tally } from './limbo';

const FIXTURE = new URL('../../app/pki/__fixtures__/limbo/limbo.json.gz', import.meta.url).pathname;

/**
 * Expected-FAILURE cases the engine accepts, each because the corpus itself demands the opposite
 * elsewhere. Anything accepted outside this list fails the suite.
 */
const KNOWN_CONFLICTS: Record<string, string> = {
  // conflicts_with rfc5280::ca-as-leaf and has the same shape as pathlen::validation-ignores-pathlen-in-leaf.
  'webpki::ca-as-leaf': 'RFC 5280 allows a CA certificate in leaf position',
  // CA/B Forum BR 7.1.4.3 wants every CN in the SAN; 300+ bettertls::nameconstraints SUCCESS cases
  // have a host-name CN that is not in the SAN and must be accepted.
  'webpki::cn::not-in-san': 'bettertls requires ignoring a CN that is not in the SAN',
  'webpki::cn::punycode-not-in-san': 'bettertls requires ignoring a CN that is not in the SAN',
  'webpki::cn::utf8-vs-punycode-mismatch': 'bettertls requires ignoring a CN that is not in the SAN',
};

describe('x509-limbo corpus', () => {
  let suite: LimboSuite;
  let results: LimboResult[];

  it('runs all 9,780 testcases', { timeout: 180_000 }, async () => {
    suite = await readLimboSuite(FIXTURE);
    expect(suite.testcases).toHaveLength(9780);
    results = await runLimboSuite(suite);
    expect(results).toHaveLength(9780);
  });

  it('accepts no path the corpus expects to fail, beyond the documented conflicts', () => {
    const expected = new Map(suite.testcases.map((t) => [t.id, t.expected_result]));
    const falseAccepts = results.filter((r) => r.actual_result === 'SUCCESS' && expected.get(r.id) === 'FAILURE').map((r) => r.id);
    expect(falseAccepts.filter((id) => !(id in KNOWN_CONFLICTS))).toEqual([]);
  });

  it('passes at least 99.8% of the applicable testcases and all bettertls path building', () => {
    const counts = tally(suite, results);
    const total = Object.values(counts).reduce((a, c) => ({ pass: a.pass + c.pass, fail: a.fail + c.fail, skipped: a.skipped + c.skipped }), { pass: 0, fail: 0, skipped: 0 });
    expect(total.pass).toBeGreaterThanOrEqual(9767);
    expect(total.skipped).toBeLessThanOrEqual(8);
    expect(counts['bettertls::pathbuilding']?.pass).toBe(81);
    expect(counts['bettertls::nameconstraints']?.pass).toBe(9491);
    expect(counts['pathological']?.fail).toBe(0);
  });

  it('turns the 100-intermediate pathological pools down as too complex within the work budget', async () => {
    const pools = suite.testcases.filter((t) => t.id.startsWith('pathological::pathological-chain-'));
    expect(pools.length).toBeGreaterThan(0);
    for (const testcase of pools) {
      const parameters = await limboBuildParameters(testcase);
      if (!parameters) throw new Error(`${testcase.id} has no peer certificate`);
      const result = await buildAndValidatePath(parameters);
      expect(result.valid).toBe(false);
      expect(!result.valid && result.failures[0]?.messageKey).toBe('pki.path.tooComplex');
      // Bounded by work, not by the machine's speed (bench:pki measures the time).
      expect(result.work.signatureChecks).toBeLessThanOrEqual(defaultPathBuildingLimits.maxSignatureChecks);
      expect(result.work.steps).toBeLessThanOrEqual(defaultPathBuildingLimits.maxSteps);
      expect(result.work.pathsValidated).toBeLessThanOrEqual(defaultPathBuildingLimits.maxPathsValidated);
    }
  });

  it('skips only testcases whose features the engine deliberately lacks', () => {
    const skipped = results.filter((r) => r.actual_result === 'SKIPPED');
    for (const r of skipped) expect(r.context).toMatch(/^feature (pedantic-public-suffix-wildcard|pedantic-webpki-eku|pedantic-rfc5280) is not implemented$/);
  });
});
