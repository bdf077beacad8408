/**
 * The testing entry of app/pki: the demo-PKI generator (the embedded default's two national-shaped
 * hierarchies, PKCS#12 identities) and the certificate issuer under it. Used by scripts, tests and e2e;
 * `@/pki` (index.ts) does not re-export it, so the app's bundle never carries it.
 */
export {
  buildDemoPkis,
  DEMO_ICP_BRASIL_A3_POLICY,
  DEMO_PASSWORD,
  type BuildDemoPkisParameters,
  type BuildDemoPkisReturnType,
  type DemoCertificateEntry,
  type DemoHolderEntry,
  type DemoManifest,
  type DemoPkiManifest,
} from './demo/generate';
export * from './demo/issue';
