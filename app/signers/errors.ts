import { BaseError, type BaseErrorOptions } from '@/errors';

/** Typed errors of the signers, under the app's error root. */
export type SignerErrorParameters = BaseErrorOptions;

export class SignerError extends BaseError {
  override name = 'SignerError';
}

/** The key's algorithm cannot make the signatures we need (CMS with SHA-256, RSA or ECDSA P-256/384/521). */
export class SignerUnsupportedKeyError extends SignerError {
  override name = 'SignerUnsupportedKeyError';
  constructor(parameters: SignerErrorParameters = {}) {
    super("This certificate's key cannot sign here (RSA or ECDSA P-256/P-384/P-521 keys only).", { messageKey: 'signers.unsupportedKey', ...parameters });
  }
}

/** The demo identities could not be loaded (no embedded network, or `npm run pki -- demo` not run). */
export class DemoIdentitiesUnavailableError extends SignerError {
  override name = 'DemoIdentitiesUnavailableError';
  constructor(parameters: SignerErrorParameters = {}) {
    super('The demo identities are not available: start the embedded network with npm start.', { messageKey: 'signers.demo.unavailable', ...parameters });
  }
}
