// What a token key can sign with: its algorithm as Fortify reports it, and the WebCrypto parameters of a signature.
import { FortifyError } from './errors';
import type { SocketKey } from './socket';
import type { FortifyHashName, FortifyKeyAlgorithm, FortifySignParameters } from './types';

const DEFAULT_ECDSA_HASH: Record<string, FortifyHashName> = { 'P-256': 'SHA-256', 'P-384': 'SHA-384', 'P-521': 'SHA-512' };

const HASH_LENGTH: Record<FortifyHashName, number> = { 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 };

export function keyAlgorithmOf(key: SocketKey): FortifyKeyAlgorithm {
  const name = key.algorithm.name.toUpperCase();
  const hash = key.algorithm.hash?.name ? (key.algorithm.hash.name.toUpperCase() as FortifyHashName) : undefined;
  if (name === 'RSASSA-PKCS1-V1_5') return { name: 'RSASSA-PKCS1-v1_5', hash, namedCurve: undefined };
  if (name === 'RSA-PSS') return { name: 'RSA-PSS', hash, namedCurve: undefined };
  if (name === 'ECDSA') return { name: 'ECDSA', hash: undefined, namedCurve: key.algorithm.namedCurve || undefined };
  throw new FortifyError('This certificate’s key cannot sign.', { details: `key algorithm ${key.algorithm.name}` });
}

/** ECDSA signs with the asked hash (or the curve's); an RSA key is bound to one hash, and asking for another throws. */
export function signAlgorithmOf(
  algorithm: FortifyKeyAlgorithm,
  parameters: FortifySignParameters = {},
): Algorithm | EcdsaParams | RsaPssParams {
  if (algorithm.name === 'ECDSA') {
    const hash = parameters.hash ?? DEFAULT_ECDSA_HASH[algorithm.namedCurve ?? ''] ?? 'SHA-256';
    return { name: 'ECDSA', hash } satisfies EcdsaParams;
  }
  if (parameters.hash && algorithm.hash && parameters.hash !== algorithm.hash) {
    throw new FortifyError('This token key signs with a different hash algorithm.', {
      details: `the RSA key is bound to ${algorithm.hash}, ${parameters.hash} was requested`,
    });
  }
  return algorithm.name === 'RSA-PSS'
    ? ({ name: 'RSA-PSS', saltLength: HASH_LENGTH[algorithm.hash ?? 'SHA-256'] } satisfies RsaPssParams)
    : { name: algorithm.name };
}
