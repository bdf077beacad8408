import { createHash } from 'node:crypto';
import { X509Certificate } from '@peculiar/x509';

/** A private key placed on a simulated token, paired with one of the token's certificates. */
export interface FortifyTokenKeyOptions {
  /** Index into `certificates` of the certificate this key belongs to. */
  readonly certIndex: number;
  /** A CryptoKey with usage "sign", or a PKCS#8 DER to import as a non-extractable one. */
  readonly privateKey: CryptoKey | BufferSource;
  /** Hash bound to an imported RSA key (RSASSA-PKCS1-v1_5). Default SHA-256. */
  readonly hash?: 'SHA-256' | 'SHA-384' | 'SHA-512';
}

/** What a simulated smart card or USB token holds. */
export interface FortifyTokenOptions {
  /** Token label shown in the Fortify web component. */
  readonly name: string;
  /** Provider id; default: hex SHA-256 of the name. */
  readonly id?: string;
  /** DER certificates stored on the token (a leaf and, optionally, its CAs). */
  readonly certificates: readonly BufferSource[];
  readonly keys?: readonly FortifyTokenKeyOptions[];
}

export interface FortifyTokenCertificate {
  /** `x509-<handle>-<CKA_ID>`, as node-webcrypto-p11 names PKCS#11 objects. */
  readonly index: string;
  readonly certificate: X509Certificate;
  /** The public key algorithm as WebCrypto describes it (RSA keys carry their hash). */
  readonly algorithm: KeyAlgorithm & { hash?: { name: string } };
}

export interface FortifyTokenPrivateKey {
  /** `private-<handle>-<CKA_ID>`: the third segment equals the certificate's. */
  readonly index: string;
  readonly key: CryptoKey;
}

/** A token as the server sees it: its objects, indexed the way Fortify indexes PKCS#11 objects. */
export interface FortifyToken {
  readonly id: string;
  readonly name: string;
  readonly certificates: readonly FortifyTokenCertificate[];
  readonly privateKeys: readonly FortifyTokenPrivateKey[];
  /** Signs with one of this token's keys (the token's own crypto, like C_Sign). */
  readonly subtle: SubtleCrypto;
}

/** A private copy, so later changes to the caller's buffer do not reach the token. */
function toBytes(data: BufferSource): Uint8Array<ArrayBuffer> {
  return ArrayBuffer.isView(data)
    ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice()
    : new Uint8Array(data).slice();
}

function isCryptoKey(value: CryptoKey | BufferSource): value is CryptoKey {
  return typeof value === 'object' && value !== null && 'algorithm' in value && 'usages' in value;
}

/** Which WebCrypto algorithm the certificate's key is used with. */
function keyAlgorithmOf(certificate: X509Certificate, hash: string): RsaHashedImportParams | EcKeyImportParams {
  const algorithm = certificate.publicKey.algorithm as Algorithm & { namedCurve?: string };
  switch (algorithm.name.toUpperCase()) {
    case 'RSASSA-PKCS1-V1_5':
    case 'RSA-PSS':
    case 'RSA-OAEP':
      return { name: 'RSASSA-PKCS1-v1_5', hash };
    case 'ECDSA':
    case 'ECDH':
      if (!algorithm.namedCurve) throw new Error('EC public key without a named curve');
      return { name: 'ECDSA', namedCurve: algorithm.namedCurve };
    default:
      throw new Error(`Unsupported public key algorithm ${algorithm.name}`);
  }
}

async function publicKeyAlgorithmOf(
  certificate: X509Certificate,
  hash: string,
  crypto: Crypto,
): Promise<FortifyTokenCertificate['algorithm']> {
  const key = await certificate.publicKey.export(keyAlgorithmOf(certificate, hash), ['verify'], crypto);
  return key.algorithm as FortifyTokenCertificate['algorithm'];
}

let nextHandle = 1;

/**
 * Builds the token's objects from DER certificates and keys. CKA_ID is the SHA-1 of the
 * certificate's public key (what most token tools set), so a key and its certificate share it.
 */
export async function createFortifyToken(
  options: FortifyTokenOptions,
  crypto: Crypto = globalThis.crypto,
): Promise<FortifyToken> {
  const id = options.id ?? createHash('sha256').update(options.name).digest('hex');
  const certificates: FortifyTokenCertificate[] = [];
  const ckaIds: string[] = [];
  for (const der of options.certificates) {
    const certificate = new X509Certificate(toBytes(der));
    const ckaId = Buffer.from(await certificate.publicKey.getKeyIdentifier(crypto)).toString('hex');
    const hash = options.keys?.find((key) => key.certIndex === certificates.length)?.hash ?? 'SHA-256';
    ckaIds.push(ckaId);
    certificates.push({
      index: `x509-${(nextHandle++).toString(16).padStart(4, '0')}-${ckaId}`,
      certificate,
      algorithm: await publicKeyAlgorithmOf(certificate, hash, crypto),
    });
  }
  const privateKeys: FortifyTokenPrivateKey[] = [];
  for (const keyOptions of options.keys ?? []) {
    const owner = certificates[keyOptions.certIndex];
    const ckaId = ckaIds[keyOptions.certIndex];
    if (!owner || !ckaId) throw new Error(`Key refers to certificate ${keyOptions.certIndex}, which is not on the token`);
    const key = isCryptoKey(keyOptions.privateKey)
      ? keyOptions.privateKey
      : await crypto.subtle.importKey(
          'pkcs8',
          toBytes(keyOptions.privateKey),
          keyAlgorithmOf(owner.certificate, keyOptions.hash ?? 'SHA-256'),
          false,
          ['sign'],
        );
    if (key.type !== 'private') throw new Error('Token keys must be private keys');
    privateKeys.push({ index: `private-${(nextHandle++).toString(16).padStart(4, '0')}-${ckaId}`, key });
  }
  return { id, name: options.name, certificates, privateKeys, subtle: crypto.subtle };
}
