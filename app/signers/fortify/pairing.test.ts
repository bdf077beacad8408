import { describe, expect, it } from 'vitest';
import { pairCertificatesWithKeys } from './pairing';

describe('pairCertificatesWithKeys', () => {
  it('pairs a certificate with the private key that shares its CKA_ID, whatever the handles', () => {
    const pairs = pairCertificatesWithKeys(
      ['x509-0001-aa11', 'x509-0002-bb22'],
      ['public-0009-bb22', 'private-0007-bb22', 'private-0003-aa11'],
    );
    expect(pairs).toEqual([
      { certificateIndex: 'x509-0001-aa11', privateKeyIndex: 'private-0003-aa11' },
      { certificateIndex: 'x509-0002-bb22', privateKeyIndex: 'private-0007-bb22' },
    ]);
  });

  it('leaves CA certificates without a key unpaired and ignores public keys', () => {
    const pairs = pairCertificatesWithKeys(['x509-0001-cafe'], ['public-0002-cafe']);
    expect(pairs).toEqual([{ certificateIndex: 'x509-0001-cafe', privateKeyIndex: undefined }]);
  });

  it('skips certificate requests', () => {
    const pairs = pairCertificatesWithKeys(['request-0001-aa11', 'x509-0002-aa11'], ['private-0003-aa11']);
    expect(pairs.map((pair) => pair.certificateIndex)).toEqual(['x509-0002-aa11']);
  });
});
