// Test support: clients for the real anvil node that Vitest's global setup started.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createPublicClient, createTestClient, createWalletClient, http, parseEther, sha256, toHex, type Hex } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { inject } from 'vitest';
import { embeddedLedger } from '../networks';
import { minedOn } from './mined';
import { tbsHash } from './tbsHash';

const mnemonic = 'test test test test test test test test test test test junk';

export function localLedger() {
  const rpcUrl = inject('anvilRpcUrl');
  const chain = { ...embeddedLedger, rpcUrls: { default: { http: [rpcUrl] } } };
  const transport = http(rpcUrl);
  const publicClient = createPublicClient({ chain, transport });
  const testClient = createTestClient({ chain, transport, mode: 'anvil' });
  const wallet = (index: number) => createWalletClient({ chain, transport, account: mnemonicToAccount(mnemonic, { addressIndex: index }) });
  /** Wallets at these mnemonic indexes, in order (each test file keeps its own, so nonces are not shared). */
  const wallets = <const indexes extends readonly number[]>(...indexes: indexes) =>
    indexes.map((index) => wallet(index)) as { readonly [i in keyof indexes]: ReturnType<typeof wallet> };
  /** Gives each wallet 100 ETH for gas. */
  const fund = async (...wallets: readonly { readonly account: { readonly address: Hex } }[]) => {
    for (const w of wallets) await testClient.setBalance({ address: w.account.address, value: parseEther('100') });
  };
  /** Waits for a write's receipt; a reverted transaction fails the test, naming its hash. */
  const mined = (sent: Promise<{ readonly hash: Hex }> | { readonly hash: Hex }) => minedOn(publicClient, sent);
  return { rpcUrl, chain, publicClient, testClient, wallet, wallets, fund, mined };
}

const fixturesDir = path.resolve(import.meta.dirname, '..', '..', '..', 'fixtures', 'national-pki');

/**
 * A real national certificate's DER, from fixtures/national-pki; `hash` is its identity (SHA-256 of the
 * tbsCertificate, the anchor hash of the Trust Store), `derHash` the SHA-256 of the whole DER.
 */
export function realCertificate(file: string): { der: Hex; hash: Hex; derHash: Hex } {
  const pem = readFileSync(path.join(fixturesDir, file), 'utf8');
  const base64 = pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  const der = toHex(Buffer.from(base64, 'base64'));
  return { der, hash: tbsHash(der), derHash: sha256(der) };
}
