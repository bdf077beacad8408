/**
 * A read-only, display-oriented view of an X.509 certificate: names, validity, key, fingerprints,
 * usages, policies, where to fetch issuers and CRLs, and the national-profile fields (ICP-Brasil
 * otherNames and policy types; SM2 keys and signatures). It validates nothing, and it reads nothing
 * twice: every field comes from the engine's `Certificate` model (`parseCertificate`).
 */
import * as asn1js from 'asn1js';
import { sha1 } from '@noble/hashes/legacy.js';
import { isUniversal, parseDer, readOid, UniversalTag } from '../der/asn1';
import { toArrayBuffer, toHex } from '../bytes';
import { AccessMethodOid, CHINA_OIDS, KEY_PURPOSE_NAMES, KeyOid, NAME_SHORT_NAMES, NAMED_CURVES, NameOid, Oid, SIGNATURE_NAMES } from '../oids';
import { decodeIcpBrasilOtherNames, icpBrasilPolicyType, otherNameText, type IcpBrasilPolicyType, type IcpBrasilSubjectFields } from '../profiles/icpBrasil';
import { isSm2ExplicitParameters } from '../crypto/sm2';
import { type Certificate, parseCertificate } from './certificate';
import { decodeCrlDistributionPoints, decodeInfoAccess, KEY_USAGES, type KeyUsage } from './extensions';
import { formatIp, type GeneralName } from './general-name';
import { formatName, type Name } from './name';

export type NameAttributeView = {
  readonly oid: string;
  /** RFC 4514 / common short name (CN, O, OU, C, ...) when known. */
  readonly shortName: string | undefined;
  readonly value: string;
};

export type NameView = {
  /** In certificate order (most significant first, usually C first). */
  readonly attributes: readonly NameAttributeView[];
  /** RFC 4514-style string, most specific first: "CN=..., O=..., C=BR". */
  readonly text: string;
  readonly commonName: string | undefined;
};

export type PublicKeyView = {
  readonly algorithm: 'RSA' | 'EC' | 'SM2' | 'Ed25519' | 'Ed448' | 'unknown';
  readonly algorithmOid: string;
  /** RSA modulus bits, or the curve's field size. */
  readonly size: number | undefined;
  /** P-256, P-384, P-521, SM2, brainpoolP512r1, ... */
  readonly curve: string | undefined;
  /** Curve given as explicit parameters rather than a named-curve OID. */
  readonly explicitParameters: boolean;
};

export type CertificateView = {
  readonly subject: NameView;
  readonly issuer: NameView;
  readonly selfIssued: boolean;
  /** Lower-case hex, without leading zero octets. */
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly publicKey: PublicKeyView;
  readonly signatureAlgorithm: { readonly oid: string; readonly name: string };
  /** Lower-case hex of the DER. */
  readonly fingerprints: { readonly sha256: string; readonly sha1: string };
  readonly basicConstraints: { readonly ca: boolean; readonly pathLength: number | undefined } | undefined;
  /** Lower-case hex of the subjectKeyIdentifier and authorityKeyIdentifier keyIdentifier, when present. */
  readonly subjectKeyIdentifier: string | undefined;
  readonly authorityKeyIdentifier: string | undefined;
  /** RFC 5280 names: digitalSignature, nonRepudiation, ... */
  readonly keyUsage: readonly KeyUsage[] | undefined;
  readonly extendedKeyUsage: readonly { readonly oid: string; readonly name: string | undefined }[] | undefined;
  readonly policies: readonly { readonly oid: string; readonly icpBrasilType: IcpBrasilPolicyType | undefined }[];
  readonly authorityInfoAccess: readonly { readonly method: 'caIssuers' | 'ocsp' | string; readonly uri: string }[];
  readonly crlDistributionPoints: readonly string[];
  readonly subjectAltName: {
    readonly dnsNames: readonly string[];
    readonly emails: readonly string[];
    readonly uris: readonly string[];
    readonly ipAddresses: readonly string[];
    readonly otherNames: readonly { readonly type: string; readonly text: string | undefined }[];
  };
  /** ICP-Brasil fields, when the certificate has any (otherNames or an ICP-Brasil policy). */
  readonly icpBrasil: (IcpBrasilSubjectFields & { readonly policyType: IcpBrasilPolicyType | undefined }) | undefined;
};

