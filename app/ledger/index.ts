export * from './countries';
export * from './errors';
export * from './networks';
export * from './trustStore';
export * from './developmentAccounts';
export * from './identity';
export * from './transactions';
export { type LedgerWriteClient } from './_writeContract';
