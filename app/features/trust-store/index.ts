export { TrustStorePage } from './TrustStorePage';
