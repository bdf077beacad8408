import { signatureOidForKey } from '../crypto/algorithms';
import { isSm2PublicKey } from '../crypto/sm2';
import { der } from '../der/writer';
import { CHINA_OIDS, CMS_OIDS, HASH_OIDS, KeyOid, SignatureOid } from '../oids';
import { parseCertificate } from '../x509/certificate';
import { UnsupportedAlgorithmError } from '../errors';

// Rebuilds a party's detached CAdES-BES .p7s from what the ledger recorded (signed attributes,
// signature, certificate), so the evidence opens in any CMS tool. Plain DER assembly: the signed
// attributes and the signature are used byte for byte as signed.

export type BuildP7sParameters = {
  /** DER of the signed attributes as signed (SET OF, tag 0x31). */
  readonly signedAttributes: Uint8Array;
  readonly signature: Uint8Array;
  readonly certificate: Uint8Array;
  /** Other certificates to embed (the path), DER. */
  readonly certificates?: readonly Uint8Array[];
  /** An RFC 3161 token over the signature value, added as the unsigned attribute id-aa-signatureTimeStampToken (AD-RT). */
  readonly signatureTimestamp?: Uint8Array;
};

/** DER ContentInfo of a detached SignedData with one SignerInfo (SHA-256 with RSA PKCS#1 v1.5 or ECDSA; SM3 with SM2). */
export async function buildP7s(parameters: BuildP7sParameters): Promise<Uint8Array> {
  const certificate = await parseCertificate(parameters.certificate);
  const keyOid = certificate.subjectPublicKeyInfo.algorithm.oid;
  const sm2Signer = isSm2PublicKey(certificate.subjectPublicKeyInfo.der);
  const signatureOid = sm2Signer ? SignatureOid.sm2WithSm3 : signatureOidForKey(keyOid, 'SHA-256');
  if (signatureOid === undefined) throw new UnsupportedAlgorithmError(`${keyOid} key (a recorded party signs with RSA, ECDSA or SM2)`);
  const signatureAlgorithm = keyOid === KeyOid.rsaEncryption ? der.seq(der.oid(signatureOid), der.null()) : der.seq(der.oid(signatureOid));
  // GB/T 35275: SM3 with parameters absent; SHA-256 as the other parties' .p7s have always carried it.
  const sha256 = sm2Signer ? der.seq(der.oid(CHINA_OIDS.sm3)) : der.seq(der.oid(HASH_OIDS['SHA-256']), der.null());
  // In the SignerInfo the attributes are [0] IMPLICIT; they were signed with the SET tag.
  const signedAttrs = parameters.signedAttributes.slice();
  signedAttrs[0] = 0xa0;
  const signerInfo = der.seq(
    der.int(1),
    der.seq(certificate.issuer.der, der.int(certificate.serialNumber)),
    sha256,
    signedAttrs,
    signatureAlgorithm,
    der.octet(parameters.signature),
    // unsignedAttrs [1] IMPLICIT SET OF Attribute: outside the signature, so adding it changes nothing the ledger checks.
    ...(parameters.signatureTimestamp ? [der.tlv(0xa1, der.seq(der.oid(CMS_OIDS.signatureTimeStampToken), der.set(parameters.signatureTimestamp)))] : []),
  );
  const signedData = der.seq(der.int(1), der.set(sha256), der.seq(der.oid(CMS_OIDS.data)), der.tlv(0xa0, parameters.certificate, ...(parameters.certificates ?? [])), der.set(signerInfo));
  return der.seq(der.oid(CMS_OIDS.signedData), der.explicit(0, signedData));
}
