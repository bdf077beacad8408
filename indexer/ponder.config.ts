// Which ledger and contracts the indexer follows: the network.json the app reads (INDEXER_NETWORK_FILE,
// else ../data/network.json), so the indexer and the app can never disagree about addresses. The
// database: PostgreSQL when DATABASE_URL is set (production), else the embedded PGlite in
// INDEXER_DATA_DIR (npm start).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createConfig } from 'ponder';
import type { Address } from 'viem';
import { identityRegistryAbi } from '../contracts-abi/IdentityRegistry.ts';
import { transactionRegistryAbi } from '../contracts-abi/TransactionRegistry.ts';
import { trustStoreAbi } from '../contracts-abi/TrustStore.ts';

type Network = {
  readonly chainId: number;
  readonly rpcUrl: string;
  readonly fromBlock?: string | number;
  readonly contracts: { readonly trustStore: Address; readonly identityRegistry?: Address; readonly transactionRegistry?: Address };
};

const networkFile = process.env.INDEXER_NETWORK_FILE ?? path.resolve(import.meta.dirname, '..', 'data', 'network.json');
const network = JSON.parse(readFileSync(networkFile, 'utf8')) as Network;
const startBlock = Number(network.fromBlock ?? 0);
const { identityRegistry, transactionRegistry, trustStore } = network.contracts;
if (!identityRegistry || !transactionRegistry) throw new Error(`${networkFile} names no identityRegistry or transactionRegistry.`);

export default createConfig({
  database: process.env.DATABASE_URL
    ? { kind: 'postgres', connectionString: process.env.DATABASE_URL }
    : { kind: 'pglite', directory: process.env.INDEXER_DATA_DIR ?? path.resolve(import.meta.dirname, '..', 'data', 'indexer') },
  chains: {
    ledger: {
      id: network.chainId,
      rpc: process.env.INDEXER_RPC_URL ?? network.rpcUrl,
      // A local ledger mines a block per transaction: poll often so the inbox follows within a second.
      pollingInterval: Number(process.env.INDEXER_POLLING_MS ?? 1_000),
    },
  },
  contracts: {
    TrustStore: { chain: 'ledger', abi: trustStoreAbi, address: trustStore, startBlock },
    IdentityRegistry: { chain: 'ledger', abi: identityRegistryAbi, address: identityRegistry, startBlock },
    TransactionRegistry: { chain: 'ledger', abi: transactionRegistryAbi, address: transactionRegistry, startBlock },
  },
});
