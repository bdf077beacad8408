/**
 * CMS SignedData, detached, CAdES-BES (RFC 5652, RFC 5126): build it around a signing function the
 * caller provides (a token or a CryptoKey, so no private key passes through pki), and verify it.
 *
 * The signed content here is small and arbitrary (in this project: the 32-byte EIP-712 digest of a
 * transaction); the output carries, besides the .p7s, the DER of the signed attributes and the
 * signature value, which the ledger's contract verifies directly.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import {
  contentTypeAttribute,
  decodeSignaturePolicy,
  encodeSignedAttributes,
  messageDigestAttribute,
  signaturePolicyAttribute,
  signingCertificateV2Attribute,
  signingTimeAttribute,
  type SignaturePolicy,
} from './attributes';
import { toDerEcdsaSignature, type EcdsaCurveName } from '../crypto/ecdsaSignature';
import { CMS_OIDS, CURVE_OIDS, HASH_OIDS, KeyOid, SignatureOid, hashNameOf, type CmsHashName as HashName } from '../oids';
import { digest, bytesEqual, toArrayBuffer } from '../bytes';
import { type AlgorithmPolicy, type AlgorithmPolicyFailure, checkHash, checkPublicKey, checkSignature, defaultAlgorithmPolicy } from '../crypto/algorithm-policy';
import { isKeyAlgorithmWithHash, signatureOidForKey, verifySignature } from '../crypto/algorithms';
import { parseDer } from '../der/asn1';
import { copyBytes } from '../bytes';
import { type AlgorithmIdentifier as EngineAlgorithmIdentifier, parseCertificateSync as parseEngineCertificate, readAlgorithmIdentifier } from '../x509/certificate';
import { validationTime } from '../errors';
import { CmsMalformedError, UnsupportedAlgorithmError } from '../errors';

export type { SignaturePolicy } from './attributes';
export { ecdsaDerToRaw, ecdsaRawToDer, toDerEcdsaSignature } from '../crypto/ecdsaSignature';

/** Signs the DER of the signed attributes (SET OF); returns PKCS#1 v1.5 or ECDSA (raw r||s or DER). */
export type CmsSignFunction = (signedAttributesDer: Uint8Array) => Promise<Uint8Array>;

/** What kind of key a certificate holds, as far as CMS signing here is concerned. */
export type SignerKey = { readonly kind: 'rsa' } | { readonly kind: 'ecdsa'; readonly curve: Exclude<EcdsaCurveName, 'SM2'> };

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
  /** The signature value as in the SignerInfo: PKCS#1 v1.5 bytes, or DER ECDSA with low s. */
  readonly signature: Uint8Array;
  /** The signatureAlgorithm OID of the SignerInfo. */
  readonly signatureAlgorithm: string;
  /** SHA-256 of the content (the messageDigest attribute). */
  readonly contentDigest: Uint8Array;
  /**
   * Where the 32 digest bytes of messageDigest start inside `signedAttributes`: a hint for a ledger
   * contract that compares them without a DER parser (it must still check the bytes before it).
   */
  readonly messageDigestOffset: number;
};

const DIGEST: HashName = 'SHA-256';

export function parseCertificate(der: Uint8Array): pkijs.Certificate {
  try {
    return pkijs.Certificate.fromBER(toArrayBuffer(der));
  } catch (cause) {
    throw new CmsMalformedError({ details: 'The certificate is not valid DER X.509.', cause });
  }
}

/** The signer's key type, read from the certificate's SubjectPublicKeyInfo. */
export function signerKeyOf(certificate: pkijs.Certificate): SignerKey {
  const algorithm = certificate.subjectPublicKeyInfo.algorithm;
  if (algorithm.algorithmId === KeyOid.rsaEncryption) return { kind: 'rsa' };
  if (algorithm.algorithmId === KeyOid.ecPublicKey && algorithm.algorithmParams instanceof asn1js.ObjectIdentifier) {
    const curveOid = algorithm.algorithmParams.valueBlock.toString();
    const curve = (Object.keys(CURVE_OIDS) as (keyof typeof CURVE_OIDS)[]).find((name) => CURVE_OIDS[name] === curveOid);
    if (curve) return { kind: 'ecdsa', curve };
    throw new UnsupportedAlgorithmError(`elliptic curve ${curveOid}`);
  }
  throw new UnsupportedAlgorithmError(`public key ${algorithm.algorithmId}`);
}

