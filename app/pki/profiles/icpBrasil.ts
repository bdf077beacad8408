/**
 * ICP-Brasil profile facts (DOC-ICP-04): subjectAltName otherName fields and certificate-policy
 * types. Field layouts are fixed-width digit strings; absent numbers are filled with zeros.
 */
import * as asn1js from 'asn1js';
import { fromHex } from '../bytes';
import type { SignaturePolicy } from '../cms/attributes';
import { NameOid } from '../oids';
import type { ValidationProfile } from '../path/validation-types';
import type { Certificate } from '../x509/certificate';
import { nameAttributes } from '../x509/name';

export const ICP_BRASIL_OIDS = {
  /** Arc of ICP-Brasil certificate policies: 2.16.76.1.2.<type>.<n>. */
  policies: '2.16.76.1.2',
  personData: '2.16.76.1.3.1',
  responsibleName: '2.16.76.1.3.2',
  cnpj: '2.16.76.1.3.3',
  responsiblePersonData: '2.16.76.1.3.4',
  voterId: '2.16.76.1.3.5',
  personCei: '2.16.76.1.3.6',
  companyCei: '2.16.76.1.3.7',
  companyName: '2.16.76.1.3.8',
  /** Arc of ICP-Brasil signature policies (AD-RB, AD-RT, ...): 2.16.76.1.7.1.<n>. */
  signaturePolicies: '2.16.76.1.7.1',
} as const;

/** Certificate types by the policy-arc component after 2.16.76.1.2 (A1-A4 signature, S1-S4 confidentiality). */
const POLICY_TYPES: Readonly<Record<string, IcpBrasilPolicyType>> = {
  '1': 'A1',
  '2': 'A2',
  '3': 'A3',
  '4': 'A4',
  '101': 'S1',
  '102': 'S2',
  '103': 'S3',
  '104': 'S4',
};

export type IcpBrasilPolicyType = 'A1' | 'A2' | 'A3' | 'A4' | 'S1' | 'S2' | 'S3' | 'S4';

/** The ICP-Brasil certificate type of a policy OID (2.16.76.1.2.3.9 -> A3), undefined if not one. */
export function icpBrasilPolicyType(policyOid: string): IcpBrasilPolicyType | undefined {
  const prefix = `${ICP_BRASIL_OIDS.policies}.`;
  if (!policyOid.startsWith(prefix)) return undefined;
  const [type, index] = policyOid.slice(prefix.length).split('.');
  return type !== undefined && index !== undefined ? POLICY_TYPES[type] : undefined;
}

/** Person data (2.16.76.1.3.1 holder, 2.16.76.1.3.4 company's responsible person). */
export type IcpBrasilPersonData = {
  /** ISO date yyyy-mm-dd, undefined when all zeros. */
  readonly birthDate: string | undefined;
  readonly cpf: string | undefined;
  readonly nis: string | undefined;
  readonly rg: string | undefined;
  /** Issuing authority and state of the RG, e.g. "SSPSP". */
  readonly rgIssuer: string | undefined;
};

export type IcpBrasilVoterId = {
  readonly number: string;
  readonly zone: string | undefined;
  readonly section: string | undefined;
  readonly cityAndState: string | undefined;
};

/** The decoded ICP-Brasil fields of a subjectAltName; each present only when the certificate has it. */
export type IcpBrasilSubjectFields = {
  readonly person?: IcpBrasilPersonData;
  readonly responsiblePerson?: IcpBrasilPersonData;
  readonly responsibleName?: string;
  readonly cnpj?: string;
  readonly voterId?: IcpBrasilVoterId;
  readonly personCei?: string;
  readonly companyCei?: string;
  readonly companyName?: string;
};

const nonZero = (digits: string): string | undefined => (/^0*$/.test(digits.trim()) ? undefined : digits.trim());

export function decodePersonData(text: string): IcpBrasilPersonData {
  const birth = text.slice(0, 8);
  const birthDate = nonZero(birth) && /^\d{8}$/.test(birth) ? `${birth.slice(4, 8)}-${birth.slice(2, 4)}-${birth.slice(0, 2)}` : undefined;
  return {
    birthDate,
    cpf: nonZero(text.slice(8, 19)),
    nis: nonZero(text.slice(19, 30)),
    rg: nonZero(text.slice(30, 45)),
    rgIssuer: nonZero(text.slice(45)) ?? undefined,
  };
}

