/**
 * The relayer's ports over JSON-RPC (viem). The light client's calls follow the fixed interface
 * contracts/src/interfaces/ILedgerLightClient.sol; what the export chain and PeerTrust look like comes
 * in as `PeeringBindings` (the actions of app/ledger/peering), so this file does not guess their ABI.
 */
import {
  createPublicClient,
  createWalletClient,
  http,
  keccak256,
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
  decodeQbftHeader,
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
   * `sync` in one transaction with A's new header (PeerTrust.syncWithHeader): the light client accepts
   * the header and the export head is proven against its state root. Optional: without it the header
   * goes in a transaction of its own (submitHeader) before `sync`.
   */
  readonly syncWithHeader?: (
    wallet: RelayerWallet,
    params: {
      readonly peerTrust: Address;
      readonly ledgerId: Hex;
      readonly headerRlp: Hex;
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
  // A header handed to `submitHeader` while the bindings can carry it with the sync.
  let pending: { readonly ledgerId: Hex; readonly number: bigint; readonly headerRlp: Hex } | undefined;
  const mined = async (hash: Hash) => {
    const receipt = await waitForTransactionReceipt(client, { hash });
    if (receipt.status !== 'success') throw new Error(`transaction ${hash} reverted on chain ${ledger.chainId}`);
    return receipt;
  };
  return {
    chainId: ledger.chainId,
    peerState: (ledgerId) => bindings.peerState(client, { peerTrust: ledger.peerTrust, ledgerId }),
    latestHeaderTimestamp: async (ledgerId) =>
      BigInt((await readContract(client, { address: ledger.lightClient, abi: ledgerLightClientAbi, functionName: 'latestHeader', args: [ledgerId] })).timestamp),
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
      if (bindings.syncWithHeader) {
        // Not sent alone: the header travels in the sync that follows (one transaction, see `sync`).
        // RLP writes zero as the empty string.
        pending = { ledgerId, number: BigInt(`0x0${decodeQbftHeader(headerRlp).fields[8]!.slice(2)}`), headerRlp };
        return keccak256(headerRlp);
      }
      const hash = await writeContract(wallet, { address: ledger.lightClient, abi: ledgerLightClientAbi, functionName: 'submitHeader', args: [ledgerId, headerRlp] });
      await mined(hash);
      return hash;
    },
    sync: async (params) => {
      const header = pending?.ledgerId === params.ledgerId && pending.number === params.number ? pending : undefined;
      pending = undefined;
      const hash =
        header && bindings.syncWithHeader
          ? await bindings.syncWithHeader(wallet, { peerTrust: ledger.peerTrust, ledgerId: params.ledgerId, headerRlp: header.headerRlp, accountProof: params.accountProof, storageProof: params.storageProof, entries: params.entries })
          : await bindings.sync(wallet, { peerTrust: ledger.peerTrust, ...params });
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
