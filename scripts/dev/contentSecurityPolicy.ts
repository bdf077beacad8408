// The Content-Security-Policy the app is served with (`npm start`, `vite preview`, the end-to-end tests),
// and the one a real deployment should send: signing software runs no script but its own bundle and
// talks only to the ledger, the revocation relay and the local Fortify service.
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { Plugin } from 'vite';

export type ContentSecurityPolicyParameters = {
  /** The ledger's JSON-RPC endpoint. */
  readonly rpcUrl?: string;
  /** Every ledger of a network file with several (network.json `ledgers`). */
  readonly ledgers?: readonly { readonly rpcUrl?: string }[];
  /** The revocation relay's origin. */
  readonly relayUrl?: string;
  /** The indexer's origin (lists only; every item is re-read from the ledger). */
  readonly indexerUrl?: string;
  /** The local Fortify service (host:port) that reaches smart cards and tokens. */
  readonly fortify?: string;
  /** WalletConnect's relay and verify servers, offered only when a project id is configured. */
  readonly walletConnect?: boolean;
};

const origin = (url: string) => new URL(url).origin;

export function contentSecurityPolicy(params: ContentSecurityPolicyParameters): string {
  const connect = ["'self'"];
  if (params.rpcUrl) connect.push(origin(params.rpcUrl));
  for (const ledger of params.ledgers ?? []) if (ledger.rpcUrl) connect.push(origin(ledger.rpcUrl));
  if (params.relayUrl) connect.push(origin(params.relayUrl));
  if (params.indexerUrl) connect.push(origin(params.indexerUrl));
  if (params.fortify) connect.push(`https://${params.fortify}`, `wss://${params.fortify}`);
  if (params.walletConnect) connect.push('https://*.walletconnect.com', 'wss://*.walletconnect.com', 'https://*.walletconnect.org', 'wss://*.walletconnect.org');
  return [
    "default-src 'self'",
    // Fortify's WebCrypto socket (protobuf.js) compiles its message codecs with the Function constructor,
    // so smart cards and tokens need 'unsafe-eval'. Scripts still come only from the bundle: no inline
    // script, no other origin.
    "script-src 'self' 'unsafe-eval'",
    // The Fortify certificate picker (Stencil web components) injects its styles at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${[...new Set(connect)].join(' ')}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Sends the policy (with the ledger and relay of the served network.json, which `npm start` may rewrite:
 * read again only when the file changed) and a few companion headers from `vite preview`. The dev server
 * is left without it: React's hot reload needs inline script.
 */
export function contentSecurityPolicyPlugin(networkFile: () => string, fortify: string): Plugin {
  let cached: { readonly key: string; readonly policy: string } | undefined;
  const policy = () => {
    const file = networkFile();
    const key = existsSync(file) ? `${file}:${statSync(file).mtimeMs}` : file;
    if (cached?.key !== key) {
      const network = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { rpcUrl?: string; relayUrl?: string; indexerUrl?: string; ledgers?: { rpcUrl?: string }[] }) : {};
      cached = { key, policy: contentSecurityPolicy({ ...network, fortify, walletConnect: !!process.env.VITE_WALLETCONNECT_PROJECT_ID }) };
    }
    return cached.policy;
  };
  return {
    name: 'pki-ledger-content-security-policy',
    configurePreviewServer(server) {
      server.middlewares.use((_req, res, next) => {
        res.setHeader('Content-Security-Policy', policy());
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.setHeader('Referrer-Policy', 'no-referrer');
        next();
      });
    },
  };
}
