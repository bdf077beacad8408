/**
 * A read-only, display-oriented view of an X.509 certificate: names, validity, key, fingerprints,
 * usages, policies, where to fetch issuers and CRLs, and the national-profile fields (ICP-Brasil
 * otherNames and policy types; SM2 keys and signatures). It validates nothing.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { digest, toArrayBuffer, toHex } from '../bytes';
import { CertificateParseError } from '../errors';
import { CHINA_OIDS } from '../oids';
import { decodeIcpBrasilOtherNames, icpBrasilPolicyType, otherNameText, type IcpBrasilPolicyType, type IcpBrasilSubjectFields } from '../profiles/icpBrasil';
import { isSm2ExplicitParameters } from '../crypto/sm2';

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
  readonly keyUsage: readonly string[] | undefined;
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

const NAME_SHORT_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'street',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.15': 'businessCategory',
  '2.5.4.17': 'postalCode',
  '2.5.4.42': 'givenName',
  '2.5.4.97': 'organizationIdentifier',
  '1.2.840.113549.1.9.1': 'emailAddress',
  '0.9.2342.19200300.100.1.1': 'UID',
  '0.9.2342.19200300.100.1.25': 'DC',
  '1.3.6.1.4.1.311.60.2.1.3': 'jurisdictionC',
};

const SIGNATURE_NAMES: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'RSASSA-PSS',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
  [CHINA_OIDS.sm2WithSm3]: 'SM2-with-SM3',
  [CHINA_OIDS.rsaWithSm3]: 'RSA-with-SM3',
};

const CURVE_NAMES: Readonly<Record<string, { name: string; size: number }>> = {
  '1.2.840.10045.3.1.7': { name: 'P-256', size: 256 },
  '1.3.132.0.34': { name: 'P-384', size: 384 },
  '1.3.132.0.35': { name: 'P-521', size: 521 },
  '1.3.132.0.10': { name: 'secp256k1', size: 256 },
  '1.3.36.3.3.2.8.1.1.7': { name: 'brainpoolP256r1', size: 256 },
  '1.3.36.3.3.2.8.1.1.11': { name: 'brainpoolP384r1', size: 384 },
  '1.3.36.3.3.2.8.1.1.13': { name: 'brainpoolP512r1', size: 512 },
  [CHINA_OIDS.sm2Curve]: { name: 'SM2', size: 256 },
};

const EKU_NAMES: Readonly<Record<string, string>> = {
  '1.3.6.1.5.5.7.3.1': 'serverAuth',
  '1.3.6.1.5.5.7.3.2': 'clientAuth',
  '1.3.6.1.5.5.7.3.3': 'codeSigning',
  '1.3.6.1.5.5.7.3.4': 'emailProtection',
  '1.3.6.1.5.5.7.3.8': 'timeStamping',
  '1.3.6.1.5.5.7.3.9': 'OCSPSigning',
  '1.3.6.1.4.1.311.20.2.2': 'smartcardLogon',
  '2.5.29.37.0': 'anyExtendedKeyUsage',
};

const KEY_USAGE_NAMES = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;

function stringValue(value: asn1js.AsnType): string {
  const block = (value as { valueBlock?: { value?: unknown } }).valueBlock;
  if (typeof block?.value === 'string') return block.value;
  return `#${toHex(new Uint8Array(value.toBER()))}`;
}

function nameView(name: pkijs.RelativeDistinguishedNames): NameView {
  const attributes = name.typesAndValues.map((attribute) => ({
    oid: attribute.type,
    shortName: NAME_SHORT_NAMES[attribute.type],
    value: stringValue(attribute.value),
  }));
  return {
    attributes,
    text: [...attributes]
      .reverse()
      .map((attribute) => `${attribute.shortName ?? attribute.oid}=${attribute.value}`)
      .join(', '),
    commonName: attributes.find((attribute) => attribute.oid === '2.5.4.3')?.value,
  };
}

function bitLength(bytes: Uint8Array): number {
  let start = 0;
  while (start < bytes.length && bytes[start] === 0) start++;
  if (start === bytes.length) return 0;
  return (bytes.length - start - 1) * 8 + (32 - Math.clz32(bytes[start]!));
}

function publicKeyView(spki: pkijs.PublicKeyInfo): PublicKeyView {
  const algorithmOid = spki.algorithm.algorithmId;
  const parameters = spki.algorithm.algorithmParams as asn1js.AsnType | undefined;
  const base = { algorithmOid, explicitParameters: false, curve: undefined, size: undefined };
  switch (algorithmOid) {
    case '1.2.840.113549.1.1.1':
    case '1.2.840.113549.1.1.10': {
      const key = spki.parsedKey;
      const size = key instanceof pkijs.RSAPublicKey ? bitLength(key.modulus.valueBlock.valueHexView) : undefined;
      return { ...base, algorithm: 'RSA', size };
    }
    case '1.2.840.10045.2.1': {
      if (parameters instanceof asn1js.ObjectIdentifier) {
        const curve = CURVE_NAMES[parameters.valueBlock.toString()];
        return { ...base, algorithm: curve?.name === 'SM2' ? 'SM2' : 'EC', curve: curve?.name ?? parameters.valueBlock.toString(), size: curve?.size };
      }
      if (parameters instanceof asn1js.Sequence) {
        if (isSm2ExplicitParameters(parameters)) return { ...base, algorithm: 'SM2', curve: 'SM2', size: 256, explicitParameters: true };
        const prime = ((parameters.valueBlock.value[1] as asn1js.Sequence | undefined)?.valueBlock.value[1] as asn1js.Integer | undefined)?.valueBlock
          .valueHexView;
        return { ...base, algorithm: 'EC', size: prime ? bitLength(prime) : undefined, explicitParameters: true };
      }
      return { ...base, algorithm: 'EC' };
    }
    case CHINA_OIDS.sm2Curve:
      return { ...base, algorithm: 'SM2', curve: 'SM2', size: 256 };
    case '1.3.101.112':
      return { ...base, algorithm: 'Ed25519', size: 256 };
    case '1.3.101.113':
      return { ...base, algorithm: 'Ed448', size: 456 };
    default:
      return { ...base, algorithm: 'unknown' };
  }
}

function keyUsageNames(extension: pkijs.Extension): string[] {
  const parsed = asn1js.fromBER(toArrayBuffer(extension.extnValue.valueBlock.valueHexView)).result;
  if (!(parsed instanceof asn1js.BitString)) return [];
  const bytes = parsed.valueBlock.valueHexView;
  return KEY_USAGE_NAMES.filter((_, bit) => ((bytes[bit >> 3] ?? 0) & (0x80 >> (bit & 7))) !== 0);
}

function uriOf(name: pkijs.GeneralName): string | undefined {
  return name.type === 6 && typeof name.value === 'string' ? name.value : undefined;
}

type AltNames = CertificateView['subjectAltName'] & { readonly rawOtherNames: { type: string; value: asn1js.AsnType }[] };

function subjectAltNames(extension: pkijs.Extension | undefined): AltNames {
  const result = {
    dnsNames: [] as string[],
    emails: [] as string[],
    uris: [] as string[],
    ipAddresses: [] as string[],
    otherNames: [] as { type: string; text: string | undefined }[],
    rawOtherNames: [] as { type: string; value: asn1js.AsnType }[],
  };
  if (!extension) return result;
  const parsed = asn1js.fromBER(toArrayBuffer(extension.extnValue.valueBlock.valueHexView)).result;
  if (!(parsed instanceof asn1js.Sequence)) return result;
  for (const name of parsed.valueBlock.value) {
    if (name.idBlock.tagClass !== 3) continue;
    const primitive = () => new TextDecoder().decode((name as asn1js.Primitive).valueBlock.valueHexView);
    switch (name.idBlock.tagNumber) {
      case 0: {
        const [typeId, wrapper] = (name as asn1js.Constructed).valueBlock.value;
        const value = (wrapper as asn1js.Constructed | undefined)?.valueBlock.value[0];
        if (!(typeId instanceof asn1js.ObjectIdentifier) || !value) break;
        const type = typeId.valueBlock.toString();
        result.rawOtherNames.push({ type, value });
        result.otherNames.push({ type, text: otherNameText(value) });
        break;
      }
      case 1:
        result.emails.push(primitive());
        break;
      case 2:
        result.dnsNames.push(primitive());
        break;
      case 6:
        result.uris.push(primitive());
        break;
      case 7: {
        const bytes = (name as asn1js.Primitive).valueBlock.valueHexView;
        result.ipAddresses.push(
          bytes.length === 4 ? [...bytes].join('.') : (toHex(bytes).match(/.{4}/g) ?? []).join(':'),
        );
        break;
      }
    }
  }
  return result;
}

/** Builds the display view of a DER certificate. Throws CertificateParseError on bad input. */
export async function certificateView(der: Uint8Array): Promise<CertificateView> {
  let certificate: pkijs.Certificate;
  try {
    certificate = pkijs.Certificate.fromBER(toArrayBuffer(der));
  } catch (cause) {
    throw new CertificateParseError(cause instanceof Error ? cause.message : String(cause), cause);
  }
  const extensions = certificate.extensions ?? [];
  const find = (oid: string) => extensions.find((extension) => extension.extnID === oid);
  const parsedValue = (oid: string): unknown => {
    try {
      return find(oid)?.parsedValue;
    } catch {
      return undefined; // a malformed extension is shown as absent rather than failing the whole view
    }
  };

  const basic = parsedValue('2.5.29.19');
  const eku = parsedValue('2.5.29.37');
  const policies = parsedValue('2.5.29.32');
  const aia = parsedValue('1.3.6.1.5.5.7.1.1');
  const crl = parsedValue('2.5.29.31');
  const keyUsageExtension = find('2.5.29.15');
  const ski = find('2.5.29.14');
  const skiValue = ski ? asn1js.fromBER(toArrayBuffer(ski.extnValue.valueBlock.valueHexView)).result : undefined;
  const aki = parsedValue('2.5.29.35');
  const altNames = subjectAltNames(find('2.5.29.17'));

  const policyList =
    policies instanceof pkijs.CertificatePolicies
      ? policies.certificatePolicies.map((policy) => ({ oid: policy.policyIdentifier, icpBrasilType: icpBrasilPolicyType(policy.policyIdentifier) }))
      : [];
  const icpFields = decodeIcpBrasilOtherNames(altNames.rawOtherNames);
  const policyType = policyList.find((policy) => policy.icpBrasilType)?.icpBrasilType;
  const subject = nameView(certificate.subject);
  const issuer = nameView(certificate.issuer);
  const serial = toHex(certificate.serialNumber.valueBlock.valueHexView).replace(/^(00)+(?=.)/, '');
  const { rawOtherNames: _raw, ...subjectAltName } = altNames;

  return {
    subject,
    issuer,
    selfIssued: subject.text === issuer.text,
    serialNumber: serial,
    notBefore: certificate.notBefore.value,
    notAfter: certificate.notAfter.value,
    publicKey: publicKeyView(certificate.subjectPublicKeyInfo),
    signatureAlgorithm: {
      oid: certificate.signatureAlgorithm.algorithmId,
      name: SIGNATURE_NAMES[certificate.signatureAlgorithm.algorithmId] ?? certificate.signatureAlgorithm.algorithmId,
    },
    fingerprints: { sha256: toHex(await digest('SHA-256', der)), sha1: toHex(await digest('SHA-1', der)) },
    basicConstraints:
      basic instanceof pkijs.BasicConstraints
        ? { ca: basic.cA, pathLength: typeof basic.pathLenConstraint === 'number' ? basic.pathLenConstraint : basic.pathLenConstraint?.valueBlock.valueDec }
        : undefined,
    subjectKeyIdentifier: skiValue instanceof asn1js.OctetString ? toHex(skiValue.valueBlock.valueHexView) : undefined,
    authorityKeyIdentifier:
      aki instanceof pkijs.AuthorityKeyIdentifier && aki.keyIdentifier ? toHex(aki.keyIdentifier.valueBlock.valueHexView) : undefined,
    keyUsage: keyUsageExtension ? keyUsageNames(keyUsageExtension) : undefined,
    extendedKeyUsage: eku instanceof pkijs.ExtKeyUsage ? eku.keyPurposes.map((oid) => ({ oid, name: EKU_NAMES[oid] })) : undefined,
    policies: policyList,
    authorityInfoAccess:
      aia instanceof pkijs.InfoAccess
        ? aia.accessDescriptions.flatMap((description) => {
            const uri = uriOf(description.accessLocation);
            const method =
              description.accessMethod === '1.3.6.1.5.5.7.48.2' ? 'caIssuers' : description.accessMethod === '1.3.6.1.5.5.7.48.1' ? 'ocsp' : description.accessMethod;
            return uri ? [{ method, uri }] : [];
          })
        : [],
    crlDistributionPoints:
      crl instanceof pkijs.CRLDistributionPoints
        ? crl.distributionPoints.flatMap((point) =>
            Array.isArray(point.distributionPoint) ? point.distributionPoint.flatMap((name) => uriOf(name) ?? []) : [],
          )
        : [],
    subjectAltName,
    icpBrasil: Object.keys(icpFields).length > 0 || policyType ? { ...icpFields, policyType } : undefined,
  };
}
