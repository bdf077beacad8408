// The page's signature timestamp against a real TSA (`openssl ts -reply`, relay/testing.ts): the token is
// checked, and its TSA is "trusted" only with a valid path to a time-stamping root network.json lists.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPem } from '@/pki';
import { startOpensslTsa, type OpensslTsa } from '../../relay/testing';
import { timestampSignature } from './timestamp';

let tsa: OpensslTsa;
beforeAll(async () => {
  tsa = await startOpensslTsa();
});
afterAll(() => tsa?.stop());

// The test TSA's server answers on any path, so its origin stands for a relay's.
const relayUrl = () => new URL(tsa.url).origin;
const otherRoot = readFileSync(path.resolve(import.meta.dirname, '../pki/__fixtures__/keys/ca.pem'), 'utf8');

describe('timestampSignature', () => {
  const ask = (tsaRoots?: readonly string[]) =>
    timestampSignature({ relayUrl: relayUrl(), signature: globalThis.crypto.getRandomValues(new Uint8Array(64)), signingTime: new Date(Date.now() - 1000), ...(tsaRoots ? { tsaRoots } : {}) });

  it('names the TSA and trusts it when its certificate chains to a root the network lists', async () => {
    const obtained = await ask([otherRoot, toPem(new Uint8Array(tsa.caDer), 'CERTIFICATE')]);
    expect(obtained.tsaName).toContain('Test Time-Stamping Authority');
    expect(obtained.tsaTrusted).toBe(true);
  });

  it('keeps the token but says the TSA is not trusted when no listed root issued it', async () => {
    const obtained = await ask([otherRoot]);
    expect(obtained.token.length).toBeGreaterThan(0);
    expect(obtained.tsaTrusted).toBe(false);
  });

  it('says nothing was checked against a root when the network lists none', async () => {
    expect((await ask()).tsaTrusted).toBeUndefined();
    expect((await ask([])).tsaTrusted).toBeUndefined();
  });
});
