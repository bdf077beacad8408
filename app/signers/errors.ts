/**
 * Typed errors of the signers: a short message for people, a message key the UI translates,
 * details for logs and the cause (the shape of the PKI and ledger errors).
 */
export type SignerErrorParameters = {
  readonly details?: string | undefined;
  readonly cause?: unknown;
  readonly messageValues?: Readonly<Record<string, string>>;
};

export class SignerError extends Error {
  override name = 'SignerError';
  readonly shortMessage: string;
  readonly messageKey: string;
  readonly messageValues: Readonly<Record<string, string>>;
  readonly details: string | undefined;

  constructor(shortMessage: string, messageKey: string, { details, cause, messageValues }: SignerErrorParameters = {}) {
    super(details ? `${shortMessage}\n\nDetails: ${details}` : shortMessage, { cause });
    this.shortMessage = shortMessage;
    this.messageKey = messageKey;
    this.messageValues = messageValues ?? {};
    this.details = details;
  }
}

/** The key's algorithm cannot make the signatures we need (CMS with SHA-256, RSA or ECDSA P-256/384/521). */
export class SignerUnsupportedKeyError extends SignerError {
  override name = 'SignerUnsupportedKeyError';
  constructor(parameters: SignerErrorParameters = {}) {
    super('This certificate\'s key cannot sign here (RSA or ECDSA P-256/P-384/P-521 keys only).', 'signers.unsupportedKey', parameters);
  }
}

/** The demo identities could not be loaded (no embedded network, or `npm run pki -- demo` not run). */
export class DemoIdentitiesUnavailableError extends SignerError {
  override name = 'DemoIdentitiesUnavailableError';
  constructor(parameters: SignerErrorParameters = {}) {
    super('The demo identities are not available: start the embedded network with npm start.', 'signers.demo.unavailable', parameters);
  }
}
