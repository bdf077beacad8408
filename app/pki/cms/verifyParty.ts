import { fromHex } from '../bytes';
import { verifySignature } from '../crypto/algorithms';
import { SignatureOid } from '../oids';
import { parseCertificate } from '../x509/certificate';

type Hex = `0x${string}`;

/** DER of the messageDigest attribute up to its value: SEQUENCE { OID 1.2.840.113549.1.9.4, SET { OCTET STRING (32) } }. */
const MESSAGE_DIGEST_PREFIX = Uint8Array.from([0x30, 0x2f, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x04, 0x31, 0x22, 0x04, 0x20]);

export type VerifyPartySignatureParameters = {
  /** The signer's certificate (DER), from the IdentityRegistry's IdentityRegistered event. */
  readonly certificate: Uint8Array;
  /** From the TransactionSigned event. */
  readonly signedAttributes: Hex;
  readonly signature: Hex;
  /** The EIP-712 digest the CMS signature's content is. */
  readonly digest: Hex;
};

export type VerifyPartySignatureReturnType = {
  /** The signed attributes' messageDigest is SHA-256 of the 32-byte EIP-712 digest. */
  readonly messageDigestMatches: boolean;
  /** The signature over the signed attributes verifies with the certificate's public key. */
  readonly signatureValid: boolean;
  readonly reason: string | undefined;
};

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * Re-checks, in the browser, one party's PKI signature as the ledger recorded it: the content is the
 * EIP-712 digest and the signature verifies with the certificate (SHA-256 with RSA or ECDSA, as signed).
 */
export async function verifyPartySignature(parameters: VerifyPartySignatureParameters): Promise<VerifyPartySignatureReturnType> {
  const signedAttributes = fromHex(parameters.signedAttributes);
  const expected = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', fromHex(parameters.digest).slice()));
  const messageDigestMatches = contains(signedAttributes, Uint8Array.from([...MESSAGE_DIGEST_PREFIX, ...expected]));
  const certificate = await parseCertificate(parameters.certificate);
  const oid = certificate.subjectPublicKeyInfo.algorithm.oid === '1.2.840.10045.2.1' ? SignatureOid.ecdsaWithSha256 : SignatureOid.sha256WithRsa;
  const result = await verifySignature({
    signatureAlgorithm: { oid, parameters: undefined, der: new Uint8Array() },
    publicKey: certificate.subjectPublicKeyInfo,
    data: signedAttributes,
    signature: fromHex(parameters.signature),
  });
  return {
    messageDigestMatches,
    signatureValid: result.status === 'valid',
    reason: result.status === 'valid' ? (messageDigestMatches ? undefined : `messageDigest is not SHA-256(${parameters.digest})`) : result.reason,
  };
}
