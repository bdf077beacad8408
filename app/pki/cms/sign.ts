/**
 * CMS SignedData, detached, CAdES-BES (RFC 5652, RFC 5126): built around a signing function the
 * caller provides (a token, a CryptoKey or a software SM2 key, so no private key passes through
 * here). RSA and ECDSA sign with SHA-256; SM2 with SM3 digests and SM2-with-SM3 (GB/T 35275).
 *
 * The signed content here is small and arbitrary (in this project: the 32-byte EIP-712 digest of a
 * transaction); the output carries, besides the .p7s, the DER of the signed attributes and the
 * signature value, which the ledger's contract verifies directly.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { contentTypeAttribute, encodeSignedAttributes, messageDigestAttribute, signaturePolicyAttribute, signingCertificateV2Attribute, signingTimeAttribute, type SignaturePolicy } from './attributes';
import { cmsDigest, cmsDigestOid, parseCertificate, signerDigest, signerKeyOf, type SignerKey } from './parse';
import { parseDerEcdsaSignature, toDerEcdsaSignature } from '../crypto/ecdsaSignature';
import { CMS_OIDS, SignatureOid } from '../oids';
import { digest, toArrayBuffer } from '../bytes';
import { CmsMalformedError, UnsupportedAlgorithmError } from '../errors';

/** Signs the DER of the signed attributes (SET OF); returns PKCS#1 v1.5, ECDSA (raw r||s or DER) or SM2 (DER, ZA included). */
export type CmsSignFunction = (signedAttributesDer: Uint8Array) => Promise<Uint8Array>;

export type CreateCmsSignatureParameters = {
  /** The signed bytes; detached: not embedded in the output. */
  readonly content: Uint8Array;
  /** The signer's certificate (DER). */
  readonly signerCertificate: Uint8Array;
  /** Other certificates to embed (the signer's CA path), DER. */
  readonly certificates?: readonly Uint8Array[];
  readonly sign: CmsSignFunction;
  /** Defaults to now. */
  readonly signingTime?: Date;
  /** Adds the signature-policy attribute (ICP-Brasil signatures with legal effect carry one). */
  readonly signaturePolicy?: SignaturePolicy;
};

export type CreateCmsSignatureReturnType = {
  /** DER ContentInfo (a .p7s file). */
  readonly contentInfo: Uint8Array;
  /** DER of the signed attributes as signed (SET OF, tag 0x31). */
  readonly signedAttributes: Uint8Array;
  /** The signature value as in the SignerInfo: PKCS#1 v1.5 bytes, DER ECDSA with low s, or DER SM2. */
  readonly signature: Uint8Array;
  /** The signatureAlgorithm OID of the SignerInfo. */
  readonly signatureAlgorithm: string;
  /** SHA-256 of the content (SM3 for an SM2 signer): the messageDigest attribute. */
  readonly contentDigest: Uint8Array;
  /**
   * Where the 32 digest bytes of messageDigest start inside `signedAttributes`: a hint for a ledger
   * contract that compares them without a DER parser (it must still check the bytes before it).
   */
  readonly messageDigestOffset: number;
};

function signatureAlgorithmFor(key: SignerKey): pkijs.AlgorithmIdentifier {
  if (key.kind === 'rsa') return new pkijs.AlgorithmIdentifier({ algorithmId: SignatureOid.sha256WithRsa, algorithmParams: new asn1js.Null() });
  // GB/T 35275 names SM2-with-SM3 (1.2.156.10197.1.501), parameters absent, as the ledger expects.
  return new pkijs.AlgorithmIdentifier({ algorithmId: key.kind === 'sm2' ? SignatureOid.sm2WithSm3 : SignatureOid.ecdsaWithSha256 });
}

