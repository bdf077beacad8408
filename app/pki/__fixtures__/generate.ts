/**
 * Test and benchmark support: a tiny DER encoder and certificate generator over WebCrypto, so tests
 * can build exactly the certificates a case needs (extensions, criticality, serials, validity).
 * Not part of the engine.
 */
import { joinBytes } from '../bytes';
import { der } from '../der/writer';
import { parseCertificate, type Certificate } from '../x509/certificate';
import { NameOid, Oid, SignatureOid } from '../oids';

export { der };

export type KeyKind = 'RSA' | 'P-256';

export type TestIssuer = { readonly certificate: Certificate; readonly keys: CryptoKeyPair; readonly kind: KeyKind };

const rsaParams = { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };

export async function generateKeys(kind: KeyKind, modulusLength = 2048): Promise<CryptoKeyPair> {
  if (kind === 'RSA') return (await crypto.subtle.generateKey({ ...rsaParams, modulusLength }, true, ['sign', 'verify'])) as CryptoKeyPair;
  return (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
}

export type NameSpec = string | readonly (readonly [string, string])[];

export function encodeName(name: NameSpec): Uint8Array {
  const attributes = typeof name === 'string' ? [[NameOid.commonName, name] as const] : name;
  return der.seq(...attributes.map(([oid, value]) => der.set(der.seq(der.oid(oid), der.utf8(value)))));
}

export type Ext = { oid: string; critical?: boolean; value: Uint8Array };

export type GenerateCertificateParameters = {
  readonly subject: NameSpec;
  /** Omit for a self-signed certificate. */
  readonly issuer?: TestIssuer;
  readonly keys: CryptoKeyPair;
  readonly kind: KeyKind;
  readonly serial?: number | bigint | Uint8Array;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  readonly ca?: boolean;
  readonly pathLen?: number;
  readonly keyUsage?: readonly string[];
  readonly extKeyUsage?: readonly string[];
  readonly policies?: readonly string[];
  readonly policyMappings?: readonly (readonly [string, string])[];
  readonly requireExplicitPolicy?: number;
  readonly inhibitPolicyMapping?: number;
  readonly inhibitAnyPolicy?: number;
  readonly permittedDns?: readonly string[];
  readonly excludedDns?: readonly string[];
  readonly dnsNames?: readonly string[];
  readonly extensions?: readonly Ext[];
  /** RSA signing hash (default SHA-256). */
  readonly rsaHash?: 'SHA-1' | 'SHA-256';
  /** Put this signature algorithm OID in the certificate and a dummy signature (algorithms WebCrypto cannot sign). */
  readonly fakeSignatureAlgorithm?: string;
  /** Leave out the key identifiers (to test their absence). */
  readonly omitKeyIdentifiers?: boolean;
};

const KU_BITS = ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement', 'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly'];

function keyUsageValue(usages: readonly string[]): Uint8Array {
  let bits = 0;
  for (const u of usages) bits |= 1 << (15 - KU_BITS.indexOf(u));
  const bytes = [bits >> 8, bits & 0xff];
  while (bytes.length > 1 && bytes[bytes.length - 1] === 0) bytes.pop();
  const last = bytes[bytes.length - 1] as number;
  let unused = 0;
  while (unused < 7 && !(last & (1 << unused))) unused++;
  return der.bits(new Uint8Array(bytes), unused);
}

const buffer = (b: Uint8Array): ArrayBuffer => new Uint8Array(b).buffer;

const keyId = async (spki: Uint8Array) => new Uint8Array(await crypto.subtle.digest('SHA-256', buffer(spki))).slice(0, 20);

/** An unsigned big-endian integer as a minimal DER INTEGER. */
function unsignedInteger(bytes: Uint8Array): Uint8Array {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  const trimmed = bytes.slice(i);
  return der.int((trimmed[0] as number) & 0x80 ? joinBytes([new Uint8Array([0]), trimmed]) : trimmed);
}

async function sign(kind: KeyKind, key: CryptoKey, data: Uint8Array, rsaHash: 'SHA-1' | 'SHA-256'): Promise<Uint8Array> {
  if (kind === 'RSA') {
    if (rsaHash === 'SHA-256') return new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, buffer(data)));
    const jwk = await crypto.subtle.exportKey('jwk', key);
    const rehashed = await crypto.subtle.importKey('jwk', { ...jwk, alg: undefined }, { name: 'RSASSA-PKCS1-v1_5', hash: rsaHash }, false, ['sign']);
    return new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', rehashed, buffer(data)));
  }
  const raw = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, buffer(data)));
  return der.seq(unsignedInteger(raw.slice(0, 32)), unsignedInteger(raw.slice(32)));
}