export function encodePersonData(person: {
  birthDate?: string; // yyyy-mm-dd
  cpf?: string;
  nis?: string;
  rg?: string;
  rgIssuer?: string;
}): string {
  const birth = person.birthDate ? `${person.birthDate.slice(8, 10)}${person.birthDate.slice(5, 7)}${person.birthDate.slice(0, 4)}` : '';
  return (
    birth.padStart(8, '0') +
    (person.cpf ?? '').padStart(11, '0') +
    (person.nis ?? '').padStart(11, '0') +
    (person.rg ?? '').padStart(15, '0') +
    (person.rgIssuer ?? '')
  );
}

export function decodeVoterId(text: string): IcpBrasilVoterId {
  return {
    number: text.slice(0, 12),
    zone: nonZero(text.slice(12, 15)),
    section: nonZero(text.slice(15, 19)),
    cityAndState: text.slice(19).trim() || undefined,
  };
}

/** The text of an otherName value: OCTET STRING (ASCII/Latin-1), PrintableString, UTF8String or IA5String. */
export function otherNameText(value: asn1js.AsnType): string | undefined {
  if (value instanceof asn1js.OctetString) {
    const bytes = value.valueBlock.valueHexView;
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return new TextDecoder('latin1').decode(bytes);
    }
  }
  if (
    value instanceof asn1js.PrintableString ||
    value instanceof asn1js.Utf8String ||
    value instanceof asn1js.IA5String ||
    value instanceof asn1js.VisibleString ||
    value instanceof asn1js.BmpString
  ) {
    return value.valueBlock.value;
  }
  return undefined;
}

/** Each ICP-Brasil otherName by type OID: the field its text fills. */
const OTHER_NAME_FIELDS = new Map<string, (text: string) => IcpBrasilSubjectFields>([
  [ICP_BRASIL_OIDS.personData, (text) => ({ person: decodePersonData(text) })],
  [ICP_BRASIL_OIDS.responsiblePersonData, (text) => ({ responsiblePerson: decodePersonData(text) })],
  [ICP_BRASIL_OIDS.responsibleName, (text) => ({ responsibleName: text.trim() })],
  [ICP_BRASIL_OIDS.cnpj, (text) => ({ cnpj: text.trim() })],
  [ICP_BRASIL_OIDS.voterId, (text) => ({ voterId: decodeVoterId(text) })],
  [ICP_BRASIL_OIDS.personCei, (text) => ({ personCei: nonZero(text) })],
  [ICP_BRASIL_OIDS.companyCei, (text) => ({ companyCei: nonZero(text) })],
  [ICP_BRASIL_OIDS.companyName, (text) => ({ companyName: text.trim() })],
]);

/** Decodes the ICP-Brasil otherNames among (type OID, value) pairs of a subjectAltName. */
export function decodeIcpBrasilOtherNames(otherNames: readonly { readonly type: string; readonly value: asn1js.AsnType }[]): IcpBrasilSubjectFields {
  let fields: IcpBrasilSubjectFields = {};
  for (const { type, value } of otherNames) {
    const text = otherNameText(value);
    const field = OTHER_NAME_FIELDS.get(type);
    if (text !== undefined && field) fields = { ...fields, ...field(text) };
  }
  return fields;
}

function checkDigit(digits: string, weights: readonly number[]): number {
  const sum = weights.reduce((total, weight, i) => total + weight * Number(digits[i]), 0);
  const rest = sum % 11;
  return rest < 2 ? 0 : 11 - rest;
}

