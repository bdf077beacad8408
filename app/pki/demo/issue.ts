/**
 * Issues X.509 certificates for demo and test PKIs with WebCrypto keys and pkijs.
 * Not for production CAs: keys are extractable so the demo can write holders' PKCS#12 files.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { digest, fromHex, toArrayBuffer } from '../bytes';
import { CHINA_OIDS } from '../oids';
import { signSm2, type Sm2DemoKeyPair } from './sm2Signer';

export type DemoKeyType = 'rsa-2048' | 'rsa-4096' | 'p-256' | 'sm2';

/** A WebCrypto private key, or an SM2 demo key pair (WebCrypto has no SM2). */
export type DemoSigningKey = CryptoKey | Sm2DemoKeyPair;
export type DemoHash = 'SHA-256' | 'SHA-384' | 'SHA-512';

export { generateSm2DemoKeyPair, sm2DemoPkcs8, sm2SubjectPublicKeyInfo, type Sm2DemoKeyPair } from './sm2Signer';

/**
 * An RSA key's WebCrypto algorithm fixes the hash it signs with, so a CA that signs with SHA-512
 * needs a key generated for SHA-512.
 */
export async function generateDemoKeyPair(type: Exclude<DemoKeyType, 'sm2'>, hash: DemoHash = 'SHA-256'): Promise<CryptoKeyPair> {
  const algorithm: RsaHashedKeyGenParams | EcKeyGenParams =
    type === 'p-256'
      ? { name: 'ECDSA', namedCurve: 'P-256' }
      : {
          name: 'RSASSA-PKCS1-v1_5',
          modulusLength: type === 'rsa-4096' ? 4096 : 2048,
          publicExponent: new Uint8Array([1, 0, 1]),
          hash,
        };
  return globalThis.crypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
}

/** RFC 5280 key usage bits. */
export const KEY_USAGE = {
  digitalSignature: 1 << 0,
  nonRepudiation: 1 << 1,
  keyEncipherment: 1 << 2,
  dataEncipherment: 1 << 3,
  keyAgreement: 1 << 4,
  keyCertSign: 1 << 5,
  cRLSign: 1 << 6,
} as const;

/** Short names of the name attributes demo certificates use. */
const NAME_OIDS = {
  C: '2.5.4.6',
  ST: '2.5.4.8',
  L: '2.5.4.7',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  CN: '2.5.4.3',
  serialNumber: '2.5.4.5',
} as const;

/** A distinguished name, most significant attribute first: [['C', 'BR'], ['O', 'ICP-Brasil'], ['CN', '...']]. */
export type DemoName = readonly (readonly [keyof typeof NAME_OIDS, string])[];

/** One attribute per RDN (pkijs would put them all in one multi-valued RDN). */
export function encodeName(name: DemoName): pkijs.RelativeDistinguishedNames {
  const sequence = new asn1js.Sequence({
    value: name.map(
      ([key, value]) =>
        new asn1js.Set({
          value: [
            new pkijs.AttributeTypeAndValue({
              type: NAME_OIDS[key],
              value: key === 'C' || key === 'serialNumber' ? new asn1js.PrintableString({ value }) : new asn1js.Utf8String({ value }),
            }).toSchema(),
          ],
        }),
    ),
  });
  // Parsed back so pkijs keeps these exact bytes when it re-encodes the certificate.
  return pkijs.RelativeDistinguishedNames.fromBER(sequence.toBER());
}

/** An otherName of subjectAltName, e.g. ICP-Brasil 2.16.76.1.3.1 (value encoded as given). */
export type DemoOtherName = { readonly type: string; readonly value: asn1js.AsnType };

export type DemoSubjectAltName = { readonly otherNames?: readonly DemoOtherName[]; readonly email?: string };

export type IssuerKey = {
  readonly certificate: pkijs.Certificate;
  readonly privateKey: DemoSigningKey;
};

