// Serves the demo PKI folder (manifest.json, certificates, the holders' PKCS#12 files) at /demo-pki/
// in the dev server and in `vite preview`, so the app can offer the demo identities of the embedded
// network. The folder is the one beside the served network.json (data/demo-pki for `npm start`, the
// temporary data folder in the end-to-end tests). A real deployment has no such folder: 404.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Connect, Plugin } from 'vite';
import { servedNetworkFile } from './networkFilePlugin.ts';

const types: Record<string, string> = {
  '.json': 'application/json',
  '.p12': 'application/x-pkcs12',
  '.der': 'application/pkix-cert',
  '.pem': 'application/x-pem-file',
};

export function demoPkiFolder(): string {
  return path.join(path.dirname(servedNetworkFile()), 'demo-pki');
}

export function demoPkiPlugin(): Plugin {
  const middleware: Connect.NextHandleFunction = (req, res, next) => {
    const url = req.url?.split('?')[0] ?? '';
    if (!url.startsWith('/demo-pki/')) return next();
    const folder = demoPkiFolder();
    const file = path.resolve(folder, decodeURIComponent(url.slice('/demo-pki/'.length)));
    const type = types[path.extname(file)];
    // Only the demo folder's own files, and only the kinds it holds.
    if (!file.startsWith(folder + path.sep) || !type || !existsSync(file) || !statSync(file).isFile()) {
      res.statusCode = 404;
      res.end('No such demo PKI file: run npm start (it generates the demo PKIs into data/demo-pki).');
      return;
    }
    res.setHeader('content-type', type);
    res.setHeader('cache-control', 'no-store');
    res.end(readFileSync(file));
  };
  return {
    name: 'pki-ledger-demo-pki',
    configureServer: (server) => void server.middlewares.use(middleware),
    configurePreviewServer: (server) => void server.middlewares.use(middleware),
  };
}
