import { bytesEqual, fromHex, sha256 } from '../bytes';
import { signatureOidForKey, verifySignature } from '../crypto/algorithms';
import { isSm2PublicKey } from '../crypto/sm2';
import { sm3 } from '../crypto/sm3';
import { KeyOid, SignatureOid } from '../oids';
import { parseCertificate } from '../x509/certificate';
import { readMessageDigest, readSignedAttributes } from './signed-attributes';

type Hex = `0x${string}`;

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
  /** The signed attributes' messageDigest is SHA-256 (SM3 for an SM2 signer) of the 32-byte EIP-712 digest. */
  readonly messageDigestMatches: boolean;
  /** The signature over the signed attributes verifies with the certificate's public key. */
  readonly signatureValid: boolean;
  readonly reason: string | undefined;
};

const NULL_PARAMETERS = Uint8Array.of(0x05, 0x00);

/**
 * Re-checks, in the browser, one party's PKI signature as the ledger recorded it: the signed
 * attributes' messageDigest is SHA-256 of the EIP-712 digest, and the signature over them verifies
 * with the certificate's key (the algorithm is the one the registry names for that key with SHA-256).
 * An SM2 signer signs as GB/T 35275 says: messageDigest SM3, signature SM2-with-SM3 (default ID).
 */
export async function verifyPartySignature(parameters: VerifyPartySignatureParameters): Promise<VerifyPartySignatureReturnType> {
  const signedAttributes = fromHex(parameters.signedAttributes);
  const certificate = await parseCertificate(parameters.certificate);
  const sm2Signer = isSm2PublicKey(certificate.subjectPublicKeyInfo.der);
  const expected = sm2Signer ? sm3(fromHex(parameters.digest)) : await sha256(fromHex(parameters.digest));
  let messageDigest: Uint8Array | undefined;
  try {
    messageDigest = readMessageDigest(readSignedAttributes(signedAttributes));
  } catch (error) {
    return { messageDigestMatches: false, signatureValid: false, reason: `the signed attributes do not read: ${(error as Error).message}` };
  }
  const messageDigestMatches = messageDigest !== undefined && bytesEqual(messageDigest, expected);
  const keyOid = certificate.subjectPublicKeyInfo.algorithm.oid;
  const oid = sm2Signer ? SignatureOid.sm2WithSm3 : signatureOidForKey(keyOid, 'SHA-256');
  if (oid === undefined) return { messageDigestMatches, signatureValid: false, reason: `no SHA-256 signature algorithm for a ${keyOid} key` };
  const result = await verifySignature({
    signatureAlgorithm: { oid, parameters: keyOid === KeyOid.rsaEncryption ? NULL_PARAMETERS : undefined, der: new Uint8Array() },
    publicKey: certificate.subjectPublicKeyInfo,
    data: signedAttributes,
    signature: fromHex(parameters.signature),
  });
  return {
    messageDigestMatches,
    signatureValid: result.status === 'valid',
    reason: result.status === 'valid' ? (messageDigestMatches ? undefined : `messageDigest is not ${sm2Signer ? 'SM3' : 'SHA-256'}(${parameters.digest})`) : result.reason,
  };
}
