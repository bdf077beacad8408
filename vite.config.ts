import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { FORTIFY_ADDRESS } from './app/signers/fortify/detect.ts';
import { demoPkiPlugin } from './scripts/dev/demoPkiPlugin.ts';
import { contentSecurityPolicyPlugin } from './scripts/dev/contentSecurityPolicy.ts';
import { narrowViemImportPlugin } from './scripts/dev/narrowViemImportPlugin.ts';
import { networkFilePlugin, servedNetworkFile } from './scripts/dev/networkFilePlugin.ts';

export default defineConfig({
  plugins: [react(), networkFilePlugin(), demoPkiPlugin(), narrowViemImportPlugin(), contentSecurityPolicyPlugin(servedNetworkFile, FORTIFY_ADDRESS)],
  resolve: {
    alias: {
      '@abi': fileURLToPath(new URL('./contracts-abi', import.meta.url)),
      '@': fileURLToPath(new URL('./app', import.meta.url)),
    },
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  build: { target: 'es2022', sourcemap: true },
  // The PKCS#12 worker as an ES module (it is started with type 'module'): its dynamic imports stay
  // separate chunks, so node-forge (legacy 3DES/RC2 files only) is not loaded before every first open.
  worker: { format: 'es' },
});
