/**
 * The EdDSA verifiers of the registry (Ed25519 and Ed448, RFC 8410; E-521, ICP-Brasil v7) share the
 * checks RFC 8410 sets for the family: one OID names both the key and the signature, whose algorithm
 * has no parameters. Each curve then verifies in its own way (WebCrypto, or @noble/curves in software).
 */
import type { SignatureVerifier, VerifySignatureParameters, VerifySignatureReturnType } from './algorithms';

const invalid = (reason: string): VerifySignatureReturnType => ({ status: 'invalid', reason });

export type EddsaScheme = {
  /** The key's and the signature's algorithm OID. */
  readonly oid: string;
  /** For the algorithm policy. */
  readonly name: string;
  /** How the reasons name the signature and the key ('Ed448', 'E-521 EdDSA' and 'E-521'). */
  readonly signatureLabel: string;
  readonly keyLabel: string;
  /** The curve's own verification, once the family's checks passed. */
  readonly verify: (parameters: VerifySignatureParameters) => Promise<VerifySignatureReturnType>;
};

export function eddsaVerifier({ oid, name, signatureLabel, keyLabel, verify }: EddsaScheme): SignatureVerifier {
  return {
    oids: [oid],
    describe: () => ({ name, hash: 'none' }),
    async verify(parameters) {
      const { signatureAlgorithm, publicKey } = parameters;
      if (publicKey.algorithm.oid !== oid) return invalid(`an ${signatureLabel} signature needs an ${keyLabel} key, the issuer key is ${publicKey.algorithm.oid}`);
      if (signatureAlgorithm.parameters) return invalid(`${signatureLabel} signature algorithm parameters must be absent`);
      return verify(parameters);
    },
  };
}

/** The part of a @noble/curves EdDSA scheme used here. */
export type SoftwareEddsa = { verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array, options: { zip215: boolean }): boolean };

/** Verification in software, for the curves WebCrypto lacks: fixed key and signature sizes first. */
export function verifyEddsaInSoftware(
  curve: SoftwareEddsa,
  sizes: { readonly keyLabel: string; readonly key: number; readonly signature: number },
  { publicKey, data, signature }: VerifySignatureParameters,
): VerifySignatureReturnType {
  if (publicKey.publicKey.length !== sizes.key || signature.length !== sizes.signature) return invalid(`an ${sizes.keyLabel} key has ${sizes.key} bytes and a signature ${sizes.signature}`);
  let ok: boolean;
  try {
    // zip215: false keeps RFC 8032's strict point decoding.
    ok = curve.verify(signature, data, publicKey.publicKey, { zip215: false });
  } catch {
    ok = false;
  }
  return ok ? { status: 'valid' } : invalid('the signature does not verify with the issuer public key');
}