/** Whether an 11-digit CPF has valid check digits (and is not a repeated digit). */
export function isValidCpf(cpf: string): boolean {
  if (!/^\d{11}$/.test(cpf) || /^(\d)\1{10}$/.test(cpf)) return false;
  const first = checkDigit(cpf, [10, 9, 8, 7, 6, 5, 4, 3, 2]);
  const second = checkDigit(cpf, [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
  return first === Number(cpf[9]) && second === Number(cpf[10]);
}

/** Whether a 14-digit CNPJ has valid check digits. */
export function isValidCnpj(cnpj: string): boolean {
  if (!/^\d{14}$/.test(cnpj) || /^(\d)\1{13}$/.test(cnpj)) return false;
  const first = checkDigit(cnpj, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
  const second = checkDigit(cnpj, [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
  return first === Number(cnpj[12]) && second === Number(cnpj[13]);
}

/**
 * How ICP-Brasil is validated: RFC 5280 section 6 as written (the default). The roots v4 and v13 carry
 * brainpoolP512r1 as explicit parameters (RFC 5480 asks for the named curve): accepted as that curve and
 * shown as a warning; everything section 6 refuses is refused.
 */
export const icpBrasilValidationProfile: ValidationProfile = {
  name: 'icp-brasil',
  conformance: { profile: 'rfc5280' },
  rationale: 'RFC 5280 section 6; the explicit brainpool parameters of roots v4 and v13 are warnings',
};

/**
 * The ICP-Brasil CAdES signature policy AD-RB (Referência Básica), version 2.3, that a signature by an
 * ICP-Brasil certificate names in its signaturePolicyIdentifier attribute (DOC-ICP-15.03; RFC 5126 5.8.1).
 * Source: ITI's list of signature policies (LPA, http://politicas.icpbrasil.gov.br/LPA_CAdES.der) names
 * PA_AD_RB_v2_3 with OID 2.16.76.1.7.1.1.2.3 at http://politicas.icpbrasil.gov.br/PA_AD_RB_v2_3.der; the
 * SHA-256 of that document below is the value real ICP-Brasil CAdES signatures carry (read from a
 * signature of 2022-03-31 and a signer's configuration in public repositories, the two agreeing).
 */
export const ICP_BRASIL_AD_RB: SignaturePolicy = {
  oid: '2.16.76.1.7.1.1.2.3',
  hashAlgorithm: 'SHA-256',
  hash: fromHex('b16e88bbf77322a67995b79078778ed3d0ea7c88587b6f6d518b715e8f76a3d5'),
  uri: 'http://politicas.icpbrasil.gov.br/PA_AD_RB_v2_3.der',
};

/**
 * AD-RT (Referência de Tempo), version 2.3: the policy of an ICP-Brasil CAdES that carries an RFC 3161
 * signature timestamp (DOC-ICP-15.03; OID 2.16.76.1.7.1.2.2.3, named with its URI in ITI's LPA_CAdES.der).
 * The hash is, as for AD-RB, the signPolicyHash the policy document carries in itself (ITI's Nota Técnica
 * 003/2016: SHA-256 of DER(signPolicyHashAlg) || DER(signPolicyInfo)). Source: ITI's PA_AD_RT_v2_3.der as
 * kept by demoiselle/signer (commit 89c54a3, policy-engine/src/main/resources/org/demoiselle/signer/policy/
 * engine/artifacts/PA_AD_RT_v2_3.der), whose file SHA-256 (2b53082a...d094ef) is the digest the LPA in the
 * same folder lists for it; recomputing the hash from its fields gives the value it states, and a public
 * C# signer (INB.Assinador) quotes the same value. The same reading of PA_AD_RB_v2_3.der gives AD-RB's hash above.
 */
export const ICP_BRASIL_AD_RT: SignaturePolicy = {
  oid: '2.16.76.1.7.1.2.2.3',
  hashAlgorithm: 'SHA-256',
  hash: fromHex('80dfe81e2a8ae762cd360253722922332ee10164d992156d847c47c8fb879cd2'),
  uri: 'http://politicas.icpbrasil.gov.br/PA_AD_RT_v2_3.der',
};

/** ICP-Brasil certificates name Brazil (C=BR) in their subject; their CAdES carries AD-RB or AD-RT. */
export function isIcpBrasilSigner(certificate: Certificate): boolean {
  return nameAttributes(certificate.subject, NameOid.countryName).includes('BR');
}

export type SignaturePolicyForOptions = {
  /**
   * Whether the signature will carry an RFC 3161 signature timestamp (a TSA is offered). The policy is a
   * signed attribute and the timestamp is over the signature value, so this is decided before signing.
   */
  readonly timestamped?: boolean;
};

/** The signature policy a signature by `certificate` carries: for an ICP-Brasil signer AD-RT when timestamped, else AD-RB; none otherwise. */
export function signaturePolicyFor(certificate: Certificate, options: SignaturePolicyForOptions = {}): SignaturePolicy | undefined {
  if (!isIcpBrasilSigner(certificate)) return undefined;
  return options.timestamped ? ICP_BRASIL_AD_RT : ICP_BRASIL_AD_RB;
}

/** Which ICP-Brasil policy `policy` is (OID, hash algorithm and document hash all equal), or undefined. */
export function icpBrasilPolicyName(policy: SignaturePolicy | undefined): 'AD-RB' | 'AD-RT' | undefined {
  if (!policy) return undefined;
  const same = (known: SignaturePolicy) => policy.oid === known.oid && policy.hashAlgorithm === known.hashAlgorithm && policy.hash.length === known.hash.length && policy.hash.every((b, i) => b === known.hash[i]);
  return same(ICP_BRASIL_AD_RB) ? 'AD-RB' : same(ICP_BRASIL_AD_RT) ? 'AD-RT' : undefined;
}
