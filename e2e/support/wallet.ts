// An injected EIP-6963 wallet for the end-to-end tests. The development connectors never reject, so the
// failure stories need a wallet the test can steer: this one announces an EIP-1193 provider that
// forwards every request to the anvil RPC for one unlocked development account, and rejects
// eth_sendTransaction with code 4001 ("User rejected the request") while the test says so.
import type { Page } from '@playwright/test';

export type TestWalletParameters = {
  /** The anvil RPC URL (anvil answers CORS requests, so the page may call it directly). */
  readonly rpcUrl: string;
  /** An account anvil holds unlocked (a development account). */
  readonly address: `0x${string}`;
  /** The name the wallet announces; the app shows "Connect <name>". */
  readonly name?: string;
};

export const testWalletName = 'Test Wallet';

type InitArguments = { rpcUrl: string; address: string; name: string };

/** Runs in the page before any of its scripts: announces the provider the EIP-6963 way. */
function installWallet({ rpcUrl, address, name }: InitArguments) {
  type Listener = (...args: unknown[]) => void;
  const listeners = new Map<string, Set<Listener>>();
  const flags = window as unknown as { __walletRejects?: boolean };
  let nextId = 1;
  // Like a real wallet: no account is exposed to the page until the person connects.
  let authorized = false;
  const rpc = async (method: string, params: unknown) => {
    const response = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params: params ?? [] }),
    });
    const body = (await response.json()) as { result?: unknown; error?: { code: number; message: string; data?: unknown } };
    if (body.error) throw Object.assign(new Error(body.error.message), body.error);
    return body.result;
  };
  const provider = {
    async request({ method, params }: { method: string; params?: unknown }) {
      switch (method) {
        case 'eth_requestAccounts':
        case 'wallet_requestPermissions':
          authorized = true;
          return method === 'eth_requestAccounts' ? [address] : [{ parentCapability: 'eth_accounts' }];
        case 'eth_accounts':
          return authorized ? [address] : [];
        case 'wallet_getPermissions':
          return authorized ? [{ parentCapability: 'eth_accounts' }] : [];
        case 'wallet_revokePermissions':
          authorized = false;
          return null;
        case 'wallet_switchEthereumChain':
          return null;
        case 'eth_sendTransaction':
          if (flags.__walletRejects) throw Object.assign(new Error('User rejected the request.'), { code: 4001 });
          return rpc(method, params);
        default:
          return rpc(method, params);
      }
    },
    on(event: string, listener: Listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      return provider;
    },
    removeListener(event: string, listener: Listener) {
      listeners.get(event)?.delete(listener);
      return provider;
    },
  };
  const info = { uuid: crypto.randomUUID(), name, rdns: 'test.wallet', icon: 'data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg"/%3E' };
  const announce = () => window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail: Object.freeze({ info, provider }) }));
  window.addEventListener('eip6963:requestProvider', announce);
  announce();
}

/** Installs the test wallet in `page` (before its next navigation). */
export async function installTestWallet(page: Page, { rpcUrl, address, name = testWalletName }: TestWalletParameters) {
  await page.addInitScript(installWallet, { rpcUrl, address, name });
}

/** From now on the wallet rejects (code 4001) or sends every eth_sendTransaction. */
export async function setWalletRejects(page: Page, rejects: boolean) {
  await page.evaluate((value) => {
    (window as unknown as { __walletRejects?: boolean }).__walletRejects = value;
  }, rejects);
}
