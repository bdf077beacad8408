import { PkiLimitError } from './errors';

/**
 * Caps on the work a file can ask of the engine. Each sits far above what real files use, so that
 * only a file made to exhaust the page meets one; each is checked before the work it bounds starts
 * and refused with `PkiLimitError` (errors.ts), whose sentence names the cap. Exported so callers (file inputs) share one number.
 */

/**
 * Key-derivation rounds one PKCS#12 derivation (PBKDF2, the PKCS#12 KDF, the MAC key) may ask for.
 * Real files: OpenSSL 3 writes 2048 (PKCS12_DEFAULT_ITER), Windows 2000, the JDK 10,000 (50,000 and a
 * 100,000 MAC before JDK 12); OWASP's 2023 advice for PBKDF2-HMAC-SHA256 is 600,000. The same cap as
 * Go's x/crypto pkcs12 (golang/crypto#343); .NET refuses files over 600,000 in all (KB5025823).
 */
export const PKCS12_MAX_ITERATIONS = 1_000_000;

/**
 * Rounds of every derivation of one file together (MAC, each encrypted safe, each shrouded key; the
 * legacy PKCS#12 KDF derives key and IV separately). A real file does three to five derivations.
 */
export const PKCS12_MAX_WORK = 6_000_000;

/**
 * Extensions in one certificate. Real profiles carry ten to fifteen (CA/Browser Forum TLS, ICP-Brasil
 * DOC-ICP-04, RFC 5280's own list is seventeen); the validator walks every one on every path.
 */
export const CERTIFICATE_MAX_EXTENSIONS = 100;

/** Attributes (AVAs, over all RDNs) in one distinguished name; real names have three to ten. */
export const NAME_MAX_ATTRIBUTES = 64;

/**
 * Names in one GeneralNames list (subjectAltName, an issuer name, a distribution point, each
 * name-constraints subtree list). TLS certificates with the most SANs carry a few hundred (Let's
 * Encrypt caps at 100); name constraints multiply names by subtrees on every check.
 */
export const GENERAL_NAMES_MAX = 1024;

/**
 * Content octets of one DER INTEGER: a 16,384-bit RSA modulus and its sign octet, the largest key
 * OpenSSL (OPENSSL_RSA_MAX_MODULUS_BITS) and Chromium's WebCrypto accept.
 */
export const INTEGER_MAX_OCTETS = 2049;

/** Certificates embedded in one CMS signature (.p7s): a signer's chain is three to six. */
export const CMS_MAX_CERTIFICATES = 100;

/** SignerInfos in one CMS signature; the app reads exactly one, so more are refused before pkijs builds them. */
export const CMS_MAX_SIGNERS = 16;

/** A certificate file (PEM, DER, PKCS#7 bundle): a national PKI's whole bundle is a few hundred KB. */
export const CERTIFICATE_FILE_MAX_BYTES = 2 * 1024 * 1024;

/** A PKCS#12 file: real ones, chain included, are 3-30 KB. */
export const PKCS12_FILE_MAX_BYTES = 1024 * 1024;

/** A detached CMS signature (.p7s): the signed attributes, the signature and a chain of a few certificates. */
export const P7S_FILE_MAX_BYTES = 1024 * 1024;

/** Refuses `size` bytes over `maxBytes` (PkiLimitError 'file-size', the cap in KB) before anything reads them. */
export function checkFileSize(size: number, maxBytes: number): void {
  if (size > maxBytes) throw new PkiLimitError('file-size', Math.floor(maxBytes / 1024), { details: `${size} bytes` });
}

/** The bytes of a chosen or dropped file, refused by its size before it is read into memory. */
export async function readBoundedFile(file: Blob, maxBytes: number): Promise<Uint8Array> {
  checkFileSize(file.size, maxBytes);
  return new Uint8Array(await file.arrayBuffer());
}
