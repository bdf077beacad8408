/**
 * The relayer's ports over JSON-RPC (viem). The light client's calls follow the fixed interface
 * contracts/src/interfaces/ILedgerLightClient.sol; what the export chain and PeerTrust look like comes
 * in as `PeeringBindings` (the actions of app/ledger/peering), so this file does not guess their ABI.
 */
import {
  createPublicClient,
  createWalletClient,
  http,
  numberToHex,
  parseAbi,
  type Account,
  type Address,
  type Chain,
  type Hash,
  type Hex,
  type PublicClient,
  type RpcBlock,
  type Transport,
  type WalletClient,
} from 'viem';
import { getProof, readContract, waitForTransactionReceipt, writeContract } from 'viem/actions';
import {
  encodeQbftHeader,
  getSealerValidators,
  qbftCommitHash,
  requestQbftSeals,
  unsealedQbftExtraData,
  withQbftSeals,
  type HeaderBlock,
} from '../app/ledger/interop/index.ts';
import type { ExportEntry, HeaderSealer, PeerState, SourceLedger, TargetLedger } from './ports.ts';

export type RelayerWallet = WalletClient<Transport, Chain, Account>;

/** How the relayer reads A's export chain and talks to B's PeerTrust (bound to the contracts' actions). */
export type PeeringBindings = {
  /** The storage slot of A's Trust Store that holds the export head. */
  readonly exportHeadSlot: Hex;
  readonly exportEntries: (
    client: PublicClient,
    params: { readonly trustStore: Address; readonly afterSeq: bigint; readonly fromBlock: bigint; readonly toBlock: bigint },
  ) => Promise<readonly ExportEntry[]>;
  readonly peerState: (client: PublicClient, params: { readonly peerTrust: Address; readonly ledgerId: Hex }) => Promise<PeerState>;
  readonly sync: (
    wallet: RelayerWallet,
    params: {
      readonly peerTrust: Address;
      readonly ledgerId: Hex;
      readonly number: bigint;
      readonly accountProof: readonly Hex[];
      readonly storageProof: readonly Hex[];
      readonly entries: readonly ExportEntry[];
    },
  ) => Promise<Hash>;
  /**
   * After a sync: publishes on B the certificates of anchors A announced (B checks each against the
   * announced hash), so holders under them can register on B. Optional.
   */
  readonly publishCertificates?: (
    client: PublicClient,
    wallet: RelayerWallet,
    params: { readonly peerTrust: Address; readonly entries: readonly ExportEntry[] },
  ) => Promise<void>;
};

export const ledgerLightClientAbi = parseAbi([
  'struct ProvenHeader { uint64 number; uint64 timestamp; bytes32 stateRoot; }',
  'function submitHeader(bytes32 ledgerId, bytes headerRlp)',
  'function latestHeader(bytes32 ledgerId) view returns (ProvenHeader)',
  'function headerAt(bytes32 ledgerId, uint64 number) view returns (ProvenHeader)',
]);

export type LedgerEndpoint = { readonly chainId: number; readonly rpcUrl: string };

export function ledgerChain(ledger: LedgerEndpoint): Chain {
  return {
    id: ledger.chainId,
    name: `Chain ${ledger.chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [ledger.rpcUrl] } },
  };
}

export function rpcSource(ledger: LedgerEndpoint & { readonly trustStore: Address }, bindings: PeeringBindings): SourceLedger {
  const client = createPublicClient({ chain: ledgerChain(ledger), transport: http(ledger.rpcUrl, { retryCount: 0 }) }) as PublicClient;
  return {
    chainId: ledger.chainId,
    latestBlockNumber: () => client.getBlockNumber({ cacheTime: 0 }),
    rawBlock: async (number) => {
      // The raw JSON-RPC block, not viem's formatted one: the sealer re-encodes exactly these header fields.
      const block = await client.request({ method: 'eth_getBlockByNumber', params: [numberToHex(number), false] });
      if (!block) throw new Error(`chain ${ledger.chainId} has no block ${number}`);
      return block as RpcBlock;
    },
    exportEntries: (params) => bindings.exportEntries(client, { trustStore: ledger.trustStore, ...params }),
    exportProof: async (number) => {
      const proof = await getProof(client, { address: ledger.trustStore, storageKeys: [bindings.exportHeadSlot], blockNumber: number });
      return { accountProof: proof.accountProof, storageProof: proof.storageProof[0]?.proof ?? [] };
    },
  };
}

export function rpcTarget(
  ledger: LedgerEndpoint & { readonly lightClient: Address; readonly peerTrust: Address },
  account: Account,
  bindings: PeeringBindings,
): TargetLedger {
  const chain = ledgerChain(ledger);
  const client = createPublicClient({ chain, transport: http(ledger.rpcUrl, { retryCount: 0 }) }) as PublicClient;
  const wallet = createWalletClient({ chain, transport: http(ledger.rpcUrl, { retryCount: 0 }), account });
  const mined = async (hash: Hash) => {
    const receipt = await waitForTransactionReceipt(client, { hash });
    if (receipt.status !== 'success') throw new Error(`transaction ${hash} reverted on chain ${ledger.chainId}`);
    return receipt;
  };
  return {
    chainId: ledger.chainId,
    peerState: (ledgerId) => bindings.peerState(client, { peerTrust: ledger.peerTrust, ledgerId }),
    hasHeader: async (ledgerId, number) => {
      const latest = await readContract(client, { address: ledger.lightClient, abi: ledgerLightClientAbi, functionName: 'latestHeader', args: [ledgerId] });
      if (latest.number < number) return false;
      // headerAt reverts for a header never accepted.
      return readContract(client, { address: ledger.lightClient, abi: ledgerLightClientAbi, functionName: 'headerAt', args: [ledgerId, number] }).then(
        () => true,
        () => false,
      );
    },
    submitHeader: async (ledgerId, headerRlp) => {
      const hash = await writeContract(wallet, { address: ledger.lightClient, abi: ledgerLightClientAbi, functionName: 'submitHeader', args: [ledgerId, headerRlp] });
      await mined(hash);
      return hash;
    },
    sync: async (params) => {
      const hash = await bindings.sync(wallet, { peerTrust: ledger.peerTrust, ...params });
      const { blockNumber } = await mined(hash);
      await bindings.publishCertificates?.(client, wallet, { peerTrust: ledger.peerTrust, entries: params.entries });
      return { hash, blockNumber };
    },
  };
}

/**
 * A's header sealed by its validators' signing process (scripts/interop/sealer.ts, protocol in
 * app/ledger/interop/sealer.ts): the relayer encodes anvil's real header fields with Besu's QBFT
 * extraData (A's validators, round 0), asks the process for a quorum of committed seals over the QBFT
 * commit hash, and puts them in the header. The keys never leave that process.
 */
export function qbftSealer(url: string): HeaderSealer {
  const sealer = { url };
  let validators: Promise<readonly Address[]> | undefined;
  return {
    seal: async (block) => {
      validators ??= getSealerValidators(sealer).catch((error: unknown) => {
        validators = undefined;
        throw error;
      });
      const unsealed = encodeQbftHeader(block as HeaderBlock, unsealedQbftExtraData(await validators));
      const seals = await requestQbftSeals(sealer, { commitHash: qbftCommitHash(unsealed) });
      return withQbftSeals(unsealed, seals);
    },
  };
}