export type IssueCertificateParameters = {
  readonly subject: DemoName;
  /** A WebCrypto public key, or SubjectPublicKeyInfo DER (SM2 keys). */
  readonly publicKey: CryptoKey | Uint8Array;
  /** Omitted: self-signed with `selfSigningKey`. */
  readonly issuer?: IssuerKey;
  readonly selfSigningKey?: DemoSigningKey;
  /** Hexadecimal, positive. */
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** CA certificates get basicConstraints cA=true with this path length (undefined: no limit). */
  readonly ca?: { readonly pathLength?: number };
  /** OR of KEY_USAGE bits. */
  readonly keyUsage: number;
  readonly hash: DemoHash;
  readonly extendedKeyUsage?: readonly string[];
  readonly policies?: readonly string[];
  readonly subjectAltName?: DemoSubjectAltName;
  readonly crlDistributionPoint?: string;
  readonly caIssuersUrl?: string;
};

function keyUsageBitString(flags: number): asn1js.BitString {
  let highest = 0;
  for (let bit = 0; bit < 9; bit++) if (flags & (1 << bit)) highest = bit;
  const length = highest < 8 ? 1 : 2;
  const bytes = new Uint8Array(length);
  for (let bit = 0; bit <= highest; bit++) if (flags & (1 << bit)) bytes[bit >> 3]! |= 0x80 >> (bit & 7);
  return new asn1js.BitString({ valueHex: bytes, unusedBits: length * 8 - 1 - highest });
}

function extension(extnID: string, critical: boolean, value: { toSchema(): asn1js.AsnType } | asn1js.AsnType): pkijs.Extension {
  const schema = 'toSchema' in value && typeof value.toSchema === 'function' ? value.toSchema() : (value as asn1js.AsnType);
  return new pkijs.Extension({ extnID, critical, extnValue: schema.toBER(false) });
}

function subjectAltNameSchema(altName: DemoSubjectAltName): asn1js.Sequence {
  const names: asn1js.AsnType[] = (altName.otherNames ?? []).map(
    (otherName) =>
      new asn1js.Constructed({
        idBlock: { tagClass: 3, tagNumber: 0 },
        value: [
          new asn1js.ObjectIdentifier({ value: otherName.type }),
          new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [otherName.value] }),
        ],
      }),
  );
  if (altName.email) {
    names.push(new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 1 }, valueHex: new TextEncoder().encode(altName.email) }));
  }
  return new asn1js.Sequence({ value: names });
}

function uriGeneralName(uri: string): pkijs.GeneralName {
  return new pkijs.GeneralName({ type: 6, value: uri });
}

/** SHA-1 of the subjectPublicKey BIT STRING contents (RFC 5280 4.2.1.2, method 1). */
async function keyIdentifier(spki: pkijs.PublicKeyInfo): Promise<Uint8Array> {
  return digest('SHA-1', spki.subjectPublicKey.valueBlock.valueHexView);
}

/**
 * The serial's hex as a DER INTEGER body: positive (a 00 octet before a high bit) and minimal (no
 * superfluous leading 00), since the engine refuses any other encoding.
 */
function positiveMinimal(bytes: Uint8Array): Uint8Array {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const trimmed = bytes.subarray(start);
  return (trimmed[0] ?? 0) & 0x80 ? Uint8Array.of(0, ...trimmed) : trimmed.length > 0 ? trimmed : Uint8Array.of(0);
}

