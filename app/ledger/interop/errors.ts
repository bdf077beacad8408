import { LedgerError } from '../errors';

/** A block header (or its extraData) that is not in Besu's QBFT layout. */
export class QbftHeaderError extends LedgerError {
  override name = 'QbftHeaderError';
  constructor(details: string) {
    super('The block header is not a valid QBFT header.', { details, messageKey: 'ledger.interop.invalidQbftHeader' });
  }
}

/** The validators' signing process did not answer with seals. */
export class SealerError extends LedgerError {
  override name = 'SealerError';
  constructor(url: string, details: string, cause?: unknown) {
    super('The validators’ signing process did not seal the header.', { details: `${url}: ${details}`, cause, messageKey: 'ledger.interop.sealerFailed' });
  }
}