function signatureAlgorithmFor(key: SignerKey): pkijs.AlgorithmIdentifier {
  return key.kind === 'rsa'
    ? new pkijs.AlgorithmIdentifier({ algorithmId: SignatureOid.sha256WithRsa, algorithmParams: new asn1js.Null() })
    : new pkijs.AlgorithmIdentifier({ algorithmId: SignatureOid.ecdsaWithSha256 });
}

/** Builds a detached CAdES-BES SignedData; the private key stays with `sign`. */
export async function createCmsSignature(parameters: CreateCmsSignatureParameters): Promise<CreateCmsSignatureReturnType> {
  const certificate = parseCertificate(parameters.signerCertificate);
  const key = signerKeyOf(certificate);
  const contentDigest = await digest(DIGEST, parameters.content);
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
  const signature = key.kind === 'ecdsa' ? toDerEcdsaSignature(produced, key.curve) : produced;
  const signatureAlgorithm = signatureAlgorithmFor(key);

  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: HASH_OIDS[DIGEST] }),
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: signed.attributes }),
    signatureAlgorithm,
    signature: new asn1js.OctetString({ valueHex: signature }),
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: HASH_OIDS[DIGEST] })],
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

// ----------------------------------------------------------------------------------- verification

export type VerifyCmsSignatureParameters = {
  /** DER ContentInfo (.p7s). */
  readonly contentInfo: Uint8Array;
  /** The detached content. */
  readonly content: Uint8Array;
  /** The signer's certificate when it is not embedded (DER). */
  readonly signerCertificate?: Uint8Array;
  /** CAdES-BES requires the signing-certificate attribute; plain CMS need not have it. Default true. */
  readonly requireSigningCertificate?: boolean;
  /** When the algorithm policy is applied (default now); not the signer's own signing-time claim. */
  readonly time?: Date;
  /** The same policy path validation uses (default `defaultAlgorithmPolicy`). */
  readonly algorithmPolicy?: AlgorithmPolicy;
};

export type CmsVerificationFailure =
  | 'signer-certificate-not-found'
  | 'content-type-mismatch'
  | 'message-digest-mismatch'
  | 'signing-certificate-missing'
  | 'signing-certificate-mismatch'
  | 'signature-invalid';

export type VerifyCmsSignatureReturnType =
  | {
      readonly valid: true;
      readonly signerCertificate: Uint8Array;
      /** All certificates embedded in the SignedData (DER). */
      readonly certificates: readonly Uint8Array[];
      readonly signingTime: Date | undefined;
      readonly signedAttributes: Uint8Array;
      readonly signature: Uint8Array;
      /** The signature-policy attribute, when present (ICP-Brasil signatures carry one). */
      readonly signaturePolicy: SignaturePolicy | undefined;
    }
  | { readonly valid: false; readonly reason: CmsVerificationFailure }
  /** Refused by the algorithm policy: the path validator's failure codes, for the same cause. */
  | { readonly valid: false; readonly reason: AlgorithmPolicyFailure['code']; readonly message: string };

function findAttribute(signerInfo: pkijs.SignerInfo, type: string): pkijs.Attribute | undefined {
  return signerInfo.signedAttrs?.attributes.find((attribute) => attribute.type === type);
}

function derOf(value: { toSchema(): asn1js.AsnType }): Uint8Array {
  return new Uint8Array(value.toSchema().toBER());
}

function subjectKeyIdentifierOf(certificate: pkijs.Certificate): Uint8Array | undefined {
  const extension = certificate.extensions?.find((candidate) => candidate.extnID === '2.5.29.14');
  if (!extension) return undefined;
  const value = asn1js.fromBER(toArrayBuffer(extension.extnValue.valueBlock.valueHexView)).result;
  return value instanceof asn1js.OctetString ? new Uint8Array(value.valueBlock.valueHexView) : undefined;
}

