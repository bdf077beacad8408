import { BaseError, fixedMessageError, type BaseErrorOptions, type PlainMessageKey } from '@/errors';

/** Details and cause for logs, and the key of the sentence when it is not the generic one. */
export type FortifyErrorParameters = BaseErrorOptions & { readonly messageKey?: PlainMessageKey };

/**
 * Base of every error this module throws, under the app's error root: a short message for developers,
 * details and cause for logs (never shown as the user's sentence), and the key of the sentence people see.
 */
export class FortifyError extends BaseError {
  override name = 'FortifyError';

  constructor(shortMessage: string, parameters: FortifyErrorParameters = {}) {
    super(shortMessage, { messageKey: 'fortify.error.FortifyError', ...parameters });
  }
}

/** Nothing answers at 127.0.0.1:31337 (Fortify not installed or not started, or the browser blocked the call). */
export class FortifyNotRunningError extends fixedMessageError(FortifyError, 'FortifyNotRunningError', 'fortify.error.FortifyNotRunningError', 'Fortify is not running on this computer. Start the Fortify app and try again.') {}

/** The user did not approve this site in the Fortify app (or approved a different PIN). */
export class FortifyNotApprovedError extends fixedMessageError(FortifyError, 'FortifyNotApprovedError', 'fortify.error.FortifyNotApprovedError', 'Fortify did not approve this site. Approve it in the Fortify window if the PIN matches.') {}

/** The smart card or token was removed while in use. */
export class FortifyTokenRemovedError extends FortifyError {
  override name = 'FortifyTokenRemovedError';
  readonly providerId: string;
  constructor(providerId: string, parameters: BaseErrorOptions = {}) {
    super('The smart card or token was removed. Insert it again and retry.', { ...parameters, messageKey: 'fortify.error.FortifyTokenRemovedError' });
    this.providerId = providerId;
  }
}

/** The user cancelled (aborted the connection or the approval). */
export class FortifyUserCancelledError extends fixedMessageError(FortifyError, 'FortifyUserCancelledError', 'fortify.error.FortifyUserCancelledError', 'Cancelled.') {}

/** The certificate has no private key on the token, so it cannot sign. */
export class FortifyKeyNotFoundError extends fixedMessageError(FortifyError, 'FortifyKeyNotFoundError', 'fortify.error.FortifyKeyNotFoundError', 'This certificate has no private key on the token, so it cannot sign.') {}

/** The connection to Fortify dropped (the app quit or the session was closed). */
export class FortifyConnectionClosedError extends fixedMessageError(FortifyError, 'FortifyConnectionClosedError', 'fortify.error.FortifyConnectionClosedError', 'The connection to Fortify was closed. Check that Fortify is running and connect again.') {}
