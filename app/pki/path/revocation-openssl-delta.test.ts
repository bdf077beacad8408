/**
 * Delta CRLs made by OpenSSL, not by our generator: `openssl ca -gencrl` writes the complete CRLs
 * (with freshestCRL from a -crlexts section) and `openssl crl -in BASE -gendelta NEWER` writes the delta
 * (X509_CRL_diff: the entries of NEWER missing from BASE, deltaCRLIndicator = BASE's number).
 * `openssl verify -use_deltas` is asked the same questions as the engine.
 *
 * Indirect CRLs cannot be made this way: `openssl ca` writes an entry from its index file (serial,
 * date, reason), never the certificateIssuer entry extension an indirect CRL needs for another
 * issuer's certificates, so those tests keep our generator (revocation-rfc5280.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Certificate, type Crl, parseCertificate, parseCrl, validatePath } from '../index';
import { createOpensslCa, END_ENTITY, KEY_IDENTIFIERS, type OpensslCa } from '../__fixtures__/opensslCa';

describe('delta CRLs made by OpenSSL', () => {
  const certs: Record<string, Certificate> = {};
  const crls: Record<'base' | 'delta', Crl> = {} as Record<'base' | 'delta', Crl>;
  let ca: OpensslCa;

  beforeAll(async () => {
    ca = createOpensslCa({
      prefix: 'pki-delta-',
      subject: '/CN=OpenSSL Delta CA',
      sections: { leaf: [...END_ENTITY, ...KEY_IDENTIFIERS], complete_crl: ['authorityKeyIdentifier = keyid', 'freshestCRL = URI:http://127.0.0.1/delta.crl'] },
    });
    for (const name of ['inBase', 'inDelta', 'good']) ca.issue(name, 'leaf');
    ca.ca('-revoke', 'inBase.pem', '-crl_reason', 'keyCompromise');
    ca.ca('-gencrl', '-crlexts', 'complete_crl', '-out', 'base.crl');
    ca.ca('-revoke', 'inDelta.pem', '-crl_reason', 'superseded');
    ca.ca('-gencrl', '-crlexts', 'complete_crl', '-out', 'newer.crl');
    ca.openssl('crl', '-in', 'base.crl', '-gendelta', 'newer.crl', '-key', 'ca.key', '-sha256', '-out', 'delta.crl');
    for (const name of ['ca', 'inBase', 'inDelta', 'good']) certs[name] = await parseCertificate(ca.certificateDer(name));
    crls.base = await parseCrl(ca.openssl('crl', '-in', 'base.crl', '-outform', 'DER'));
    crls.delta = await parseCrl(ca.openssl('crl', '-in', 'delta.crl', '-outform', 'DER'));
  }, 60_000);

  afterAll(() => ca.remove());

  const validate = (name: string, given: readonly Crl[]) => validatePath({ path: [certs[name] as Certificate, certs.ca as Certificate], revocation: { mode: 'require', crls: given } });
  /** OpenSSL's own verdict over the same CRLs (-use_deltas). */
  const opensslVerify = (name: string, files: string[]) => {
    try {
      ca.openssl('verify', '-crl_check', '-use_deltas', ...files.flatMap((f) => ['-CRLfile', f]), '-CAfile', 'ca.pem', `${name}.pem`);
      return 'ok';
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
      return `${stdout ?? ''}${stderr ?? ''}`.includes('certificate revoked') ? 'revoked' : 'failed';
    }
  };

  it('reads the delta OpenSSL made: its base CRL number and its own', () => {
    expect(crls.delta.deltaBase).toBe(1n);
    expect(crls.base.deltaBase).toBeUndefined();
    expect(crls.base.freshest?.[0]?.uris).toEqual(['http://127.0.0.1/delta.crl']);
    expect(crls.delta.revoked.map((e) => e.serialNumber)).toEqual([certs.inDelta?.serialNumber]);
  });

  it('gives revoked in the base, revoked in the delta (as openssl verify -use_deltas does), good in neither (likewise)', async () => {
    const inDelta = await validate('inDelta', [crls.base, crls.delta]);
    expect(inDelta.failures.map((f) => f.code)).toEqual(['revoked']);
    expect(inDelta.certificates[0]?.revocation).toMatchObject({ status: 'revoked', reasonCode: 4, source: expect.stringContaining('(delta)') });
    expect(opensslVerify('inDelta', ['base.crl', 'delta.crl'])).toBe('revoked');

    const inBase = await validate('inBase', [crls.base, crls.delta]);
    expect(inBase.certificates[0]?.revocation).toMatchObject({ status: 'revoked', reasonCode: 1 });
    // Not asked of openssl verify: OpenSSL 3.0.19 given base + delta intermittently calls this certificate
    // (listed in the base) OK, in this test two runs in three, though not from a shell; unexplained so far.

    const good = await validate('good', [crls.base, crls.delta]);
    expect(good.failures).toEqual([]);
    expect(good.certificates[0]?.revocation).toMatchObject({ status: 'good', source: expect.stringContaining('(delta)') });
    expect(opensslVerify('good', ['base.crl', 'delta.crl'])).toBe('ok');
  });

  it('does not call a certificate good from a base that announces a delta it was not given (OpenSSL does)', async () => {
    const result = await validate('inDelta', [crls.base]);
    expect(result.failures.map((f) => f.code)).toEqual(['revocationUnknown']);
    expect(result.failures[0]?.message).toContain('announces a delta CRL and none was found');
    // OpenSSL, given only the base, accepts the certificate the delta revokes.
    expect(opensslVerify('inDelta', ['base.crl'])).toBe('ok');
  });
});
