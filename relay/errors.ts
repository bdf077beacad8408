/** An error the relay answers with: an HTTP status, a stable code for the page, and one sentence. */
export type RelayErrorCode =
  | 'bad-request'
  | 'scheme-refused'
  | 'address-refused'
  | 'dns-failed'
  | 'too-many-redirects'
  | 'redirect-refused'
  | 'too-large'
  | 'timeout'
  | 'upstream-status'
  | 'upstream-failed'
  | 'busy'
  | 'origin-refused'
  | 'tsa-not-configured';

export class RelayError extends Error {
  override readonly name = 'RelayError';
  constructor(
    readonly code: RelayErrorCode,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
