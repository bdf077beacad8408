/**
 * Verification of a detached CMS SignedData / CAdES-BES: messageDigest, the signing-certificate
 * attribute and the signature, through the engine's algorithm policy and verifier registry. Accepts
 * SM2 signatures as GB/T 35275 / GM/T 0010 write them: SM3 by its Chinese or ISO/IEC 10118-3 OID,
 * SM2-with-SM3 (1.2.156.10197.1.501) or sm2sign (1.2.156.10197.1.301.1), and the GM/T 0010 content types.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { decodeSignaturePolicy, type SignaturePolicy } from './attributes';
import { cmsDigest, cmsDigestNameOf, parseCertificate, type CmsDigestName } from './parse';
import { CHINA_OIDS, CMS_OIDS, KeyOid, SignatureOid, hashNameOf, type CmsHashName as HashName } from '../oids';
import { digest, bytesEqual, copyBytes, toArrayBuffer, utf8 } from '../bytes';
import { type AlgorithmPolicy, type AlgorithmPolicyFailure, checkHash, checkPublicKey, checkSignature, defaultAlgorithmPolicy } from '../crypto/algorithm-policy';
import { isKeyAlgorithmWithHash, signatureOidForKey, verifySignature, type VerifySignatureReturnType } from '../crypto/algorithms';
import { isSm2PublicKey, verifySm2Signature } from '../crypto/sm2';
import { parseDer } from '../der/asn1';
import { type AlgorithmIdentifier as EngineAlgorithmIdentifier, parseCertificateSync as parseEngineCertificate, readAlgorithmIdentifier } from '../x509/certificate';
import { CmsMalformedError, PkiLimitError, UnsupportedAlgorithmError, validationTime } from '../errors';
import { CMS_MAX_CERTIFICATES, CMS_MAX_SIGNERS } from '../limits';

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
  /**
   * The SM2 signer's ID for ZA when it is not the default "1234567812345678". No standard X.509
   * extension carries it (GM/T 0015 defines none), so it comes from outside the certificate.
   */
  readonly sm2Id?: string | Uint8Array;
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
      /** The RFC 3161 tokens of the unsigned id-aa-signatureTimeStampToken attribute (not checked here: see verifyTimestampToken). */
      readonly signatureTimestamps: readonly Uint8Array[];
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

/**
 * The SignerInfo's signature algorithm as the engine's verifier registry names it. A SignerInfo may
 * name it by the key (RFC 5652: rsaEncryption; GM/T 0010 writers: the SM2 key OID, or
 * id-ecPublicKey for an SM2 key), which with the digest gives the signature algorithm.
 */
function signerSignatureAlgorithm(signerInfo: pkijs.SignerInfo, digestHash: CmsDigestName, sm2Signer: boolean): EngineAlgorithmIdentifier {
  const algorithm = readAlgorithmIdentifier(parseDer(derOf(signerInfo.signatureAlgorithm)), 'SignerInfo.signatureAlgorithm');
  if (sm2Signer && digestHash === 'SM3' && (algorithm.oid === CHINA_OIDS.sm2Curve || algorithm.oid === KeyOid.ecPublicKey)) {
    return { oid: SignatureOid.sm2WithSm3, parameters: undefined, der: algorithm.der };
  }
  if (!isKeyAlgorithmWithHash(algorithm.oid)) return algorithm;
  const oid = signatureOidForKey(algorithm.oid, digestHash) ?? `${algorithm.oid} with ${digestHash}`;
  return { oid, parameters: algorithm.oid === KeyOid.rsaEncryption ? NULL_PARAMETERS : undefined, der: algorithm.der };
}

/** The SM2 algorithms the registry's verifier handles (with the default ID); a given ID goes to verifySm2Signature directly. */
const SM2_SIGNATURE_OIDS: readonly string[] = [SignatureOid.sm2WithSm3, CHINA_OIDS.sm2Sign];

/**
 * Refuses a SignedData with more certificates or signers than any real signature, counted on the parsed
 * ASN.1 before pkijs builds (and the engine re-parses) each one: SignedData ::= SEQUENCE { version,
 * digestAlgorithms, encapContentInfo, [0] certificates OPTIONAL, [1] crls OPTIONAL, signerInfos SET }.
 */
function countSignedDataParts(content: unknown): void {
  if (!(content instanceof asn1js.Sequence)) return; // pkijs reports the malformed structure
  const fields = content.valueBlock.value;
  const certificates = fields.find((field) => field.idBlock.tagClass === 3 && field.idBlock.tagNumber === 0);
  const certificateCount = certificates instanceof asn1js.Constructed ? certificates.valueBlock.value.length : 0;
  if (certificateCount > CMS_MAX_CERTIFICATES) throw new PkiLimitError('cms-certificates', CMS_MAX_CERTIFICATES, { details: `${certificateCount} certificates` });
  const signerInfos = fields.at(-1);
  const signerCount = signerInfos instanceof asn1js.Set ? signerInfos.valueBlock.value.length : 0;
  if (signerCount > CMS_MAX_SIGNERS) throw new PkiLimitError('cms-signers', CMS_MAX_SIGNERS, { details: `${signerCount} signers` });
}

