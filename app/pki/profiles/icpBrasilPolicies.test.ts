// The ICP-Brasil policy constants against ITI's own documents (fixtures: see __fixtures__/README.md).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as asn1js from 'asn1js';
import { describe, expect, it } from 'vitest';
import { fromPem, toHex } from '../bytes';
import { parseCertificateSync } from '../x509/certificate';
import { ICP_BRASIL_AD_RB, ICP_BRASIL_AD_RT, icpBrasilPolicyName, signaturePolicyFor } from './icpBrasil';

const fixture = (name: string) => new Uint8Array(readFileSync(path.join(__dirname, '__fixtures__', name)));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** SignaturePolicy ::= SEQUENCE { signPolicyHashAlg, signPolicyInfo, signPolicyHash OCTET STRING } (RFC 3125). */
function readPolicyDocument(der: Uint8Array) {
  const outer = asn1js.fromBER(der.slice().buffer);
  if (outer.offset === -1) throw new Error(outer.result.error);
  const [hashAlg, info, stated] = (outer.result as asn1js.Sequence).valueBlock.value as [asn1js.Sequence, asn1js.Sequence, asn1js.OctetString];
  const oid = (info.valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString();
  // Nota Técnica 003/2016 (ITI): the hash a signature names is over the DER of the first two fields.
  const recomputed = sha256(new Uint8Array([...new Uint8Array(hashAlg.toBER()), ...new Uint8Array(info.toBER())]));
  return { oid, stated: toHex(new Uint8Array(stated.valueBlock.valueHexView)), recomputed };
}

/** The LPA's entries: OID -> the SHA-256 it lists for the policy's file. */
function readLpaDigests(der: Uint8Array): Map<string, string> {
  const digests = new Map<string, string>();
  const walk = (node: asn1js.AsnType) => {
    const children = node instanceof asn1js.Constructed ? (node.valueBlock.value as asn1js.AsnType[]) : [];
    const oidAt = children.findIndex((c) => c instanceof asn1js.ObjectIdentifier);
    const uri = children.find((c) => c instanceof asn1js.IA5String);
    const digest = children.find((c) => c instanceof asn1js.Sequence && c.valueBlock.value[1] instanceof asn1js.OctetString) as asn1js.Sequence | undefined;
    if (oidAt !== -1 && uri && digest) {
      digests.set((children[oidAt] as asn1js.ObjectIdentifier).valueBlock.toString(), toHex(new Uint8Array((digest.valueBlock.value[1] as asn1js.OctetString).valueBlock.valueHexView)));
    }
    children.forEach(walk);
  };
  walk(asn1js.fromBER(der.slice().buffer).result);
  return digests;
}

describe('ICP-Brasil signature policies (DOC-ICP-15.03)', () => {
  const lpa = readLpaDigests(fixture('LPA_CAdES.der'));
  for (const [name, constant, file] of [
    ['AD-RB', ICP_BRASIL_AD_RB, 'PA_AD_RB_v2_3.der'],
    ['AD-RT', ICP_BRASIL_AD_RT, 'PA_AD_RT_v2_3.der'],
  ] as const) {
    it(`${name}: the OID and hash are those ITI's policy document states, and the LPA lists that document`, () => {
      const document = fixture(file);
      const read = readPolicyDocument(document);
      expect(read.oid).toBe(constant.oid);
      expect(read.recomputed).toBe(read.stated);
      expect(toHex(constant.hash)).toBe(read.stated);
      expect(constant.hashAlgorithm).toBe('SHA-256');
      expect(constant.uri).toBe(`http://politicas.icpbrasil.gov.br/${file}`);
      expect(lpa.get(constant.oid)).toBe(sha256(document));
    });
  }

  it('an ICP-Brasil signer names AD-RT when the signature will be timestamped, AD-RB otherwise; others name none', () => {
    const brazilian = parseCertificateSync(fromPem(readFileSync(path.join(__dirname, '../__fixtures__/national-pki/icp-brasil/end-entity/ssl-ev_hnfce.fazenda.mg.gov.br_2024-2025.pem'), 'utf8'), 'CERTIFICATE'));
    const chinese = parseCertificateSync(fromPem(readFileSync(path.join(__dirname, '../__fixtures__/national-pki/china/rsa/cn_cfca-ev-root_rsa.pem'), 'utf8'), 'CERTIFICATE'));
    expect(signaturePolicyFor(brazilian)).toBe(ICP_BRASIL_AD_RB);
    expect(signaturePolicyFor(brazilian, { timestamped: false })).toBe(ICP_BRASIL_AD_RB);
    expect(signaturePolicyFor(brazilian, { timestamped: true })).toBe(ICP_BRASIL_AD_RT);
    expect(signaturePolicyFor(chinese, { timestamped: true })).toBeUndefined();
  });

  it('names a policy only when OID, algorithm and document hash are all AD-RB or AD-RT', () => {
    expect(icpBrasilPolicyName(ICP_BRASIL_AD_RB)).toBe('AD-RB');
    expect(icpBrasilPolicyName(ICP_BRASIL_AD_RT)).toBe('AD-RT');
    expect(icpBrasilPolicyName(undefined)).toBeUndefined();
    expect(icpBrasilPolicyName({ ...ICP_BRASIL_AD_RT, hash: ICP_BRASIL_AD_RB.hash })).toBeUndefined();
    expect(icpBrasilPolicyName({ ...ICP_BRASIL_AD_RB, oid: ICP_BRASIL_AD_RT.oid })).toBeUndefined();
    expect(icpBrasilPolicyName({ ...ICP_BRASIL_AD_RT, hashAlgorithm: 'SHA-384' })).toBeUndefined();
  });
});
