// The peering configuration of `npm run deploy -- --peering FILE` (README, "Trust routes"): which peer
// ledgers this ledger's governance is asked to peer with, the peer's consensus as its light client must
// start from, which of the peer's countries are accepted, and the hold timer.
import { createPublicClient, getAddress, http, isAddress, isHex, zeroAddress, type Address, type Hex, type PublicClient, type RpcBlock } from 'viem';
import { countryToBytes2, ledgerIdOf, type Agreement } from '../app/ledger/index.ts';
import { decodeQbftExtraData, encodeQbftHeader, type HeaderBlock } from '../app/ledger/interop/index.ts';
import { qbftSealer } from '../relayer/ledgers.ts';
import { DeployError } from './deployError.ts';

export type PeeringConfig = {
  readonly peer: {
    readonly name: string;
    readonly chainId: number;
    /** Where the relayer and the deploy script read the peer (its genesis and a trusted header). */
    readonly rpcUrl: string;
    /** The peer's Trust Store, whose export head is proven. */
    readonly trustStore: Address;
    /** The peer's QBFT validators at the trusted header (embedded: the sealer's test validators). */
    readonly validators: readonly Address[];
    /** A header older than this stops the light client until governance registers the peer again. */
    readonly trustingPeriodSeconds: number;
    /** The peer's TransactionRegistry, whose records this ledger can verify (absent: none). */
    readonly transactionRegistry?: Address;
    /**
     * A simulated peer only (anvil, which does not seal): its validators' signing process
     * (scripts/interop/sealer.ts) seals the trusted header. A Besu QBFT peer's header carries its seals.
     */
    readonly sealerUrl?: string;
  };
  /** The peer's countries whose anchors this ledger accepts (a peer announces only its own). */
  readonly countries: readonly string[];
  /** A route whose last proof is older than this fails closed. */
  readonly holdSeconds: number;
  /** Explicit peer ledger id; default: derived from the peer's chain id and genesis hash by PeerTrust's rule. */
  readonly ledgerId?: Hex;
};

const fail = (message: string): never => {
  throw new DeployError(`Peering configuration: ${message}`);
};

