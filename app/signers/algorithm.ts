import { SignerUnsupportedKeyError } from './errors';
import type { SignerAlgorithm } from './types';

const CURVES = ['P-256', 'P-384', 'P-521'] as const;

/** The signature algorithm a WebCrypto private key gives with cryptoKeySigner (CMS signs with SHA-256). */
export function algorithmOfCryptoKey(key: CryptoKey): SignerAlgorithm {
  const algorithm = key.algorithm as Partial<RsaHashedKeyAlgorithm & EcKeyAlgorithm> & { name: string };
  if (algorithm.name === 'RSASSA-PKCS1-v1_5' && algorithm.hash?.name === 'SHA-256') return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  const curve = CURVES.find((c) => c === algorithm.namedCurve);
  if (algorithm.name === 'ECDSA' && curve) return { name: 'ECDSA', namedCurve: curve, hash: 'SHA-256' };
  throw new SignerUnsupportedKeyError({ details: `${algorithm.name} ${algorithm.hash?.name ?? algorithm.namedCurve ?? ''}` });
}

/** `<kind>:<hex SHA-256 of the certificate>` */
export async function signerId(kind: string, certificate: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', certificate.slice()));
  return `${kind}:${Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
