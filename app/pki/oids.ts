/** The object identifiers of app/pki, in one table. Certificate and CRL extensions, key purposes: */
export const Oid = {
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  issuerAltName: '2.5.29.18',
  basicConstraints: '2.5.29.19',
  crlNumber: '2.5.29.20',
  crlReason: '2.5.29.21',
  deltaCrlIndicator: '2.5.29.27',
  issuingDistributionPoint: '2.5.29.28',
  certificateIssuer: '2.5.29.29',
  nameConstraints: '2.5.29.30',
  crlDistributionPoints: '2.5.29.31',
  certificatePolicies: '2.5.29.32',
  policyMappings: '2.5.29.33',
  authorityKeyIdentifier: '2.5.29.35',
  policyConstraints: '2.5.29.36',
  extKeyUsage: '2.5.29.37',
  freshestCrl: '2.5.29.46',
  inhibitAnyPolicy: '2.5.29.54',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  subjectInfoAccess: '1.3.6.1.5.5.7.1.11',
  anyPolicy: '2.5.29.32.0',
  anyExtendedKeyUsage: '2.5.29.37.0',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  codeSigning: '1.3.6.1.5.5.7.3.3',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
  // revocation branch: CRL entry extension and OCSP (RFC 5280 5.3.2, RFC 6960)
  invalidityDate: '2.5.29.24',
  ocsp: '1.3.6.1.5.5.7.48.1',
  ocspBasic: '1.3.6.1.5.5.7.48.1.1',
  ocspNonce: '1.3.6.1.5.5.7.48.1.2',
  ocspNoCheck: '1.3.6.1.5.5.7.48.1.5',
  sha1: '1.3.14.3.2.26',
} as const;

/** Extended key usage names accepted wherever an EKU OID is expected. */
export const EKU_NAMES: Record<string, string> = {
  serverAuth: Oid.serverAuth,
  clientAuth: Oid.clientAuth,
  codeSigning: Oid.codeSigning,
  emailProtection: Oid.emailProtection,
  timeStamping: Oid.timeStamping,
  ocspSigning: Oid.ocspSigning,
  anyExtendedKeyUsage: Oid.anyExtendedKeyUsage,
};

/** China (OSCCA "ShangMi") algorithm identifiers (GB/T 33560, GM/T 0006). */
export const CHINA_OIDS = {
  sm2Curve: '1.2.156.10197.1.301',
  sm3: '1.2.156.10197.1.401',
  sm2WithSm3: '1.2.156.10197.1.501',
  rsaWithSm3: '1.2.156.10197.1.504',
  // sm2-browser: GM/T 0006 sm2sign (SM2-1 signature; GM/T 0010 CMS names the SignerInfo's algorithm with it)
  sm2Sign: '1.2.156.10197.1.301.1',
  // sm2-browser: ISO/IEC 10118-3:2018 SM3, the OID RFC 8998's ISO references give SM3
  sm3Iso: '1.0.10118.3.0.65',
  // sm2-browser: GM/T 0010 (GB/T 35275) content types
  gmData: '1.2.156.10197.6.1.4.2.1',
  gmSignedData: '1.2.156.10197.6.1.4.2.2',
} as const;

/** Public-key algorithms (SubjectPublicKeyInfo). */
export const KeyOid = {
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsassaPss: '1.2.840.113549.1.1.10',
  ecPublicKey: '1.2.840.10045.2.1',
  ed25519: '1.3.101.112',
  ed448: '1.3.101.113',
} as const;

