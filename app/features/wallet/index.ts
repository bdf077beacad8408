export { LedgerStatus } from './LedgerStatus';
export { WalletPanel } from './WalletPanel';
export { QueryState } from './QueryState';