export async function issueCertificate(parameters: IssueCertificateParameters): Promise<pkijs.Certificate> {
  const signingKey = parameters.issuer?.privateKey ?? parameters.selfSigningKey;
  if (!signingKey) throw new TypeError('issueCertificate needs an issuer or a self-signing key');
  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  certificate.serialNumber = new asn1js.Integer({ valueHex: toArrayBuffer(positiveMinimal(fromHex(parameters.serialNumber))) });
  certificate.subject = encodeName(parameters.subject);
  certificate.issuer = parameters.issuer ? parameters.issuer.certificate.subject : encodeName(parameters.subject);
  certificate.notBefore = new pkijs.Time({ type: 0, value: parameters.notBefore });
  certificate.notAfter = new pkijs.Time({ type: parameters.notAfter.getUTCFullYear() >= 2050 ? 1 : 0, value: parameters.notAfter });
  if (parameters.publicKey instanceof Uint8Array) {
    certificate.subjectPublicKeyInfo = pkijs.PublicKeyInfo.fromBER(toArrayBuffer(parameters.publicKey));
  } else {
    await certificate.subjectPublicKeyInfo.importKey(parameters.publicKey);
  }

  const subjectKeyId = await keyIdentifier(certificate.subjectPublicKeyInfo);
  const authorityKeyId = parameters.issuer
    ? await keyIdentifier(parameters.issuer.certificate.subjectPublicKeyInfo)
    : subjectKeyId;
  const extensions: pkijs.Extension[] = [
    extension(
      '2.5.29.19',
      true,
      new pkijs.BasicConstraints(
        parameters.ca ? { cA: true, ...(parameters.ca.pathLength !== undefined ? { pathLenConstraint: parameters.ca.pathLength } : {}) } : {},
      ),
    ),
    extension('2.5.29.15', true, keyUsageBitString(parameters.keyUsage)),
    extension('2.5.29.14', false, new asn1js.OctetString({ valueHex: subjectKeyId })),
    extension('2.5.29.35', false, new pkijs.AuthorityKeyIdentifier({ keyIdentifier: new asn1js.OctetString({ valueHex: authorityKeyId }) })),
  ];
  if (parameters.extendedKeyUsage?.length) {
    extensions.push(extension('2.5.29.37', false, new pkijs.ExtKeyUsage({ keyPurposes: [...parameters.extendedKeyUsage] })));
  }
  if (parameters.policies?.length) {
    extensions.push(
      extension(
        '2.5.29.32',
        false,
        new pkijs.CertificatePolicies({
          certificatePolicies: parameters.policies.map((policyIdentifier) => new pkijs.PolicyInformation({ policyIdentifier })),
        }),
      ),
    );
  }
  if (parameters.subjectAltName) extensions.push(extension('2.5.29.17', false, subjectAltNameSchema(parameters.subjectAltName)));
  if (parameters.crlDistributionPoint) {
    extensions.push(
      extension(
        '2.5.29.31',
        false,
        new pkijs.CRLDistributionPoints({
          distributionPoints: [new pkijs.DistributionPoint({ distributionPoint: [uriGeneralName(parameters.crlDistributionPoint)] })],
        }),
      ),
    );
  }
  if (parameters.caIssuersUrl) {
    extensions.push(
      extension(
        '1.3.6.1.5.5.7.1.1',
        false,
        new pkijs.InfoAccess({
          accessDescriptions: [
            new pkijs.AccessDescription({ accessMethod: '1.3.6.1.5.5.7.48.2', accessLocation: uriGeneralName(parameters.caIssuersUrl) }),
          ],
        }),
      ),
    );
  }
  certificate.extensions = extensions;
  if (signingKey instanceof CryptoKey) {
    await certificate.sign(signingKey, parameters.hash);
  } else {
    // SM2-with-SM3 (the hash parameter does not apply): what pkijs's sign() does, with our SM2 signer.
    const algorithm = new pkijs.AlgorithmIdentifier({ algorithmId: CHINA_OIDS.sm2WithSm3 });
    certificate.signature = algorithm;
    certificate.signatureAlgorithm = algorithm;
    certificate.tbsView = new Uint8Array(certificate.encodeTBS().toBER());
    certificate.signatureValue = new asn1js.BitString({ valueHex: toArrayBuffer(signSm2(signingKey, certificate.tbsView)) });
  }
  return certificate;
}

/** The DER of a certificate built or parsed by pkijs. */
export function certificateDer(certificate: pkijs.Certificate): Uint8Array {
  return new Uint8Array(certificate.toSchema().toBER(false));
}
