/**
 * EdDSA over the curve E-521, the algorithm of ICP-Brasil's root v7 (key and signature OID
 * 1.3.6.1.4.1.44588.2.1). ITI's algorithm standard DOC-ICP-01.01 admits "EdDSA with E-521" without
 * spelling out the hash and domain string, so this is the construction that verifies the v7 root's own
 * self-signature (the one public test vector; the construction documented in public notes on that
 * root and in pedroalbanese/e521): PureEdDSA as RFC 8032 defines it generically, with
 *  - the curve E-521 (Aranha, Barreto, Pereira, Ricardini, eprint 2013/647; Bernstein-Lange's
 *    SafeCurves): x^2 + y^2 = 1 + d x^2 y^2 over p = 2^521 - 1, d = -376014, cofactor 4, base y = 12;
 *  - points encoded as 66 bytes of y, little-endian, with the low bit of x in the top bit;
 *  - H(x) = SHAKE256(dom || x, 132 bytes), dom = "SigEd521" || phflag (0) || len(context) (0),
 *    the Ed448 pattern (RFC 8032 5.2), read over all 132 bytes, little-endian, mod the order.
 * A signature that does not verify under this construction is reported invalid only when the
 * construction itself is what the key says; nothing else shares the OID.
 */
import { edwards, eddsa, type EdDSA } from '@noble/curves/abstract/edwards.js';
import { shake256 } from '@noble/hashes/sha3.js';
import { concatBytes, utf8 } from '../bytes';
import { ED521_OID } from '../oids';
import type { SignatureVerifier } from './algorithms';
import { eddsaVerifier, verifyEddsaInSoftware } from './eddsa';

const P = 2n ** 521n - 1n;

export const E521_CURVE = {
  p: P,
  n: 2n ** 519n - 337554763258501705789107630418782636071904961214051226618635150085779108655765n,
  h: 4n,
  a: 1n,
  d: P - 376014n,
  Gx: 0x752cb45c48648b189df90cb2296b2878a3bfd9f42fc6c818ec8bf3c9c0c6203913f6ecc5ccc72434b1ae949d568fc99c6059d0fb13364838aa302a940a2f19ba6cn,
  Gy: 12n,
} as const;

const DOM_PREFIX = utf8('SigEd521');

let scheme: EdDSA | undefined;
/** Built on first use: most sessions never meet an E-521 key. */
export function ed521(): EdDSA {
  scheme ??= eddsa(edwards(E521_CURVE), (message: Uint8Array) => shake256(message, { dkLen: 132 }), {
    domain: (data: Uint8Array, context: Uint8Array, phflag: boolean) => concatBytes(DOM_PREFIX, Uint8Array.of(phflag ? 1 : 0, context.length), context, data),
    // Signing clamps nothing here; verification alone is used.
    adjustScalarBytes: (bytes: Uint8Array) => bytes,
  });
  return scheme;
}

export const ed521Verifier: SignatureVerifier = eddsaVerifier({
  oid: ED521_OID,
  name: 'EdDSA over E-521 (ICP-Brasil v7)',
  signatureLabel: 'E-521 EdDSA',
  keyLabel: 'E-521',
  verify: async (parameters) => verifyEddsaInSoftware(ed521(), { keyLabel: 'E-521', key: 66, signature: 132 }, parameters),
});
