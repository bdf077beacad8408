import { BaseError as ViemBaseError, ContractFunctionRevertedError, HttpRequestError, UserRejectedRequestError } from 'viem';

export type LedgerErrorParameters = {
  readonly details?: string;
  readonly cause?: unknown;
  /** A key the UI translates into one sentence: what happened, what to do. */
  readonly messageKey: string;
  readonly messageValues?: Readonly<Record<string, string>>;
};

/** The base of every error the ledger code throws: a short message, details, a cause and a message key. */
export class LedgerError extends Error {
  override name = 'LedgerError';
  readonly shortMessage: string;
  readonly details: string | undefined;
  readonly messageKey: string;
  readonly messageValues: Readonly<Record<string, string>>;

  constructor(shortMessage: string, params: LedgerErrorParameters) {
    super(params.details ? `${shortMessage}\n\nDetails: ${params.details}` : shortMessage, { cause: params.cause });
    this.shortMessage = shortMessage;
    this.details = params.details;
    this.messageKey = params.messageKey;
    this.messageValues = params.messageValues ?? {};
  }
}

/**
 * Message-key reasons of refusals whose error name alone would collide or mislead: the PKI signature
 * errors (registration's proof of possession and a transaction signature share them) are not a
 * certificate path's `IdentityRegistry__InvalidSignature`; a weak RSA key is not a malformed DER.
 * Other errors use the part after `__` (`IdentityRegistry__KeyAlreadyBound` -> `KeyAlreadyBound`).
 */
const REFUSAL_REASONS: Readonly<Record<string, string>> = {
  PkiSignature__MessageDigestMismatch: 'pkiSignatureDigestMismatch',
  PkiSignature__SigningCertificateMismatch: 'pkiSignatureCertificateMismatch',
  PkiSignature__InvalidSignature: 'pkiSignatureInvalid',
  X509__InvalidRsaExponent: 'invalidRsaExponent',
};

/** The contract refused the call with one of its custom errors (e.g. `TrustStore__AlreadyVoted`). */
export class ContractRefusedError extends LedgerError {
  override name = 'ContractRefusedError';
  readonly errorName: string;
  readonly args: readonly unknown[];

  constructor(errorName: string, args: readonly unknown[], cause: unknown) {
    // A malformed DER certificate is refused by the DER reader's errors, whichever contract called it.
    const malformed = /^(Der|X509)__/.test(errorName) && !(errorName in REFUSAL_REASONS);
    const reason =
      REFUSAL_REASONS[errorName] ?? (malformed ? 'malformedCertificate' : errorName.includes('__') ? errorName.split('__')[1]! : errorName);
    super(`The contract refused the call: ${errorName}.`, {
      cause,
      details: args.length ? `${errorName}(${args.map(String).join(', ')})` : undefined,
      messageKey: `ledger.refused.${reason}`,
      messageValues: { error: errorName },
    });
    this.errorName = errorName;
    this.args = args;
  }
}

export class LedgerUnavailableError extends LedgerError {
  override name = 'LedgerUnavailableError';
  constructor(url: string | undefined, cause: unknown) {
    super('The ledger node does not answer.', { cause, details: url, messageKey: 'ledger.unavailable' });
  }
}

export class UserRejectedError extends LedgerError {
  override name = 'UserRejectedError';
  constructor(cause: unknown) {
    super('The wallet rejected the request.', { cause, messageKey: 'ledger.userRejected' });
  }
}

/** Maps whatever viem threw to one of our typed errors; unknown errors keep their cause. */
export function toLedgerError(error: unknown): LedgerError {
  if (error instanceof LedgerError) return error;
  if (error instanceof ViemBaseError) {
    const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError && reverted.data?.errorName) {
      return new ContractRefusedError(reverted.data.errorName, reverted.data.args ?? [], error);
    }
    if (error.walk((e) => e instanceof UserRejectedRequestError)) return new UserRejectedError(error);
    const http = error.walk((e) => e instanceof HttpRequestError);
    if (http instanceof HttpRequestError) return new LedgerUnavailableError(http.url, error);
    return new LedgerError(error.shortMessage, { cause: error, details: error.details, messageKey: 'ledger.failed' });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new LedgerError('The ledger call failed.', { cause: error, details: message, messageKey: 'ledger.failed' });
}
