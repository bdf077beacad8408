// Fortify (smart cards and USB tokens through the Fortify desktop app). Importing this module is
// cheap: the Fortify client scripts load on the first connectFortify() call.
export { detectFortify, FORTIFY_ADDRESS } from './detect';
export type { DetectFortifyParameters, DetectFortifyReturnType } from './detect';
export { connectFortify } from './connection';
export type {
  ConnectFortifyParameters,
  ConnectFortifyReturnType,
  FortifyCertificate,
  FortifyConnection,
  FortifyHashName,
  FortifyKeyAlgorithm,
  FortifyProvider,
  FortifySignParameters,
  FortifyTokenChange,
} from './types';
export { pairCertificatesWithKeys } from './pairing';
export type { CertificateKeyPair } from './pairing';
export * from './errors';
/** The `<peculiar-fortify-certificates>` web component, loaded on demand (~550 kB). */
export { loadFortifyCertificatesElement } from './element';
export type { FortifySelection } from './element';
