/**
 * Typed errors of the key-handling half of app/pki (PKCS#12, CMS, SM2, demo PKIs).
 * Each has a short message for people, a message key the UI translates, optional details for
 * logs, and the original cause (the same shape as the PKI engine's PkiError).
 */
import { PkiError } from './errors';

export type PkiKeysErrorParameters = {
  details?: string | undefined;
  cause?: unknown;
};

/** The base of the key-handling errors: a PkiError, so callers catch one type for all of app/pki. */
export class PkiKeysError extends PkiError {
  override readonly name: string = 'PkiKeysError';

  constructor(shortMessage: string, messageKey: string, { details, cause }: PkiKeysErrorParameters = {}) {
    super(shortMessage, { messageKey, ...(details === undefined ? {} : { details }), cause });
  }
}

/** The PKCS#12 password does not open the file (MAC or decryption check failed). */
export class Pkcs12WrongPasswordError extends PkiKeysError {
  override readonly name: string = 'Pkcs12WrongPasswordError';
  constructor(parameters: PkiKeysErrorParameters = {}) {
    super('The password does not open this PKCS#12 file.', 'pki.pkcs12.wrong-password', parameters);
  }
}

/** The file is not a well-formed PKCS#12 (PFX) structure. */
export class Pkcs12MalformedError extends PkiKeysError {
  override readonly name: string = 'Pkcs12MalformedError';
  constructor(parameters: PkiKeysErrorParameters = {}) {
    super('The file is not a valid PKCS#12 (.p12/.pfx) file.', 'pki.pkcs12.malformed', parameters);
  }
}

/** The PKCS#12 file uses an encryption, MAC or key algorithm this code does not implement. */
export class Pkcs12UnsupportedError extends PkiKeysError {
  override readonly name: string = 'Pkcs12UnsupportedError';
  constructor(what: string, parameters: PkiKeysErrorParameters = {}) {
    super(`The PKCS#12 file uses an unsupported algorithm: ${what}.`, 'pki.pkcs12.unsupported', parameters);
  }
}

/** A CMS structure could not be built or parsed. */
export class CmsMalformedError extends PkiKeysError {
  override readonly name: string = 'CmsMalformedError';
  constructor(parameters: PkiKeysErrorParameters = {}) {
    super('The CMS signature is malformed.', 'pki.cms.malformed', parameters);
  }
}

/** The key or signature algorithm is known but not implemented for this operation. */
export class UnsupportedAlgorithmError extends PkiKeysError {
  override readonly name: string = 'UnsupportedAlgorithmError';
  readonly algorithm: string;
  constructor(algorithm: string, parameters: PkiKeysErrorParameters = {}) {
    super(`Unsupported algorithm: ${algorithm}.`, 'pki.algorithm.unsupported', parameters);
    this.algorithm = algorithm;
  }
}

/** Malformed SM2 key or signature input (not a failed verification, which returns false). */
export class Sm2InputError extends PkiKeysError {
  override readonly name: string = 'Sm2InputError';
  constructor(details: string, parameters: PkiKeysErrorParameters = {}) {
    super('The SM2 key or signature is malformed.', 'pki.sm2.malformed-input', { details, ...parameters });
  }
}
