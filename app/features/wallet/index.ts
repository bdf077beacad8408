export { LedgerStatus } from './LedgerStatus';
export { WalletPanel } from './WalletPanel';
