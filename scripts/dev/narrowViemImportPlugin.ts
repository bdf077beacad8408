// Reown AppKit (inside the WalletConnect provider, loaded only when a person picks WalletConnect) calls
// `await import('viem')` for three functions. viem is already in the first page, so the bundler builds
// viem's whole namespace object there: every public action, the signature verifiers and secp256k1
// (about 39 kB gzip). This plugin points that one dynamic import at a module exporting only the three,
// which then loads with WalletConnect. The build fails if the call is gone, so the plugin never outlives it.
import type { Plugin } from 'vite';

const importer = /@reown\/appkit-controllers\/dist\/esm\/src\/utils\/ViemUtil\.js$/;
const call = "import('viem')";
const narrow = 'virtual:viem-public-client';

export function narrowViemImportPlugin(): Plugin {
  return {
    name: 'pki-ledger-narrow-viem-import',
    enforce: 'pre',
    resolveId: (id) => (id === narrow ? `\0${narrow}` : undefined),
    load: (id) => (id === `\0${narrow}` ? "export { createPublicClient, defineChain, http } from 'viem';" : undefined),
    transform(code, id) {
      if (!importer.test(id)) return undefined;
      if (!code.includes(call)) this.error(`${id} no longer contains ${call}: remove narrowViemImportPlugin`);
      return { code: code.replaceAll(call, `import('${narrow}')`), map: null };
    },
  };
}
