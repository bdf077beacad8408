export { LedgerStatus } from './LedgerStatus';
export { WalletPanel } from './WalletPanel';
export { LedgerSwitcher } from './LedgerSwitcher';