/** Verifies a detached CMS signature: messageDigest, signing-certificate attribute and signature. */
export async function verifyCmsSignature(parameters: VerifyCmsSignatureParameters): Promise<VerifyCmsSignatureReturnType> {
  const policyTime = validationTime(parameters.time);
  const algorithmPolicy = parameters.algorithmPolicy ?? defaultAlgorithmPolicy;
  let signedData: pkijs.SignedData;
  let signerInfo: pkijs.SignerInfo;
  try {
    const parsed = asn1js.fromBER(toArrayBuffer(parameters.contentInfo));
    if (parsed.offset === -1) throw new Error(parsed.result.error);
    const explicit = parsed.result instanceof asn1js.Sequence ? parsed.result.valueBlock.value[1] : undefined;
    countSignedDataParts(explicit instanceof asn1js.Constructed ? explicit.valueBlock.value[0] : undefined);
    const contentInfo = new pkijs.ContentInfo({ schema: parsed.result });
    // GM/T 0010 writers label SignedData and data with their own OIDs (1.2.156.10197.6.1.4.2.x).
    if (contentInfo.contentType !== CMS_OIDS.signedData && contentInfo.contentType !== CHINA_OIDS.gmSignedData) throw new Error(`content type ${contentInfo.contentType}`);
    signedData = new pkijs.SignedData({ schema: contentInfo.content });
    if (signedData.signerInfos.length !== 1) throw new Error(`${signedData.signerInfos.length} signers`);
    signerInfo = signedData.signerInfos[0]!;
    if (!signerInfo.signedAttrs) throw new Error('no signed attributes');
  } catch (cause) {
    if (cause instanceof PkiLimitError) throw cause;
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
  const digestHash = cmsDigestNameOf(signerInfo.digestAlgorithm.algorithmId);
  if (!digestHash) throw new UnsupportedAlgorithmError(`digest ${signerInfo.digestAlgorithm.algorithmId}`);
  // The policy that governs certification paths governs this signature: the signer's key, and the
  // digest, which binds the content as a signature hash does.
  const signer = parseEngineCertificate(certificateDer);
  const digestRefused = checkHash(algorithmPolicy, digestHash, policyTime, `digest algorithm ${digestHash}`) ?? checkPublicKey(algorithmPolicy, signer.subjectPublicKeyInfo);
  if (digestRefused) return { valid: false, reason: digestRefused.code, message: digestRefused.message };
  const messageDigest = findAttribute(signerInfo, CMS_OIDS.messageDigest)?.values[0];
  if (
    !(messageDigest instanceof asn1js.OctetString) ||
    !bytesEqual(messageDigest.valueBlock.valueHexView, await cmsDigest(digestHash, parameters.content))
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
  const sm2Signer = isSm2PublicKey(signer.subjectPublicKeyInfo.der);
  const signatureAlgorithm = signerSignatureAlgorithm(signerInfo, digestHash, sm2Signer);
  const sm2Id = parameters.sm2Id;
  const verify =
    sm2Id !== undefined && sm2Signer && SM2_SIGNATURE_OIDS.includes(signatureAlgorithm.oid)
      ? async (): Promise<VerifySignatureReturnType> =>
          verifySm2Signature({ publicKey: signer.subjectPublicKeyInfo.der, message: signedAttributes, signature, id: typeof sm2Id === 'string' ? utf8(sm2Id) : sm2Id })
            ? { status: 'valid' }
            : { status: 'invalid', reason: 'the SM2 signature does not match (with the given signer ID)' }
      : () => verifySignature({ signatureAlgorithm, publicKey: signer.subjectPublicKeyInfo, data: signedAttributes, signature });
  const problem = await checkSignature(algorithmPolicy, signatureAlgorithm, policyTime, verify);
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
    signatureTimestamps: signatureTimestampsOf(signerInfo),
  };
}

/** The signature timestamp tokens of a SignerInfo's unsigned attributes (DER ContentInfo each). */
function signatureTimestampsOf(signerInfo: pkijs.SignerInfo): Uint8Array[] {
  const attribute = signerInfo.unsignedAttrs?.attributes.find((a) => a.type === CMS_OIDS.signatureTimeStampToken);
  return (attribute?.values ?? []).map((value: asn1js.AsnType) => new Uint8Array(value.toBER()));
}