/** Signature algorithms (certificates, CRLs, CMS). */
export const SignatureOid = {
  md5WithRsa: '1.2.840.113549.1.1.4',
  sha1WithRsa: '1.2.840.113549.1.1.5',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  sha384WithRsa: '1.2.840.113549.1.1.12',
  sha512WithRsa: '1.2.840.113549.1.1.13',
  sha224WithRsa: '1.2.840.113549.1.1.14',
  rsassaPss: '1.2.840.113549.1.1.10',
  ecdsaWithSha1: '1.2.840.10045.4.1',
  ecdsaWithSha224: '1.2.840.10045.4.3.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecdsaWithSha384: '1.2.840.10045.4.3.3',
  ecdsaWithSha512: '1.2.840.10045.4.3.4',
  ed25519: '1.3.101.112',
  ed448: '1.3.101.113',
  sm2WithSm3: CHINA_OIDS.sm2WithSm3,
} as const;

/** CMS SignedData / CAdES-BES (RFC 5652, RFC 5035, RFC 5126). */
export const CMS_OIDS = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signaturePolicyId: '1.2.840.113549.1.9.16.2.15',
  spUri: '1.2.840.113549.1.9.16.5.1',
  // app13: RFC 3161 signature timestamps (AD-RT)
  /** id-ct-TSTInfo (RFC 3161 2.4.2): the eContentType of a timestamp token. */
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  /** id-aa-signatureTimeStampToken (RFC 3161 appendix A, RFC 5126 5.11.3): the unsigned attribute. */
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
} as const;

export const HASH_OIDS = {
  'SHA-1': '1.3.14.3.2.26',
  'SHA-256': '2.16.840.1.101.3.4.2.1',
  'SHA-384': '2.16.840.1.101.3.4.2.2',
  'SHA-512': '2.16.840.1.101.3.4.2.3',
} as const;

/** The digests CMS signs with. */
export type CmsHashName = keyof typeof HASH_OIDS;

export function hashNameOf(oid: string): CmsHashName | undefined {
  return (Object.keys(HASH_OIDS) as CmsHashName[]).find((name) => HASH_OIDS[name] === oid);
}

export const CURVE_OIDS = {
  'P-256': '1.2.840.10045.3.1.7',
  'P-384': '1.3.132.0.34',
  'P-521': '1.3.132.0.35',
} as const;

// algorithms branch: brainpool curves (RFC 5639 section 4.1) and the ICP-Brasil v7 root's algorithm.
export const BRAINPOOL_CURVE_OIDS = {
  brainpoolP256r1: '1.3.36.3.3.2.8.1.1.7',
  brainpoolP384r1: '1.3.36.3.3.2.8.1.1.11',
  brainpoolP512r1: '1.3.36.3.3.2.8.1.1.13',
} as const;

/** EdDSA over the curve E-521 (OID in an arc registered by Kryptus), key and signature algorithm of ICP-Brasil's root v7. */
export const ED521_OID = '1.3.6.1.4.1.44588.2.1';

// pki-tidy: names, curves, access methods and display names, so no module keeps its own OID literals.

/** Attribute types of distinguished names (X.520, RFC 4519, PKCS #9, EV jurisdiction). */
export const NameOid = {
  commonName: '2.5.4.3',
  surname: '2.5.4.4',
  serialNumber: '2.5.4.5',
  countryName: '2.5.4.6',
  localityName: '2.5.4.7',
  stateOrProvinceName: '2.5.4.8',
  streetAddress: '2.5.4.9',
  organizationName: '2.5.4.10',
  organizationalUnitName: '2.5.4.11',
  title: '2.5.4.12',
  businessCategory: '2.5.4.15',
  postalCode: '2.5.4.17',
  givenName: '2.5.4.42',
  organizationIdentifier: '2.5.4.97',
  emailAddress: '1.2.840.113549.1.9.1',
  userId: '0.9.2342.19200300.100.1.1',
  domainComponent: '0.9.2342.19200300.100.1.25',
  jurisdictionCountryName: '1.3.6.1.4.1.311.60.2.1.3',
} as const;

