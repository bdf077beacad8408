export { WalletPanel } from './WalletPanel';
