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
