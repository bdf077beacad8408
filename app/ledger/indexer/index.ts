export * from './client';
export * from './getIndexedTransactions';
export * from './getIndexedGovernance';
export * from './getGovernanceHistory';
export * from './getIndexedBlock';
export * from './indexerTransactionLists';