/** SignerIdentifier: issuerAndSerialNumber, or [0] subjectKeyIdentifier (RFC 5652 5.3). */
function matchesSignerIdentifier(certificate: pkijs.Certificate, signerInfo: pkijs.SignerInfo): boolean {
  const sid = signerInfo.sid as unknown;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return (
      bytesEqual(derOf(sid.issuer), derOf(certificate.issuer)) &&
      bytesEqual(sid.serialNumber.valueBlock.valueHexView, certificate.serialNumber.valueBlock.valueHexView)
    );
  }
  if (sid instanceof asn1js.Constructed || sid instanceof asn1js.Primitive) {
    const keyId =
      sid instanceof asn1js.Constructed
        ? (sid.valueBlock.value[0] as asn1js.OctetString | undefined)?.valueBlock.valueHexView
        : sid.valueBlock.valueHexView;
    const certificateKeyId = subjectKeyIdentifierOf(certificate);
    return keyId !== undefined && certificateKeyId !== undefined && bytesEqual(new Uint8Array(keyId), certificateKeyId);
  }
  return false;
}

/** Compares the ESSCertIDv2 of the signing-certificate-v2 attribute with the signer's certificate. */
async function signingCertificateMatches(attribute: pkijs.Attribute, certificate: pkijs.Certificate, certificateDer: Uint8Array) {
  const value = attribute.values[0];
  if (!(value instanceof asn1js.Sequence)) return false;
  const certs = value.valueBlock.value[0];
  if (!(certs instanceof asn1js.Sequence)) return false;
  const essCertId = certs.valueBlock.value[0];
  if (!(essCertId instanceof asn1js.Sequence)) return false;
  const fields = [...essCertId.valueBlock.value];
  let hashName: HashName | undefined = 'SHA-256';
  if (fields[0] instanceof asn1js.Sequence) {
    const algorithm = new pkijs.AlgorithmIdentifier({ schema: fields.shift()! });
    hashName = hashNameOf(algorithm.algorithmId);
  }
  const certHash = fields.shift();
  if (!hashName || !(certHash instanceof asn1js.OctetString)) return false;
  if (!bytesEqual(certHash.valueBlock.valueHexView, await digest(hashName, certificateDer))) return false;
  const issuerSerial = fields.shift();
  if (issuerSerial === undefined) return true;
  if (!(issuerSerial instanceof asn1js.Sequence)) return false;
  const [generalNames, serial] = issuerSerial.valueBlock.value;
  if (!(generalNames instanceof asn1js.Sequence) || !(serial instanceof asn1js.Integer)) return false;
  if (!bytesEqual(serial.valueBlock.valueHexView, certificate.serialNumber.valueBlock.valueHexView)) return false;
  const issuerDer = derOf(certificate.issuer);
  return generalNames.valueBlock.value.some((name) => {
    const generalName = new pkijs.GeneralName({ schema: name });
    return generalName.type === 4 && bytesEqual(derOf(generalName.value as pkijs.RelativeDistinguishedNames), issuerDer);
  });
}

const NULL_PARAMETERS = Uint8Array.of(0x05, 0x00);

/** The SignerInfo's signature algorithm as the engine's verifier registry names it. */
function signerSignatureAlgorithm(signerInfo: pkijs.SignerInfo, digestHash: HashName): EngineAlgorithmIdentifier {
  const algorithm = readAlgorithmIdentifier(parseDer(derOf(signerInfo.signatureAlgorithm)), 'SignerInfo.signatureAlgorithm');
  if (!isKeyAlgorithmWithHash(algorithm.oid)) return algorithm;
  const oid = signatureOidForKey(algorithm.oid, digestHash) ?? `${algorithm.oid} with ${digestHash}`;
  return { oid, parameters: algorithm.oid === KeyOid.rsaEncryption ? NULL_PARAMETERS : undefined, der: algorithm.der };
}

