export { PeersPage } from './PeersPage';