function nameView(name: Name): NameView {
  const attributes = name.rdns.flat().map((attribute) => ({
    oid: attribute.type,
    shortName: NAME_SHORT_NAMES[attribute.type],
    value: attribute.text ?? `#${toHex(attribute.valueDer)}`,
  }));
  return { attributes, text: formatName(name), commonName: attributes.find((attribute) => attribute.oid === NameOid.commonName)?.value };
}

function bitLength(bytes: Uint8Array): number {
  let start = 0;
  while (start < bytes.length && bytes[start] === 0) start++;
  if (start === bytes.length) return 0;
  return (bytes.length - start - 1) * 8 + (32 - Math.clz32(bytes[start]!));
}

/** `read` on a structure the engine did not need to check (key contents, explicit curves); undefined when it does not read. */
function tryRead<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

function publicKeyView(certificate: Certificate): PublicKeyView {
  const { algorithm, publicKey } = certificate.subjectPublicKeyInfo;
  const base = { algorithmOid: algorithm.oid, explicitParameters: false, curve: undefined, size: undefined };
  switch (algorithm.oid) {
    case KeyOid.rsaEncryption:
    case KeyOid.rsassaPss: {
      // RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
      const modulus = tryRead(() => parseDer(publicKey).children[0]?.content);
      return { ...base, algorithm: 'RSA', size: modulus ? bitLength(modulus) : undefined };
    }
    case KeyOid.ecPublicKey: {
      const parameters = algorithm.parameters && tryRead(() => parseDer(algorithm.parameters as Uint8Array));
      if (parameters && isUniversal(parameters, UniversalTag.ObjectIdentifier)) {
        const oid = tryRead(() => readOid(parameters));
        const curve = oid ? NAMED_CURVES[oid] : undefined;
        return { ...base, algorithm: curve?.name === 'SM2' ? 'SM2' : 'EC', curve: curve?.name ?? oid, size: curve?.size };
      }
      if (parameters && isUniversal(parameters, UniversalTag.Sequence)) {
        // The SM2 check is written over asn1js (crypto/sm2.ts); only explicit curves, which are rare, take this path.
        if (isSm2ExplicitParameters(asn1js.fromBER(toArrayBuffer(parameters.der)).result)) {
          return { ...base, algorithm: 'SM2', curve: 'SM2', size: 256, explicitParameters: true };
        }
        // ECParameters ::= SEQUENCE { version, fieldID SEQUENCE { fieldType, prime-p }, ... }
        const prime = parameters.children[1]?.children[1]?.content;
        return { ...base, algorithm: 'EC', size: prime ? bitLength(prime) : undefined, explicitParameters: true };
      }
      return { ...base, algorithm: 'EC' };
    }
    case CHINA_OIDS.sm2Curve:
      return { ...base, algorithm: 'SM2', curve: 'SM2', size: 256 };
    case KeyOid.ed25519:
      return { ...base, algorithm: 'Ed25519', size: 256 };
    case KeyOid.ed448:
      return { ...base, algorithm: 'Ed448', size: 456 };
    default:
      return { ...base, algorithm: 'unknown' };
  }
}

const ACCESS_METHODS: Readonly<Record<string, 'caIssuers' | 'ocsp'>> = { [AccessMethodOid.caIssuers]: 'caIssuers', [AccessMethodOid.ocsp]: 'ocsp' };

/** The value of an extension the model keeps only as bytes, decoded by the engine's decoder; absent when it does not decode. */
function extensionValue<T>(certificate: Certificate, oid: string, decode: (value: Uint8Array) => T): T | undefined {
  const extension = certificate.extensions.find((e) => e.oid === oid);
  return extension && tryRead(() => decode(extension.value));
}

