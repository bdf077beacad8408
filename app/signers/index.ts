// Certificate + private key sources behind one interface (CertificateSigner): a PKCS#12 file, the
// embedded network's demo identities, and smart cards/tokens through Fortify (./fortify, whose
// client scripts load only when a connection is made).
export type { CertificateSigner, SignerAlgorithm, SignerKind } from './types';
export { SignerError, SignerUnsupportedKeyError, DemoIdentitiesUnavailableError, type SignerErrorParameters } from './errors';
export { pkcs12Signer, type Pkcs12SignerParameters } from './pkcs12';
export { preparePkcs12Worker } from './pkcs12Client';
export {
  demoSigner,
  listDemoIdentities,
  type DemoIdentity,
  type DemoSignerParameters,
  type ListDemoIdentitiesParameters,
  type ListDemoIdentitiesReturnType,
} from './demo';
export { fortifySigner } from './fortifySigner';