/** The signature as the SignerInfo carries it: ECDSA as DER with low s; SM2 as the strict DER it must already be. */
function signatureValueFor(key: SignerKey, produced: Uint8Array): Uint8Array {
  if (key.kind === 'ecdsa') return toDerEcdsaSignature(produced, key.curve);
  if (key.kind === 'sm2') {
    // Low s does not apply to SM2 ((r, n - s) is another, invalid, signature); a raw r||s is refused.
    try {
      parseDerEcdsaSignature(produced, 'SM2');
    } catch (cause) {
      throw new CmsMalformedError({ details: 'the SM2 signer did not return a DER SEQUENCE { r, s }', cause });
    }
  }
  return produced;
}

/** Builds a detached CAdES-BES SignedData; the private key stays with `sign`. */
export async function createCmsSignature(parameters: CreateCmsSignatureParameters): Promise<CreateCmsSignatureReturnType> {
  const certificate = parseCertificate(parameters.signerCertificate);
  const key = signerKeyOf(certificate);
  const digestName = signerDigest(key);
  const contentDigest = await cmsDigest(digestName, parameters.content);
  const messageDigest = messageDigestAttribute(contentDigest);
  const attributes = [
    contentTypeAttribute(CMS_OIDS.data),
    signingTimeAttribute(parameters.signingTime ?? new Date()),
    messageDigest,
    signingCertificateV2Attribute(certificate, await digest('SHA-256', parameters.signerCertificate)),
  ];
  if (parameters.signaturePolicy) attributes.push(signaturePolicyAttribute(parameters.signaturePolicy));
  const signed = encodeSignedAttributes(attributes);
  const messageDigestDer = new Uint8Array(messageDigest.toSchema().toBER());
  const messageDigestOffset = indexOfBytes(signed.der, messageDigestDer) + messageDigestDer.length - contentDigest.length;

  const produced = await parameters.sign(signed.der);
  const signature = signatureValueFor(key, produced);
  const signatureAlgorithm = signatureAlgorithmFor(key);

  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: cmsDigestOid(digestName) }),
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: signed.attributes }),
    signatureAlgorithm,
    signature: new asn1js.OctetString({ valueHex: signature }),
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: cmsDigestOid(digestName) })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: CMS_OIDS.data }),
    certificates: [certificate, ...(parameters.certificates ?? []).map(parseCertificate)],
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: CMS_OIDS.signedData, content: signedData.toSchema(true) });
  return {
    contentInfo: new Uint8Array(contentInfo.toSchema().toBER()),
    signedAttributes: signed.der,
    signature,
    signatureAlgorithm: signatureAlgorithm.algorithmId,
    contentDigest,
    messageDigestOffset,
  };
}

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  throw new CmsMalformedError({ details: 'messageDigest attribute missing from the encoded attributes' });
}

/**
 * A CmsSignFunction over a WebCrypto private key (RSASSA-PKCS1-v1_5 with SHA-256, or ECDSA, which
 * signs with SHA-256 here). The key may be non-extractable: it is only used, never read.
 */
export function cryptoKeySigner(privateKey: CryptoKey): CmsSignFunction {
  const algorithm = privateKey.algorithm as RsaHashedKeyAlgorithm | EcKeyAlgorithm;
  if (algorithm.name === 'RSASSA-PKCS1-v1_5') {
    // A WebCrypto RSA key signs with the hash it was imported for; the SignerInfo says SHA-256.
    const hash = (algorithm as RsaHashedKeyAlgorithm).hash.name;
    if (hash !== 'SHA-256') throw new UnsupportedAlgorithmError(`RSASSA-PKCS1-v1_5 key bound to ${hash} (CMS signing uses SHA-256)`);
  } else if (algorithm.name !== 'ECDSA') {
    throw new UnsupportedAlgorithmError(`${algorithm.name} signing key`);
  }
  const parameters: AlgorithmIdentifier | EcdsaParams = algorithm.name === 'ECDSA' ? { name: 'ECDSA', hash: 'SHA-256' } : algorithm.name;
  return async (data) => new Uint8Array(await globalThis.crypto.subtle.sign(parameters, privateKey, toArrayBuffer(data)));
}
