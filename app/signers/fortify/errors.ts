import { BaseError, type BaseErrorOptions, type PlainMessageKey } from '@/errors';

export type FortifyErrorParameters = BaseErrorOptions;

/**
 * Base of every error this module throws, under the app's error root: a short message for developers,
 * details and cause for logs (never shown as the user's sentence), and the key of the sentence people see.
 */
export class FortifyError extends BaseError {
  override name = 'FortifyError';

  constructor(shortMessage: string, parameters: FortifyErrorParameters = {}, messageKey: PlainMessageKey = 'fortify.error.FortifyError') {
    super(shortMessage, { ...parameters, messageKey });
  }
}

/** Nothing answers at 127.0.0.1:31337 (Fortify not installed or not started, or the browser blocked the call). */
export class FortifyNotRunningError extends FortifyError {
  override name = 'FortifyNotRunningError';
  constructor(parameters: FortifyErrorParameters = {}) {
    super('Fortify is not running on this computer. Start the Fortify app and try again.', parameters, 'fortify.error.FortifyNotRunningError');
  }
}

/** The user did not approve this site in the Fortify app (or approved a different PIN). */
export class FortifyNotApprovedError extends FortifyError {
  override name = 'FortifyNotApprovedError';
  constructor(parameters: FortifyErrorParameters = {}) {
    super('Fortify did not approve this site. Approve it in the Fortify window if the PIN matches.', parameters, 'fortify.error.FortifyNotApprovedError');
  }
}

/** The smart card or token was removed while in use. */
export class FortifyTokenRemovedError extends FortifyError {
  override name = 'FortifyTokenRemovedError';
  readonly providerId: string;
  constructor(providerId: string, parameters: FortifyErrorParameters = {}) {
    super('The smart card or token was removed. Insert it again and retry.', parameters, 'fortify.error.FortifyTokenRemovedError');
    this.providerId = providerId;
  }
}

/** The user cancelled (aborted the connection or the approval). */
export class FortifyUserCancelledError extends FortifyError {
  override name = 'FortifyUserCancelledError';
  constructor(parameters: FortifyErrorParameters = {}) {
    super('Cancelled.', parameters, 'fortify.error.FortifyUserCancelledError');
  }
}

/** The certificate has no private key on the token, so it cannot sign. */
export class FortifyKeyNotFoundError extends FortifyError {
  override name = 'FortifyKeyNotFoundError';
  constructor(parameters: FortifyErrorParameters = {}) {
    super('This certificate has no private key on the token, so it cannot sign.', parameters, 'fortify.error.FortifyKeyNotFoundError');
  }
}

/** The connection to Fortify dropped (the app quit or the session was closed). */
export class FortifyConnectionClosedError extends FortifyError {
  override name = 'FortifyConnectionClosedError';
  constructor(parameters: FortifyErrorParameters = {}) {
    super('The connection to Fortify was closed. Check that Fortify is running and connect again.', parameters, 'fortify.error.FortifyConnectionClosedError');
  }
}
