export * from './network';
export * from './NetworkContext';
export * from './wagmi';
export * from './useLedgerClient';
export * from './useWriteClient';
export * from './env';
export * from './useLedgerWrite';
export * from './useRefreshLedgerOnNewBlocks';
