// Test support: clients for the real anvil node that Vitest's global setup started.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createPublicClient, createTestClient, createWalletClient, http, sha256, toHex, type Hex } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { inject } from 'vitest';
import { embeddedLedger } from '../networks';
import { tbsHash } from './tbsHash';

const mnemonic = 'test test test test test test test test test test test junk';

export function localLedger() {
  const rpcUrl = inject('anvilRpcUrl');
  const chain = { ...embeddedLedger, rpcUrls: { default: { http: [rpcUrl] } } };
  const transport = http(rpcUrl);
  const publicClient = createPublicClient({ chain, transport });
  const testClient = createTestClient({ chain, transport, mode: 'anvil' });
  const wallet = (index: number) => createWalletClient({ chain, transport, account: mnemonicToAccount(mnemonic, { addressIndex: index }) });
  return { rpcUrl, chain, publicClient, testClient, wallet };
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
