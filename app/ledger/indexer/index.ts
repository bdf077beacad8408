export * from './client';
export * from './getIndexedTransactions';
export * from './getIndexedGovernance';
export * from './checkIndexedTransactions';
export * from './queries';
export * from './getGovernanceHistory';