/** RFC 4514 / OpenSSL short names of the attribute types, for names shown as text. */
const SHORT_NAMES: Readonly<Record<keyof typeof NameOid, string>> = {
  commonName: 'CN', surname: 'SN', serialNumber: 'serialNumber', countryName: 'C', localityName: 'L', stateOrProvinceName: 'ST',
  streetAddress: 'street', organizationName: 'O', organizationalUnitName: 'OU', title: 'title', businessCategory: 'businessCategory',
  postalCode: 'postalCode', givenName: 'GN', organizationIdentifier: 'organizationIdentifier', emailAddress: 'emailAddress', userId: 'UID',
  domainComponent: 'DC', jurisdictionCountryName: 'jurisdictionC',
};

/** Short name by attribute-type OID. */
export const NAME_SHORT_NAMES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(SHORT_NAMES).map(([key, short]) => [NameOid[key as keyof typeof NameOid], short]),
);

/** Named elliptic curves: display name and field size in bits, by curve OID. */
export const NAMED_CURVES: Readonly<Record<string, { readonly name: string; readonly size: number }>> = Object.fromEntries(
  (
    [
      [CURVE_OIDS['P-256'], 'P-256', 256], [CURVE_OIDS['P-384'], 'P-384', 384], [CURVE_OIDS['P-521'], 'P-521', 521], ['1.3.132.0.10', 'secp256k1', 256],
      [BRAINPOOL_CURVE_OIDS.brainpoolP256r1, 'brainpoolP256r1', 256], [BRAINPOOL_CURVE_OIDS.brainpoolP384r1, 'brainpoolP384r1', 384], [BRAINPOOL_CURVE_OIDS.brainpoolP512r1, 'brainpoolP512r1', 512],
      [CHINA_OIDS.sm2Curve, 'SM2', 256],
    ] as const
  ).map(([oid, name, size]) => [oid, { name, size }]),
);

/** Display names of signature algorithms (RFC 8017, RFC 5758, RFC 8410, GM/T 0006), by the keys of `SignatureOid`. */
const SIGNATURE_DISPLAY_NAMES: Partial<Record<keyof typeof SignatureOid, string>> = {
  sha1WithRsa: 'sha1WithRSAEncryption', sha256WithRsa: 'sha256WithRSAEncryption', sha384WithRsa: 'sha384WithRSAEncryption',
  sha512WithRsa: 'sha512WithRSAEncryption', rsassaPss: 'RSASSA-PSS', ecdsaWithSha1: 'ecdsa-with-SHA1', ecdsaWithSha256: 'ecdsa-with-SHA256',
  ecdsaWithSha384: 'ecdsa-with-SHA384', ecdsaWithSha512: 'ecdsa-with-SHA512', ed25519: 'Ed25519', ed448: 'Ed448', sm2WithSm3: 'SM2-with-SM3',
};

/** Display name by signature-algorithm OID. */
export const SIGNATURE_NAMES: Readonly<Record<string, string>> = {
  ...Object.fromEntries(Object.entries(SIGNATURE_DISPLAY_NAMES).map(([key, name]) => [SignatureOid[key as keyof typeof SignatureOid], name])),
  [CHINA_OIDS.rsaWithSm3]: 'RSA-with-SM3',
};

/** AccessDescription methods of authorityInfoAccess (RFC 5280 4.2.2.1). */
export const AccessMethodOid = {
  ocsp: '1.3.6.1.5.5.7.48.1',
  caIssuers: '1.3.6.1.5.5.7.48.2',
} as const;

/** Key purposes shown by name beside those of `Oid` (Microsoft smart-card logon). */
export const OtherKeyPurposeOid = {
  smartcardLogon: '1.3.6.1.4.1.311.20.2.2',
} as const;

/** Display names of key purposes (extendedKeyUsage). */
export const KEY_PURPOSE_NAMES: Readonly<Record<string, string>> = Object.fromEntries([
  ...Object.entries(EKU_NAMES).map(([name, oid]) => [oid, name]),
  [OtherKeyPurposeOid.smartcardLogon, 'smartcardLogon'],
]);