const uriOf = (name: GeneralName): string | undefined => (name.type === 'uri' ? name.value : undefined);

/** An otherName's value ([0] EXPLICIT inside the otherName) as asn1js, the form the ICP-Brasil profile reads. */
function otherNameValue(der: Uint8Array): asn1js.AsnType | undefined {
  const value = tryRead(() => parseDer(der).children[1]?.children[0]);
  return value && asn1js.fromBER(toArrayBuffer(value.der)).result;
}

function subjectAltNameView(names: readonly GeneralName[]) {
  const of = <K extends GeneralName['type']>(type: K) => names.filter((name): name is Extract<GeneralName, { type: K }> => name.type === type);
  const otherNames = of('otherName').flatMap((name) => {
    const value = otherNameValue(name.der);
    return value ? [{ type: name.oid, value }] : [];
  });
  return {
    view: {
      dnsNames: of('dns').map((name) => name.value),
      emails: of('email').map((name) => name.value),
      uris: of('uri').map((name) => name.value),
      ipAddresses: of('ip').map((name) => formatIp(name.bytes)),
      otherNames: otherNames.map(({ type, value }) => ({ type, text: otherNameText(value) })),
    },
    otherNames,
  };
}

/** Builds the display view of a certificate (DER, or the model already parsed). Throws CertificateParseError on bad input. */
export async function certificateView(input: Uint8Array | Certificate): Promise<CertificateView> {
  const certificate = input instanceof Uint8Array ? await parseCertificate(input) : input;
  const policies = (certificate.certificatePolicies ?? []).map(({ policyIdentifier: oid }) => ({ oid, icpBrasilType: icpBrasilPolicyType(oid) }));
  const altNames = subjectAltNameView(certificate.subjectAltName ?? []);
  const icpFields = decodeIcpBrasilOtherNames(altNames.otherNames);
  const policyType = policies.find((policy) => policy.icpBrasilType)?.icpBrasilType;
  const { basicConstraints, keyUsage, signatureAlgorithm } = certificate;
  return {
    subject: nameView(certificate.subject),
    issuer: nameView(certificate.issuer),
    selfIssued: certificate.selfIssued,
    serialNumber: certificate.serialNumberHex.replace(/^(00)+(?=.)/, ''),
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
    publicKey: publicKeyView(certificate),
    signatureAlgorithm: { oid: signatureAlgorithm.oid, name: SIGNATURE_NAMES[signatureAlgorithm.oid] ?? signatureAlgorithm.oid },
    fingerprints: { sha256: certificate.fingerprintSha256, sha1: toHex(sha1(certificate.der)) },
    basicConstraints: basicConstraints && { ca: basicConstraints.ca, pathLength: basicConstraints.pathLenConstraint },
    subjectKeyIdentifier: certificate.subjectKeyIdentifier && toHex(certificate.subjectKeyIdentifier),
    authorityKeyIdentifier: certificate.authorityKeyIdentifier?.keyIdentifier && toHex(certificate.authorityKeyIdentifier.keyIdentifier),
    keyUsage: keyUsage && KEY_USAGES.filter((usage) => keyUsage.has(usage)),
    extendedKeyUsage: certificate.extendedKeyUsage?.map((oid) => ({ oid, name: KEY_PURPOSE_NAMES[oid] })),
    policies,
    authorityInfoAccess: (extensionValue(certificate, Oid.authorityInfoAccess, decodeInfoAccess) ?? []).flatMap(({ method, location }) => {
      const uri = uriOf(location);
      return uri ? [{ method: ACCESS_METHODS[method] ?? method, uri }] : [];
    }),
    crlDistributionPoints: (extensionValue(certificate, Oid.crlDistributionPoints, decodeCrlDistributionPoints) ?? []).flatMap(
      (point) => point.fullName?.flatMap((name) => uriOf(name) ?? []) ?? [],
    ),
    subjectAltName: altNames.view,
    icpBrasil: Object.keys(icpFields).length > 0 || policyType ? { ...icpFields, policyType } : undefined,
  };
}
