/**
 * Error codes of the Fortify server (webcrypto-local's WebCryptoLocalError), so that clients
 * see the same `code`/`type` pairs as with the real application.
 */
export const FortifyErrorCode = {
  actionNotImplemented: 201,
  memoryStorageOutOfIndex: 351,
  providerCryptoNotFound: 402,
  serverNotLoggedIn: 602,
  /** PKCS#11 CKR_DEVICE_REMOVED. */
  deviceRemoved: 0x32,
  /** PKCS#11 CKR_USER_NOT_LOGGED_IN. */
  userNotLoggedIn: 0x101,
  keyNotApproved: 101,
} as const;

export class FortifyServerError extends Error {
  override readonly name = 'FortifyServerError';
  constructor(
    readonly code: number,
    message: string,
    /** "wcl" for webcrypto-local's own errors, "pkcs11" for a token's CKR_* codes. */
    readonly type: 'wcl' | 'pkcs11' = 'wcl',
  ) {
    super(message);
  }
}
