import { BaseError } from '@/errors';
import { defineChain, type Address, type Chain, type Hex, isAddress, isHex } from 'viem';

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
  /** The country whose authority governs this ledger's Trust Store, when one does (e.g. "BR"). */
  readonly country?: string;
  /**
   * The time-stamping roots (PEM certificates) the deployer trusts for signature timestamps: a TSA
   * certificate with a valid path to one is "trusted". Not the Trust Store's anchors, which say whose
   * signers a country vouches for, not whose clocks. Absent: timestamps are checked but not anchored.
   */
  readonly tsaRoots?: readonly string[];
};

/** A trust route between two ledgers of the network file: `to`'s governance accepts `from`'s anchors. */
export type LedgerPeering = {
  readonly from: number;
  readonly to: number;
  /** `from` as `to`'s light client and PeerTrust name it (absent: the route is not deployed yet). */
  readonly ledgerId?: Hex;
  /** The agreement's hold timer: a route older than this fails closed. */
  readonly holdSeconds?: number;
};

/**
 * The whole network.json: one ledger (the file every deployment had), or several peered ledgers under
 * `ledgers` with the default one also at the top level, so a reader that knows one ledger still works.
 */
export type NetworkFile = {
  /** The first is the default ledger (the top-level one). */
  readonly ledgers: readonly [NetworkConfig, ...NetworkConfig[]];
  readonly peerings: readonly LedgerPeering[];
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
  if (v.tsaRoots !== undefined && !(Array.isArray(v.tsaRoots) && v.tsaRoots.every((pem) => typeof pem === 'string' && /^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----\s*$/.test(pem.trim()))))
    fail('tsaRoots must list PEM certificates');
  return {
    chainId: v.chainId as number,
    name: typeof v.name === 'string' ? v.name : `Chain ${String(v.chainId)}`,
    rpcUrl: v.rpcUrl as string,
    contracts: contracts as NetworkConfig['contracts'],
    fromBlock: typeof v.fromBlock === 'string' || typeof v.fromBlock === 'number' ? BigInt(v.fromBlock) : undefined,
    embedded: v.embedded === true,
    ...(typeof v.logRange === 'number' ? { logRange: BigInt(v.logRange) } : {}),
    ...(typeof v.relayUrl === 'string' ? { relayUrl: v.relayUrl.replace(/\/$/, '') } : {}),
    ...(typeof v.country === 'string' && /^[A-Z]{2}$/.test(v.country) ? { country: v.country } : {}),
    ...(typeof v.indexerUrl === 'string' ? { indexerUrl: v.indexerUrl.replace(/\/$/, '') } : {}),
    ...(Array.isArray(v.tsaRoots) ? { tsaRoots: v.tsaRoots as string[] } : {}),
  };
}

/** Validates a network.json with one ledger or several (`ledgers`, `peerings`) into a NetworkFile. */
export function parseNetworkFile(value: unknown): NetworkFile {
  const top = parseNetworkConfig(value);
  const v = value as Record<string, unknown>;
  if (v.ledgers === undefined) return { ledgers: [top], peerings: [] };
  if (!Array.isArray(v.ledgers) || v.ledgers.length === 0) throw new NetworkConfigError('ledgers must list at least one ledger');
  // The relay and the development accounts are the deployment's, named once at the top.
  const shared = { embedded: top.embedded, ...(top.relayUrl ? { relayUrl: top.relayUrl } : {}), ...(top.tsaRoots ? { tsaRoots: top.tsaRoots } : {}) };
  const ledgers = v.ledgers.map((l: unknown) => ({ ...parseNetworkConfig(l), ...shared }));
  const ids = new Set(ledgers.map((l) => l.chainId));
  if (ids.size !== ledgers.length) throw new NetworkConfigError('two ledgers have the same chainId');
  const byDefault = ledgers.find((l) => l.chainId === top.chainId);
  if (!byDefault) throw new NetworkConfigError('the top-level chainId must be one of ledgers');
  const peerings = v.peerings === undefined ? [] : v.peerings;
  if (!Array.isArray(peerings)) throw new NetworkConfigError('peerings must be a list');
  const parsedPeerings = peerings.map((p: unknown, i): LedgerPeering => {
    const { from, to, ledgerId, holdSeconds } = (p ?? {}) as Record<string, unknown>;
    if (typeof from !== 'number' || typeof to !== 'number' || !ids.has(from) || !ids.has(to) || from === to)
      throw new NetworkConfigError(`peerings[${i}] must name two different ledgers by chainId`);
    if (ledgerId !== undefined && !(typeof ledgerId === 'string' && isHex(ledgerId) && ledgerId.length === 66))
      throw new NetworkConfigError(`peerings[${i}].ledgerId must be 32 bytes of hex`);
    if (holdSeconds !== undefined && !(typeof holdSeconds === 'number' && Number.isSafeInteger(holdSeconds) && holdSeconds > 0))
      throw new NetworkConfigError(`peerings[${i}].holdSeconds must be a whole number of seconds`);
    return { from, to, ...(ledgerId ? { ledgerId: ledgerId as Hex } : {}), ...(holdSeconds ? { holdSeconds: holdSeconds as number } : {}) };
  });
  return { ledgers: [byDefault, ...ledgers.filter((l) => l !== byDefault)], peerings: parsedPeerings };
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
