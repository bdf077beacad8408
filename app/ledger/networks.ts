import { BaseError } from '@/errors';
import { defineChain, type Address, type Chain, isAddress } from 'viem';

/** The chain id of the embedded development ledger that `npm start` runs. */
export const embeddedChainId = 31337;

export const embeddedLedger = defineChain({
  id: embeddedChainId,
  name: 'PKI Ledger (embedded)',
  nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
  rpcUrls: { default: { http: ['http://127.0.0.1:8545'] } },
  testnet: true,
});

/** How a ledger network is reached and where our contracts live on it. */
export type NetworkConfig = {
  readonly chainId: number;
  readonly name: string;
  readonly rpcUrl: string;
  readonly contracts: { readonly trustStore: Address } & Readonly<Record<string, Address>>;
  /** Deployment block, from which history is read. */
  readonly fromBlock?: bigint;
  /**
   * The most blocks one eth_getLogs may span: the node's log range limit (Besu's --rpc-max-logs-range).
   * Default 1,000 (DEFAULT_LOG_RANGE).
   */
  readonly logRange?: bigint;
  /** The embedded network offers its development accounts and demo identities. */
  readonly embedded?: boolean;
  /**
   * The revocation relay through which the page fetches CRLs and OCSP answers (CA endpoints send no CORS
   * headers). Not trusted: the engine verifies what it returns. Absent: no online revocation checks.
   */
  readonly relayUrl?: string;
  /**
   * The indexer's API origin: lists (inbox, history, governance) page from it instead of reading every
   * event from the ledger. Not trusted: each item is read again from the ledger; absent or failing, the
   * app reads the ledger alone.
   */
  readonly indexerUrl?: string;
};

/** The network description (network.json) is not valid: the operator fixes it, the page cannot. */
export class NetworkConfigError extends BaseError {
  override name = 'NetworkConfigError';
  constructor(details: string) {
    super('The network configuration is invalid.', { messageKey: 'error.networkConfig', details });
  }
}

/** Validates an untrusted network description (e.g. /network.json) into a NetworkConfig. */
export function parseNetworkConfig(value: unknown): NetworkConfig {
  const fail = (what: string): never => {
    throw new NetworkConfigError(what);
  };
  if (typeof value !== 'object' || value === null) return fail('not an object');
  const v = value as Record<string, unknown>;
  if (typeof v.chainId !== 'number' || !Number.isSafeInteger(v.chainId) || v.chainId <= 0) fail('chainId must be a positive integer');
  if (typeof v.rpcUrl !== 'string' || !/^https?:\/\//.test(v.rpcUrl)) fail('rpcUrl must be an http(s) URL');
  const contracts = v.contracts as Record<string, unknown> | undefined;
  if (typeof contracts !== 'object' || contracts === null) return fail('contracts is missing');
  for (const [name, address] of Object.entries(contracts)) {
    if (typeof address !== 'string' || !isAddress(address)) fail(`contracts.${name} is not an address`);
  }
  if (typeof contracts.trustStore !== 'string') fail('contracts.trustStore is missing');
  if (v.logRange !== undefined && (typeof v.logRange !== 'number' || !Number.isSafeInteger(v.logRange) || v.logRange < 1))
    fail('logRange must be a positive integer (blocks per log request)');
  if (v.relayUrl !== undefined && (typeof v.relayUrl !== 'string' || !/^https?:\/\/[^/?#]+\/?$/.test(v.relayUrl)))
    fail('relayUrl must be the http(s) origin of the revocation relay');
  if (v.indexerUrl !== undefined && (typeof v.indexerUrl !== 'string' || !/^https?:\/\/[^/?#]+\/?$/.test(v.indexerUrl)))
    fail('indexerUrl must be the http(s) origin of the indexer');
  return {
    chainId: v.chainId as number,
    name: typeof v.name === 'string' ? v.name : `Chain ${String(v.chainId)}`,
    rpcUrl: v.rpcUrl as string,
    contracts: contracts as NetworkConfig['contracts'],
    fromBlock: typeof v.fromBlock === 'string' || typeof v.fromBlock === 'number' ? BigInt(v.fromBlock) : undefined,
    embedded: v.embedded === true,
    ...(typeof v.logRange === 'number' ? { logRange: BigInt(v.logRange) } : {}),
    ...(typeof v.relayUrl === 'string' ? { relayUrl: v.relayUrl.replace(/\/$/, '') } : {}),
    ...(typeof v.indexerUrl === 'string' ? { indexerUrl: v.indexerUrl.replace(/\/$/, '') } : {}),
  };
}

export function chainOf(config: NetworkConfig): Chain {
  return defineChain({
    id: config.chainId,
    name: config.name,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [config.rpcUrl] } },
    testnet: config.embedded ?? false,
  });
}