const SIG_ALG: Record<KeyKind, Uint8Array> = {
  RSA: der.seq(der.oid(SignatureOid.sha256WithRsa), der.null()),
  'P-256': der.seq(der.oid(SignatureOid.ecdsaWithSha256)),
};

let serialCounter = 1000;

export async function generateCertificate(p: GenerateCertificateParameters): Promise<TestIssuer> {
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', p.keys.publicKey));
  const signerKind = p.issuer?.kind ?? p.kind;
  const signerKey = p.issuer?.keys.privateKey ?? p.keys.privateKey;
  const issuerName = p.issuer ? p.issuer.certificate.subject.der : encodeName(p.subject);
  const issuerSpki = p.issuer ? p.issuer.certificate.subjectPublicKeyInfo.der : spki;
  const exts: Ext[] = [];
  if (!p.omitKeyIdentifiers) {
    exts.push({ oid: Oid.subjectKeyIdentifier, value: der.octet(await keyId(spki)) });
    exts.push({ oid: Oid.authorityKeyIdentifier, value: der.seq(der.ctx(0, await keyId(issuerSpki))) });
  }
  if (p.ca !== undefined) exts.push({ oid: Oid.basicConstraints, critical: true, value: der.seq(...(p.ca ? [der.bool(true)] : []), ...(p.pathLen !== undefined ? [der.int(p.pathLen)] : [])) });
  const ku = p.keyUsage ?? (p.ca ? ['keyCertSign', 'cRLSign'] : ['digitalSignature']);
  exts.push({ oid: Oid.keyUsage, critical: true, value: keyUsageValue(ku) });
  if (p.extKeyUsage) exts.push({ oid: Oid.extKeyUsage, value: der.seq(...p.extKeyUsage.map(der.oid)) });
  if (p.policies) exts.push({ oid: Oid.certificatePolicies, value: der.seq(...p.policies.map((o) => der.seq(der.oid(o)))) });
  if (p.policyMappings) exts.push({ oid: Oid.policyMappings, critical: true, value: der.seq(...p.policyMappings.map(([a, b]) => der.seq(der.oid(a), der.oid(b)))) });
  if (p.requireExplicitPolicy !== undefined || p.inhibitPolicyMapping !== undefined)
    exts.push({
      oid: Oid.policyConstraints,
      critical: true,
      value: der.seq(...(p.requireExplicitPolicy !== undefined ? [der.ctx(0, der.int(p.requireExplicitPolicy).slice(2))] : []), ...(p.inhibitPolicyMapping !== undefined ? [der.ctx(1, der.int(p.inhibitPolicyMapping).slice(2))] : [])),
    });
  if (p.inhibitAnyPolicy !== undefined) exts.push({ oid: Oid.inhibitAnyPolicy, critical: true, value: der.int(p.inhibitAnyPolicy) });
  if (p.permittedDns || p.excludedDns) {
    const subtrees = (names: readonly string[]) => names.map((n) => der.seq(der.ctx(2, new TextEncoder().encode(n))));
    exts.push({
      oid: Oid.nameConstraints,
      critical: true,
      value: der.seq(...(p.permittedDns ? [der.ctx(0, joinBytes(subtrees(p.permittedDns)), true)] : []), ...(p.excludedDns ? [der.ctx(1, joinBytes(subtrees(p.excludedDns)), true)] : [])),
    });
  }
  if (p.dnsNames) exts.push({ oid: Oid.subjectAltName, value: der.seq(...p.dnsNames.map((n) => der.ctx(2, new TextEncoder().encode(n)))) });
  exts.push(...(p.extensions ?? []));
  const sigAlg = p.fakeSignatureAlgorithm
    ? der.seq(der.oid(p.fakeSignatureAlgorithm), der.null())
    : signerKind === 'RSA' && p.rsaHash === 'SHA-1'
      ? der.seq(der.oid(SignatureOid.sha1WithRsa), der.null())
      : SIG_ALG[signerKind];
  const tbs = der.seq(
    der.explicit(0, der.int(2)),
    der.int(p.serial ?? serialCounter++),
    sigAlg,
    issuerName,
    der.seq(der.time(p.notBefore ?? new Date('2020-01-01T00:00:00Z')), der.time(p.notAfter ?? new Date('2040-01-01T00:00:00Z'))),
    encodeName(p.subject),
    spki,
    der.explicit(3, der.seq(...exts.map((e) => der.seq(der.oid(e.oid), ...(e.critical ? [der.bool(true)] : []), der.octet(e.value))))),
  );
  const signature = p.fakeSignatureAlgorithm ? new Uint8Array(64).fill(1) : await sign(signerKind, signerKey, tbs, p.rsaHash ?? 'SHA-256');
  const certificate = await parseCertificate(der.seq(tbs, sigAlg, der.bits(signature)));
  return { certificate, keys: p.keys, kind: p.kind };
}

