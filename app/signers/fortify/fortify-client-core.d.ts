// The package ships types under dist/types only; this deep entry loads the client scripts without
// pulling FortifyAPI (and its copy of @peculiar/x509 1.x) into the bundle.
declare module '@peculiar/fortify-client-core/dist/esm/polyfill.js' {
  export function polyfillInit(): Promise<void>;
}