export function parsePeeringConfig(json: unknown): readonly PeeringConfig[] {
  const list = Array.isArray(json) ? json : (json as { peerings?: unknown } | null)?.peerings;
  if (!Array.isArray(list) || list.length === 0) return fail('give a list of peerings (or {"peerings": [...]}).');
  return list.map((raw: unknown, i): PeeringConfig => {
    const p = (raw ?? {}) as Record<string, unknown>;
    const peer = (p.peer ?? {}) as Record<string, unknown>;
    const where = `peerings[${i}]`;
    if (typeof peer.name !== 'string' || !peer.name) fail(`${where}.peer.name is missing.`);
    if (typeof peer.chainId !== 'number' || !Number.isSafeInteger(peer.chainId) || peer.chainId <= 0) fail(`${where}.peer.chainId must be a positive integer.`);
    if (typeof peer.rpcUrl !== 'string' || !/^https?:\/\//.test(peer.rpcUrl)) fail(`${where}.peer.rpcUrl must be an http(s) URL.`);
    if (typeof peer.trustStore !== 'string' || !isAddress(peer.trustStore)) fail(`${where}.peer.trustStore must be an address.`);
    const validators = Array.isArray(peer.validators) ? peer.validators : [];
    if (validators.length === 0 || !validators.every((v): v is string => typeof v === 'string' && isAddress(v))) fail(`${where}.peer.validators must list the peer's validator addresses.`);
    if (new Set(validators.map((v) => (v as string).toLowerCase())).size !== validators.length) fail(`${where}.peer.validators lists a validator twice.`);
    const trusting = peer.trustingPeriodSeconds;
    if (typeof trusting !== 'number' || !Number.isSafeInteger(trusting) || trusting <= 0) fail(`${where}.peer.trustingPeriodSeconds must be a whole number > 0.`);
    const countries = Array.isArray(p.countries) ? p.countries : [];
    if (countries.length === 0 || !countries.every((c): c is string => typeof c === 'string' && /^[A-Z]{2}$/.test(c))) fail(`${where}.countries must list ISO country codes such as "CN".`);
    const hold = p.holdSeconds;
    if (typeof hold !== 'number' || !Number.isSafeInteger(hold) || hold <= 0) fail(`${where}.holdSeconds must be a whole number > 0.`);
    if ((hold as number) >= (trusting as number)) fail(`${where}.holdSeconds must be shorter than peer.trustingPeriodSeconds.`);
    if (peer.transactionRegistry !== undefined && !(typeof peer.transactionRegistry === 'string' && isAddress(peer.transactionRegistry))) fail(`${where}.peer.transactionRegistry must be an address.`);
    if (peer.sealerUrl !== undefined && !(typeof peer.sealerUrl === 'string' && /^https?:\/\//.test(peer.sealerUrl))) fail(`${where}.peer.sealerUrl must be an http(s) URL.`);
    if (p.ledgerId !== undefined && !(typeof p.ledgerId === 'string' && isHex(p.ledgerId) && p.ledgerId.length === 66)) fail(`${where}.ledgerId must be 32 bytes of hex.`);
    return {
      peer: {
        name: peer.name as string,
        chainId: peer.chainId as number,
        rpcUrl: peer.rpcUrl as string,
        trustStore: getAddress(peer.trustStore as string),
        validators: (validators as string[]).map((v) => getAddress(v)),
        trustingPeriodSeconds: trusting as number,
        ...(peer.transactionRegistry ? { transactionRegistry: getAddress(peer.transactionRegistry as string) } : {}),
        ...(peer.sealerUrl ? { sealerUrl: peer.sealerUrl as string } : {}),
      },
      countries: countries as string[],
      holdSeconds: hold as number,
      ...(p.ledgerId ? { ledgerId: p.ledgerId as Hex } : {}),
    };
  });
}

/**
 * The agreement this ledger's governance votes for a peering: the peer's ledger id (from its chain id and
 * genesis, read from its node), its validators, and the trusted header the light client starts from —
 * the peer's newest, with its own QBFT seals (Besu) or sealed by its signing process (a simulated peer).
 */
export async function peeringAgreementOf(peering: PeeringConfig, params: { readonly lightClient: Address }): Promise<Agreement> {
  const { peer } = peering;
  const client = createPublicClient({ transport: http(peer.rpcUrl) }) as PublicClient;
  let chainId: number;
  try {
    chainId = await client.getChainId();
  } catch (cause) {
    throw new DeployError(`The peer ${peer.name} does not answer at ${peer.rpcUrl}: check peer.rpcUrl and that it is running.`, { cause });
  }
  if (chainId !== peer.chainId) throw new DeployError(`The peer at ${peer.rpcUrl} is chain ${chainId}, not ${peer.chainId}: check peer.chainId.`);
  const genesisHash = (await client.getBlock({ blockNumber: 0n })).hash;
  const latest = (await client.request({ method: 'eth_getBlockByNumber', params: ['latest', false] })) as RpcBlock;
  const trustedHeaderRlp = peer.sealerUrl
    ? await qbftSealer(peer.sealerUrl).seal(latest)
    : encodeQbftHeader(latest as HeaderBlock, decodeQbftExtraData(latest.extraData));
  return {
    ledgerId: peering.ledgerId ?? ledgerIdOf(BigInt(chainId), genesisHash),
    chainId: BigInt(chainId),
    genesisHash,
    countries: peering.countries.map(countryToBytes2),
    validators: [...peer.validators],
    trustingPeriod: BigInt(peer.trustingPeriodSeconds),
    trustedHeaderRlp,
    holdTime: BigInt(peering.holdSeconds),
    trustStore: peer.trustStore,
    transactionRegistry: peer.transactionRegistry ?? zeroAddress,
    lightClient: params.lightClient,
  };
}
