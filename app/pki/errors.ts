import { BaseError, fixedMessageError, type BaseErrorOptions, type BaseErrorParameters, type PlainMessageKey } from '../errors/BaseError';

/**
 * The typed errors of app/pki, one tree under `PkiError`, itself under the app's one error root
 * (app/errors, which imports nothing, so the engine stays importable alone): each carries a short message
 * for people, a message key the UI translates, optional details for logs and the underlying cause.
 */
export type PkiErrorParameters = BaseErrorParameters;

/** What a caller may add to a fixed-message error: details for logs, and the cause. */
export type PkiErrorOptions = BaseErrorOptions;

export class PkiError extends BaseError {
  override readonly name: string = 'PkiError';
}

/** Every file kind that is not a certificate, with its English sentence; the UI translates `pki.file.<kind>`. */
const FILE_KIND_SENTENCES = {
  empty: 'The file is empty.',
  'private-key': 'The file holds a private key, not a certificate.',
  'public-key': 'The file holds a bare public key, not a certificate.',
  'certificate-request': 'The file is a certificate signing request (PKCS#10), not a certificate.',
  crl: 'The file is a certificate revocation list, not a certificate.',
  pkcs12: 'The file is a PKCS#12 (.pfx/.p12) key store; open it with its password instead.',
  'cms-without-certificates': 'The file is a PKCS#7/CMS structure that carries no certificates.',
  'pem-unknown': 'The file is PEM but holds no certificate.',
  'not-der': 'The file is neither PEM nor DER.',
  'unknown-der': 'The file is DER but not a certificate, a PKCS#7 bundle or a known PKI structure.',
} as const;

export type CertificateFileKind = keyof typeof FILE_KIND_SENTENCES;

export const certificateFileKinds = Object.keys(FILE_KIND_SENTENCES) as readonly CertificateFileKind[];

export class CertificateFormatError extends PkiError {
  override readonly name = 'CertificateFormatError';
  readonly kind: CertificateFileKind;
  constructor(kind: CertificateFileKind, details?: string, cause?: unknown) {
    super(FILE_KIND_SENTENCES[kind], { messageKey: `pki.file.${kind}`, details, cause });
    this.kind = kind;
  }
}

/** Bytes that are not a DER X.509 certificate (bad DER, or well-formed ASN.1 that is not a certificate). */
export class CertificateParseError extends PkiError {
  override readonly name = 'CertificateParseError';
  constructor(details: string, cause?: unknown) {
    super('The certificate could not be parsed.', { messageKey: 'pki.cert.malformed', details, cause });
  }
}

export class CrlParseError extends PkiError {
  override readonly name = 'CrlParseError';
  constructor(details: string, cause?: unknown) {
    super('The revocation list could not be parsed.', { messageKey: 'pki.crl.malformed', details, cause });
  }
}

/** A revocation source at `url` (a CRL distribution point, an OCSP responder) that could not be asked. */
export class RevocationSourceError extends PkiError {
  override readonly name: string = 'RevocationSourceError';
  readonly url: string;
  constructor(shortMessage: string, parameters: { readonly url: string; readonly messageKey: PlainMessageKey; readonly details: string; readonly cause?: unknown }) {
    super(shortMessage, parameters);
    this.url = parameters.url;
  }
}

/** A validation time that is not a real instant (`new Date(NaN)`, an unparsable string). */
export class InvalidTimeError extends PkiError {
  override readonly name = 'InvalidTimeError';
  constructor(details?: string) {
    super('The validation time is not a valid date.', { messageKey: 'pki.time.invalid', details });
  }
}

/**
 * The time the engine checks validity at: `time`, or now when absent. Every entry point that takes a
 * time goes through here, because an invalid Date compares false with everything and would
 * silently pass every validity check.
 */
export function validationTime(time: Date | undefined): Date {
  if (time === undefined) return new Date();
  if (!(time instanceof Date) || Number.isNaN(time.getTime())) throw new InvalidTimeError(`got ${String(time)}`);
  return time;
}

/** The PKCS#12 password does not open the file (MAC or decryption check failed). */
export class Pkcs12WrongPasswordError extends fixedMessageError(PkiError, 'Pkcs12WrongPasswordError', 'pki.pkcs12.wrong-password', 'The password does not open this PKCS#12 file.') {}