/** Verifies a detached CMS signature: messageDigest, signing-certificate attribute and signature. */
export async function verifyCmsSignature(parameters: VerifyCmsSignatureParameters): Promise<VerifyCmsSignatureReturnType> {
  const policyTime = validationTime(parameters.time);
  const algorithmPolicy = parameters.algorithmPolicy ?? defaultAlgorithmPolicy;
  let signedData: pkijs.SignedData;
  let signerInfo: pkijs.SignerInfo;
  try {
    const contentInfo = pkijs.ContentInfo.fromBER(toArrayBuffer(parameters.contentInfo));
    if (contentInfo.contentType !== CMS_OIDS.signedData) throw new Error(`content type ${contentInfo.contentType}`);
    signedData = new pkijs.SignedData({ schema: contentInfo.content });
    if (signedData.signerInfos.length !== 1) throw new Error(`${signedData.signerInfos.length} signers`);
    signerInfo = signedData.signerInfos[0]!;
    if (!signerInfo.signedAttrs) throw new Error('no signed attributes');
  } catch (cause) {
    throw new CmsMalformedError({ details: cause instanceof Error ? cause.message : String(cause), cause });
  }
  const embedded = (signedData.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  const candidates = parameters.signerCertificate ? [parseCertificate(parameters.signerCertificate), ...embedded] : embedded;
  const certificate = candidates.find((candidate) => matchesSignerIdentifier(candidate, signerInfo));
  if (!certificate) return { valid: false, reason: 'signer-certificate-not-found' };
  const certificateDer = derOf(certificate);

  const contentType = findAttribute(signerInfo, CMS_OIDS.contentType)?.values[0];
  if (!(contentType instanceof asn1js.ObjectIdentifier) || contentType.valueBlock.toString() !== signedData.encapContentInfo.eContentType) {
    return { valid: false, reason: 'content-type-mismatch' };
  }
  const digestHash = hashNameOf(signerInfo.digestAlgorithm.algorithmId);
  if (!digestHash) throw new UnsupportedAlgorithmError(`digest ${signerInfo.digestAlgorithm.algorithmId}`);
  // The policy that governs certification paths governs this signature: the signer's key, and the
  // digest, which binds the content as a signature hash does.
  const signer = parseEngineCertificate(certificateDer);
  const digestRefused = checkHash(algorithmPolicy, digestHash, policyTime, `digest algorithm ${digestHash}`) ?? checkPublicKey(algorithmPolicy, signer.subjectPublicKeyInfo);
  if (digestRefused) return { valid: false, reason: digestRefused.code, message: digestRefused.message };
  const messageDigest = findAttribute(signerInfo, CMS_OIDS.messageDigest)?.values[0];
  if (
    !(messageDigest instanceof asn1js.OctetString) ||
    !bytesEqual(messageDigest.valueBlock.valueHexView, await digest(digestHash, parameters.content))
  ) {
    return { valid: false, reason: 'message-digest-mismatch' };
  }
  const signingCertificate = findAttribute(signerInfo, CMS_OIDS.signingCertificateV2);
  if (!signingCertificate) {
    if (parameters.requireSigningCertificate ?? true) return { valid: false, reason: 'signing-certificate-missing' };
  } else if (!(await signingCertificateMatches(signingCertificate, certificate, certificateDer))) {
    return { valid: false, reason: 'signing-certificate-mismatch' };
  }

  // The signature covers the signed attributes as received, re-tagged from [0] IMPLICIT to SET (RFC 5652 5.4).
  const signedAttributes = new Uint8Array(signerInfo.signedAttrs!.encodedValue);
  signedAttributes[0] = 0x31;
  const signature = copyBytes(signerInfo.signature.valueBlock.valueHexView);
  // The engine's check, as for a certificate in a path: one algorithm policy, one verifier registry.
  const signatureAlgorithm = signerSignatureAlgorithm(signerInfo, digestHash);
  const problem = await checkSignature(algorithmPolicy, signatureAlgorithm, policyTime, () =>
    verifySignature({ signatureAlgorithm, publicKey: signer.subjectPublicKeyInfo, data: signedAttributes, signature }),
  );
  if (problem?.code === 'badSignature') return { valid: false, reason: 'signature-invalid' };
  if (problem) return { valid: false, reason: problem.code, message: problem.message };

  const time = findAttribute(signerInfo, CMS_OIDS.signingTime)?.values[0];
  const policy = decodeSignaturePolicy(findAttribute(signerInfo, CMS_OIDS.signaturePolicyId)?.values[0]);
  return {
    valid: true,
    signerCertificate: certificateDer,
    certificates: embedded.map(derOf),
    signingTime: time instanceof asn1js.UTCTime || time instanceof asn1js.GeneralizedTime ? time.toDate() : undefined,
    signedAttributes,
    signature,
    signaturePolicy: policy,
  };
}
