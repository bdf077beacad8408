/**
 * The CAdES-BES signed attributes: contentType, messageDigest, signingTime, signingCertificateV2
 * (RFC 5035) and, when a profile asks, signaturePolicyIdentifier (RFC 5126 5.8.1).
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { CMS_OIDS, HASH_OIDS, hashNameOf, type CmsHashName as HashName } from '../oids';

/** An explicit signature policy (e.g. an ICP-Brasil AD-RB policy): its OID and the hash of its document. */
export type SignaturePolicy = {
  readonly oid: string;
  readonly hashAlgorithm: HashName;
  readonly hash: Uint8Array;
  /** Where the policy document is published (the SPuri qualifier). */
  readonly uri?: string;
};

export function contentTypeAttribute(contentType: string): pkijs.Attribute {
  return new pkijs.Attribute({ type: CMS_OIDS.contentType, values: [new asn1js.ObjectIdentifier({ value: contentType })] });
}

export function messageDigestAttribute(digest: Uint8Array): pkijs.Attribute {
  return new pkijs.Attribute({ type: CMS_OIDS.messageDigest, values: [new asn1js.OctetString({ valueHex: digest })] });
}

/** RFC 5652 11.3: UTCTime for 1950-2049, GeneralizedTime otherwise. Whole seconds. */
export function signingTimeAttribute(time: Date): pkijs.Attribute {
  const seconds = new Date(Math.floor(time.getTime() / 1000) * 1000);
  const year = seconds.getUTCFullYear();
  const value =
    year >= 1950 && year < 2050 ? new asn1js.UTCTime({ valueDate: seconds }) : new asn1js.GeneralizedTime({ valueDate: seconds });
  return new pkijs.Attribute({ type: CMS_OIDS.signingTime, values: [value] });
}

/**
 * SigningCertificateV2 { certs SEQUENCE OF ESSCertIDv2 }. ESSCertIDv2 { hashAlgorithm DEFAULT sha256,
 * certHash, issuerSerial }: with SHA-256 the algorithm is omitted, as DER requires for a DEFAULT.
 */
export function signingCertificateV2Attribute(certificate: pkijs.Certificate, certificateSha256: Uint8Array): pkijs.Attribute {
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({ value: [new pkijs.GeneralName({ type: 4, value: certificate.issuer }).toSchema()] }),
      new asn1js.Integer({ valueHex: certificate.serialNumber.valueBlock.valueHexView }),
    ],
  });
  const essCertIdV2 = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: certificateSha256 }), issuerSerial] });
  const signingCertificateV2 = new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
  return new pkijs.Attribute({ type: CMS_OIDS.signingCertificateV2, values: [signingCertificateV2] });
}

export function signaturePolicyAttribute(policy: SignaturePolicy): pkijs.Attribute {
  const fields: asn1js.AsnType[] = [
    new asn1js.ObjectIdentifier({ value: policy.oid }),
    new asn1js.Sequence({
      value: [
        new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: HASH_OIDS[policy.hashAlgorithm] })] }),
        new asn1js.OctetString({ valueHex: policy.hash }),
      ],
    }),
  ];
  if (policy.uri !== undefined) {
    fields.push(
      new asn1js.Sequence({
        value: [
          new asn1js.Sequence({
            value: [new asn1js.ObjectIdentifier({ value: CMS_OIDS.spUri }), new asn1js.IA5String({ value: policy.uri })],
          }),
        ],
      }),
    );
  }
  return new pkijs.Attribute({ type: CMS_OIDS.signaturePolicyId, values: [new asn1js.Sequence({ value: fields })] });
}

function compareDer(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/**
 * Orders attributes as DER requires for SET OF (by their encodings) and returns them with the
 * DER of the SET OF: the exact bytes that are signed (RFC 5652 5.4) and that the ledger receives.
 */
export function encodeSignedAttributes(attributes: readonly pkijs.Attribute[]): {
  readonly attributes: pkijs.Attribute[];
  readonly der: Uint8Array;
} {
  const encoded = attributes.map((attribute) => ({ attribute, der: new Uint8Array(attribute.toSchema().toBER()) }));
  encoded.sort((a, b) => compareDer(a.der, b.der));
  const der = new Uint8Array(new asn1js.Set({ value: encoded.map((entry) => entry.attribute.toSchema()) }).toBER());
  return { attributes: encoded.map((entry) => entry.attribute), der };
}

/** Reads a signaturePolicyIdentifier attribute value; undefined for signaturePolicyImplied or unknown forms. */
export function decodeSignaturePolicy(value: asn1js.AsnType | undefined): SignaturePolicy | undefined {
  if (!(value instanceof asn1js.Sequence)) return undefined;
  const [oid, hashAndValue, qualifiers] = value.valueBlock.value;
  if (!(oid instanceof asn1js.ObjectIdentifier) || !(hashAndValue instanceof asn1js.Sequence)) return undefined;
  const [algorithm, hash] = hashAndValue.valueBlock.value;
  const algorithmOid = algorithm instanceof asn1js.Sequence ? algorithm.valueBlock.value[0] : undefined;
  const hashAlgorithm = algorithmOid instanceof asn1js.ObjectIdentifier ? hashNameOf(algorithmOid.valueBlock.toString()) : undefined;
  if (!hashAlgorithm || !(hash instanceof asn1js.OctetString)) return undefined;
  let uri: string | undefined;
  if (qualifiers instanceof asn1js.Sequence) {
    for (const qualifier of qualifiers.valueBlock.value) {
      const [qualifierId, qualifierValue] = (qualifier as asn1js.Sequence).valueBlock?.value ?? [];
      if (qualifierId instanceof asn1js.ObjectIdentifier && qualifierId.valueBlock.toString() === CMS_OIDS.spUri && qualifierValue instanceof asn1js.IA5String) {
        uri = qualifierValue.valueBlock.value;
      }
    }
  }
  return { oid: oid.valueBlock.toString(), hashAlgorithm, hash: new Uint8Array(hash.valueBlock.valueHexView), ...(uri !== undefined ? { uri } : {}) };
}