/** The file is not a well-formed PKCS#12 (PFX) structure. */
export class Pkcs12MalformedError extends fixedMessageError(PkiError, 'Pkcs12MalformedError', 'pki.pkcs12.malformed', 'The file is not a valid PKCS#12 (.p12/.pfx) file.') {}

/** The PKCS#12 file uses an encryption, MAC or key algorithm this code does not implement. */
export class Pkcs12UnsupportedError extends PkiError {
  override readonly name: string = 'Pkcs12UnsupportedError';
  constructor(what: string, options: PkiErrorOptions = {}) {
    super(`The PKCS#12 file uses an unsupported algorithm: ${what}.`, { messageKey: 'pki.pkcs12.unsupported', ...options });
  }
}

/** A CMS structure could not be built or parsed. */
export class CmsMalformedError extends fixedMessageError(PkiError, 'CmsMalformedError', 'pki.cms.malformed', 'The CMS signature is malformed.') {}

/** The key or signature algorithm is known but not implemented for this operation. */
export class UnsupportedAlgorithmError extends PkiError {
  override readonly name: string = 'UnsupportedAlgorithmError';
  readonly algorithm: string;
  constructor(algorithm: string, options: PkiErrorOptions = {}) {
    super(`Unsupported algorithm: ${algorithm}.`, { messageKey: 'pki.algorithm.unsupported', ...options });
    this.algorithm = algorithm;
  }
}

/** Malformed SM2 key or signature input (not a failed verification, which returns false). */
export class Sm2InputError extends PkiError {
  override readonly name: string = 'Sm2InputError';
  constructor(details: string, options: PkiErrorOptions = {}) {
    super('The SM2 key or signature is malformed.', { messageKey: 'pki.sm2.malformed-input', details, ...options });
  }
}

// ---- sm2-browser: software SM2 keys and SM2 PKCS#12 files

/** An SM2 private key was used after the person forgot the certificate (its scalar is zeroed). */
export class Sm2KeyDestroyedError extends fixedMessageError(PkiError, 'Sm2KeyDestroyedError', 'pki.sm2.key-destroyed', 'This certificate was forgotten: open its PKCS#12 file again to sign.') {}

/** The private key in a PKCS#12 file is not the key of any certificate in it. */
export class Pkcs12KeyMismatchError extends fixedMessageError(PkiError, 'Pkcs12KeyMismatchError', 'pki.pkcs12.key-mismatch', 'The private key in this PKCS#12 file does not belong to its certificate: ask the issuer for a correct file.') {}

/** An SM2 key was offered to a signing path that only holds WebCrypto or token keys (RSA, ECDSA). */
export class Sm2SigningUnsupportedError extends fixedMessageError(PkiError, 'Sm2SigningUnsupportedError', 'pki.sm2.signing-unsupported', 'This SM2 (ShangMi) key cannot sign here: open its PKCS#12 file with the PKCS#12 option, which signs with SM2.') {}

// ---- hostile files: bounded work

/**
 * What a file can ask the engine to spend without bound (key-derivation rounds, list lengths, sizes):
 * each has a cap far above any real file, and the UI translates `pki.limit.<kind>`, naming the cap.
 */
export const pkiLimitKinds = [
  'file-size',
  'pkcs12-iterations',
  'pkcs12-work',
  'certificate-extensions',
  'name-attributes',
  'general-names',
  'integer-size',
  'cms-certificates',
  'cms-signers',
] as const;

export type PkiLimitKind = (typeof pkiLimitKinds)[number];

/** A file that asks for more work than the cap of `kind` allows: refused before that work starts. */
export class PkiLimitError extends PkiError {
  override readonly name = 'PkiLimitError';
  readonly kind: PkiLimitKind;
  readonly limit: number;
  constructor(kind: PkiLimitKind, limit: number, options: PkiErrorOptions = {}) {
    super(`The file exceeds a safety limit (${kind}: at most ${limit}).`, { messageKey: `pki.limit.${kind}`, params: { limit }, ...options });
    this.kind = kind;
    this.limit = limit;
  }
}
