// CMS signatures made to exhaust the verifier. asn1js 4 stops any parse at 10,000 nodes (a CmsMalformedError):
// thousands of certificates never reach pkijs. Below that, the caps refuse with PkiLimitError before pkijs
// builds (and the engine re-parses) each one; before them, 120 certificates were all built and handed back.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DerNode, isContext, isUniversal, parseDer, UniversalTag } from '../der/asn1';
import { der } from '../der/writer';
import { CmsMalformedError, PkiLimitError } from '../errors';
import { CMS_MAX_CERTIFICATES, CMS_MAX_SIGNERS } from '../limits';
import { importPkcs12 } from '../pkcs12/import';
import { createCmsSignature, cryptoKeySigner, verifyCmsSignature } from './signed-data';

const content = new Uint8Array(32).fill(7);
let signed: Uint8Array;

beforeAll(async () => {
  const data = new Uint8Array(readFileSync(join(import.meta.dirname, '..', '__fixtures__', 'keys', 'rsa-modern.p12')));
  const holder = await importPkcs12({ data, password: 'correct horse battery staple' });
  signed = (await createCmsSignature({ content, signerCertificate: holder.leaf, sign: cryptoKeySigner(holder.privateKey) })).contentInfo;
});

/** The signature re-encoded with its SignedData's [0] certificates or signerInfos SET repeated `times`. */
function repeatIn(contentInfo: Uint8Array, part: 'certificates' | 'signers', times: number): Uint8Array {
  const [oid, explicit] = parseDer(contentInfo).children as [DerNode, DerNode];
  const signedData = explicit.children[0]!;
  const fields = signedData.children.map((field, index) => {
    const chosen = part === 'certificates' ? isContext(field, 0) : index === signedData.children.length - 1 && isUniversal(field, UniversalTag.Set);
    if (!chosen) return field.der;
    const items = field.children.map((child) => child.der);
    return der.tlv(field.der[0]!, ...Array.from({ length: times }, () => items).flat());
  });
  return der.seq(oid.der, der.explicit(0, der.seq(...fields)));
}

describe('verifyCmsSignature of a signature made to exhaust it', () => {
  it('verifies the signature as made, and with certificates up to the cap', async () => {
    expect((await verifyCmsSignature({ contentInfo: signed, content })).valid).toBe(true);
    const atCap = await verifyCmsSignature({ contentInfo: repeatIn(signed, 'certificates', CMS_MAX_CERTIFICATES), content });
    expect(atCap.valid && atCap.certificates.length).toBe(CMS_MAX_CERTIFICATES);
  });

  it('refuses thousands of certificates at the ASN.1 reader, and 120 at the cap', async () => {
    await expect(verifyCmsSignature({ contentInfo: repeatIn(signed, 'certificates', 5_000), content })).rejects.toBeInstanceOf(CmsMalformedError);
    const attempt = verifyCmsSignature({ contentInfo: repeatIn(signed, 'certificates', 120), content });
    await expect(attempt).rejects.toBeInstanceOf(PkiLimitError);
    await expect(attempt).rejects.toMatchObject({ messageKey: 'pki.limit.cms-certificates', params: { limit: CMS_MAX_CERTIFICATES } });
  });

  it('refuses 40 signers with the limit sentence', async () => {
    const attempt = verifyCmsSignature({ contentInfo: repeatIn(signed, 'signers', 40), content });
    await expect(attempt).rejects.toMatchObject({ messageKey: 'pki.limit.cms-signers', params: { limit: CMS_MAX_SIGNERS } });
  });
});
