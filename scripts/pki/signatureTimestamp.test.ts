// The one check behind what the sign page and the record page say of a signature timestamp, against a
// real TSA (`openssl ts -reply`): the token is over the signature, and its TSA is trusted, not trusted,
// or not checked, by the roots network.json lists.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTimestampRequest, readTimestampResponse, TimestampError, toPem } from '../../app/pki/index';
import { startOpensslTsa, type OpensslTsa } from '../../relay/testing';
import { checkSignatureTimestamp } from '../../app/shared/timestamp';

let tsa: OpensslTsa;
const signature = new Uint8Array(256).map((_, i) => (i * 7) & 0xff);
let token: Uint8Array;
let before: Date;

beforeAll(async () => {
  tsa = await startOpensslTsa();
  before = new Date(Date.now() - 1000);
  const request = await createTimestampRequest({ data: signature });
  const response = await fetch(tsa.url, { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body: request.der.slice() });
  token = readTimestampResponse(new Uint8Array(await response.arrayBuffer()));
}, 60_000);
afterAll(async () => {
  await tsa?.stop();
});

const ownRoot = () => toPem(new Uint8Array(tsa.caDer), 'CERTIFICATE');
// A root that did not issue the TSA certificate: ICP-Brasil's root v10.
const otherRoot = () => toPem(new Uint8Array(readFileSync(path.join(__dirname, '../../app/pki/__fixtures__/der/icp-brasil_raiz_v10.cer'))), 'CERTIFICATE');

describe('checkSignatureTimestamp', () => {
  it('names the TSA and its time, trusted when the TSA chains to a listed root', async () => {
    const stamp = await checkSignatureTimestamp({ token, signature, tsaRoots: [ownRoot()] });
    expect(stamp.tsaTrusted).toBe(true);
    expect(stamp.tsaName).toContain('Test');
    expect(stamp.genTime.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    expect(stamp.genTime.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('says not trusted when the listed roots did not issue the TSA certificate', async () => {
    expect((await checkSignatureTimestamp({ token, signature, tsaRoots: [otherRoot()] })).tsaTrusted).toBe(false);
    // One listed root that chains is enough.
    expect((await checkSignatureTimestamp({ token, signature, tsaRoots: [otherRoot(), ownRoot()] })).tsaTrusted).toBe(true);
  });

  it('says not checked when the network lists no TSA root', async () => {
    expect((await checkSignatureTimestamp({ token, signature })).tsaTrusted).toBeUndefined();
    expect((await checkSignatureTimestamp({ token, signature, tsaRoots: [] })).tsaTrusted).toBeUndefined();
  });

  it('refuses a token over another signature, or dated after the block that recorded the signature', async () => {
    const other = signature.slice();
    other[0] = other[0]! ^ 1;
    await expect(checkSignatureTimestamp({ token, signature: other, tsaRoots: [ownRoot()] })).rejects.toMatchObject({ code: 'imprint-mismatch' });
    const error = await checkSignatureTimestamp({ token, signature, notAfter: new Date(before.getTime() - 3_600_000) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimestampError);
    expect(error).toMatchObject({ code: 'time' });
  });
});