/** A root and a chain of CAs under it, then a leaf: levels = certificates in the path, root included. */
export async function generatePath(kind: KeyKind, levels: number, options: { leafDns?: string } = {}): Promise<{ path: TestIssuer[]; root: TestIssuer; leaf: TestIssuer }> {
  const root = await generateCertificate({ subject: `${kind} Test Root`, keys: await generateKeys(kind), kind, ca: true });
  const path = [root];
  for (let i = 1; i < levels - 1; i++)
    path.unshift(await generateCertificate({ subject: `${kind} Test CA ${i}`, issuer: path[0], keys: await generateKeys(kind), kind, ca: true }));
  const leaf = await generateCertificate({ subject: options.leafDns ?? `${kind} Test Leaf`, issuer: path[0], keys: await generateKeys(kind), kind, dnsNames: [options.leafDns ?? 'leaf.example'] });
  path.unshift(leaf);
  return { path, root, leaf };
}

export type CrlEntrySpec = {
  readonly serial: Uint8Array;
  readonly date?: Date;
  /** CRLReason code (entry extension 2.5.29.21). */
  readonly reason?: number;
  readonly invalidityDate?: Date;
  /** certificateIssuer entry extension (indirect CRLs): the DER Name of the certificate's issuer. */
  readonly certificateIssuer?: Uint8Array;
};

export type GenerateCrlParameters = {
  readonly issuer: TestIssuer;
  /** Sign with these keys instead of the issuer's (a forged CRL, or a separate CRL-signing key). */
  readonly signingKeys?: CryptoKeyPair;
  readonly revokedSerials?: readonly Uint8Array[];
  /** Entries with extensions (after revokedSerials). */
  readonly entries?: readonly CrlEntrySpec[];
  readonly thisUpdate?: Date;
  readonly nextUpdate?: Date;
  readonly crlNumber?: number | undefined;
  /** More CRL extensions (issuingDistributionPoint, deltaCRLIndicator, freshestCRL...). */
  readonly extensions?: readonly Ext[];
};

const extensionsDer = (exts: readonly Ext[]) => der.seq(...exts.map((e) => der.seq(der.oid(e.oid), ...(e.critical ? [der.bool(true)] : []), der.octet(e.value))));

/** A CRL v2 of `issuer` (P-256 or RSA issuers). */
export async function generateCrl(p: GenerateCrlParameters): Promise<Uint8Array> {
  const thisUpdate = p.thisUpdate ?? new Date('2029-12-01T00:00:00Z');
  const revoked = (p.revokedSerials ?? []).map((serial) => der.seq(der.int(serial), der.time(thisUpdate)));
  for (const e of p.entries ?? []) {
    const exts: Ext[] = [];
    if (e.reason !== undefined) exts.push({ oid: '2.5.29.21', value: der.tlv(0x0a, new Uint8Array([e.reason])) });
    if (e.invalidityDate) exts.push({ oid: '2.5.29.24', value: der.tlv(0x18, new TextEncoder().encode(`${e.invalidityDate.toISOString().slice(0, 19).replace(/[-:T]/g, '')}Z`)) });
    if (e.certificateIssuer) exts.push({ oid: '2.5.29.29', critical: true, value: der.seq(der.explicit(4, e.certificateIssuer)) });
    revoked.push(der.seq(der.int(e.serial), der.time(e.date ?? thisUpdate), ...(exts.length > 0 ? [extensionsDer(exts)] : [])));
  }
  const extensions: Ext[] = 'crlNumber' in p && p.crlNumber === undefined ? [] : [{ oid: Oid.crlNumber, value: der.int(p.crlNumber ?? 1) }];
  extensions.push(...(p.extensions ?? []));
  const tbs = der.seq(
    der.int(1),
    SIG_ALG[p.issuer.kind],
    p.issuer.certificate.subject.der,
    der.time(thisUpdate),
    der.time(p.nextUpdate ?? new Date('2030-12-01T00:00:00Z')),
    ...(revoked.length > 0 ? [der.tlv(0x30, joinBytes(revoked))] : []),
    ...(extensions.length > 0 ? [der.explicit(0, extensionsDer(extensions))] : []),
  );
  const signature = await sign(p.issuer.kind, (p.signingKeys ?? p.issuer.keys).privateKey, tbs, 'SHA-256');
  return der.seq(tbs, SIG_ALG[p.issuer.kind], der.bits(signature));
}
