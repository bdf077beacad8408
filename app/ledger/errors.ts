import { BaseError, type BaseErrorParameters } from '@/errors';
import { BaseError as ViemBaseError, ContractFunctionRevertedError, HttpRequestError, UserRejectedRequestError } from 'viem';

export type LedgerErrorParameters = BaseErrorParameters;

/** The base of every error the ledger code throws (under the app's error root). */
export class LedgerError extends BaseError {
  override name = 'LedgerError';
}

/**
 * Message-key reasons of refusals whose error name alone would collide or mislead: the PKI signature
 * errors (registration's proof of possession and a transaction signature share them) are not a
 * certificate path's `IdentityRegistry__InvalidSignature`; a weak RSA key is not a malformed DER.
 * Other errors use the part after `__` (`IdentityRegistry__KeyAlreadyBound` -> `KeyAlreadyBound`).
 */
const REFUSAL_REASONS: Readonly<Record<string, RefusalReason>> = {
  PkiSignature__MessageDigestMismatch: 'pkiSignatureDigestMismatch',
  PkiSignature__SigningCertificateMismatch: 'pkiSignatureCertificateMismatch',
  PkiSignature__InvalidSignature: 'pkiSignatureInvalid',
  X509__InvalidRsaExponent: 'invalidRsaExponent',
};

/** The refusals with a sentence of their own (`ledger.refused.<reason>`); any other says the error's name. */
export const refusalReasons = [
  'AlreadyVoted',
  'NotMember',
  'NotMemberOfCountry',
  'NotApproved',
  'ProposalExpired',
  'ProposalExecuted',
  'AnchorExists',
  'AnchorNotActive',
  'AnchorNotSuspended',
  'AnchorRetired',
  'UnknownAnchor',
  'AlreadyRevoked',
  'PathNotTrusted',
  'InvalidRevocation',
  'InvalidThreshold',
  'LastMember',
  'MemberExists',
  'InvalidCountry',
  'malformedCertificate',
  'NotRevoked',
  'StaleProposal',
  'DuplicateProposal',
  'NotRootCertificate',
  'UndeclaredException',
  'KeyAlreadyBound',
  'LeafIsCa',
  'LeafPurposeNotAllowed',
  'pkiSignatureDigestMismatch',
  'pkiSignatureCertificateMismatch',
  'pkiSignatureInvalid',
  'KeyAlreadySigned',
  'InvalidSignature',
  'invalidRsaExponent',
  // routes (issue 15)
  'RouteNotLive',
  'AnchorCertificateMissing',
  'HeadMismatch',
  'CountryGovernedLocally',
  // scale (issue 16)
  'NotExpired',
] as const;

export type RefusalReason = (typeof refusalReasons)[number];

function isRefusalReason(reason: string): reason is RefusalReason {
  return (refusalReasons as readonly string[]).includes(reason);
}

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
    const details = args.length ? `${errorName}(${args.map(String).join(', ')})` : undefined;
    super(
      `The contract refused the call: ${errorName}.`,
      isRefusalReason(reason)
        ? { cause, details, messageKey: `ledger.refused.${reason}` as const }
        : { cause, details, messageKey: 'ledger.refused', params: { error: errorName } },
    );
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
