import { BaseError, fixedMessageError, type BaseErrorOptions } from '@/errors';

/** Typed errors of the signers, under the app's error root. */
export type SignerErrorParameters = BaseErrorOptions;

export class SignerError extends BaseError {
  override name = 'SignerError';
}

/** The key's algorithm cannot make the signatures we need (CMS with SHA-256, RSA or ECDSA P-256/384/521). */
export class SignerUnsupportedKeyError extends fixedMessageError(SignerError, 'SignerUnsupportedKeyError', 'signers.unsupportedKey', "This certificate's key cannot sign here (RSA or ECDSA P-256/P-384/P-521 keys only).") {}

/** The demo identities could not be loaded (no embedded network, or `npm run pki -- demo` not run). */
export class DemoIdentitiesUnavailableError extends fixedMessageError(SignerError, 'DemoIdentitiesUnavailableError', 'signers.demo.unavailable', 'The demo identities are not available: start the embedded network with npm start.') {}
