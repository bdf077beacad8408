// Interop between ledgers (issue 15): Besu QBFT headers for the light client on the other ledger, and
// the client of the validators' signing process.
export * from './qbft';
export { QbftHeaderError, SealerError } from './errors';
export { getSealerValidators, requestQbftSeals, type Sealer } from './sealer';
