// Besu QBFT block headers: the extraData codec, the commit hash the validators seal, and sealing.
// Layout (Besu's QbftExtraDataCodec): extraData = RLP [vanity (32 bytes), validators (addresses),
// vote (empty list, or [recipient, 0xff add | 0x00 drop]), round (RLP scalar), committed seals
// (65-byte r || s || v, v in {0, 1})]. The commit hash is keccak256 of the header RLP with the seals
// list emptied and the round kept; both are checked against Besu's real block 7528
// (contracts/test/fixtures/interop/besu7528.json). The same rules are enforced on chain by
// contracts/src/lib/QbftHeader.sol.
import { fromRlp, getAddress, isHex, keccak256, recoverAddress, toRlp, type Address, type Hex, type RpcBlock } from 'viem';
import { sign } from 'viem/accounts';
import { QbftHeaderError } from './errors';

export type QbftVote = { readonly recipient: Address; readonly add: boolean };

export type QbftExtraData = {
  readonly vanity: Hex;
  readonly validators: readonly Address[];
  readonly vote: QbftVote | null;
  readonly round: number;
  readonly seals: readonly Hex[];
};

/** The fields an anvil (or Besu) JSON-RPC block contributes to its header, in header order. */
export type HeaderBlock = Pick<
  RpcBlock,
  | 'parentHash'
  | 'sha3Uncles'
  | 'miner'
  | 'stateRoot'
  | 'transactionsRoot'
  | 'receiptsRoot'
  | 'logsBloom'
  | 'difficulty'
  | 'number'
  | 'gasLimit'
  | 'gasUsed'
  | 'timestamp'
  | 'extraData'
  | 'mixHash'
  | 'nonce'
> &
  Partial<Pick<RpcBlock, 'baseFeePerGas' | 'withdrawalsRoot' | 'blobGasUsed' | 'excessBlobGas' | 'parentBeaconBlockRoot'>> & {
    readonly requestsHash?: Hex | null;
  };

/** Besu's BFT mixHash ("Istanbul byzantine fault tolerance"), which every QBFT header carries. */
export const qbftMixHash: Hex = '0x63746963616c2062797a616e74696e65206661756c7420746f6c6572616e6365';

/** An RLP value as viem's fromRlp returns it (and toRlp takes it). */
type RecursiveArray<T> = T | readonly RecursiveArray<T>[];

const zeroVanity: Hex = `0x${'00'.repeat(32)}`;
const EXTRA_DATA_INDEX = 12;

/** A canonical RLP integer: minimal big-endian bytes, zero as the empty string. */
function quantity(value: bigint | number | Hex): Hex {
  const n = BigInt(value);
  if (n < 0n) throw new QbftHeaderError(`negative integer ${n}`);
  if (n === 0n) return '0x';
  const hex = n.toString(16);
  const out: Hex = `0x${hex.length % 2 === 1 ? '0' : ''}${hex}`;
  return out;
}

function asBytes(value: RecursiveArray<Hex> | Hex, what: string): Hex {
  if (typeof value !== 'string') throw new QbftHeaderError(`${what} is a list, not bytes`);
  return value;
}

function asList(value: RecursiveArray<Hex> | Hex, what: string): readonly (RecursiveArray<Hex> | Hex)[] {
  if (typeof value === 'string') throw new QbftHeaderError(`${what} is bytes, not a list`);
  return value;
}

function byteLength(hex: Hex): number {
  return (hex.length - 2) / 2;
}

function toAddress(value: RecursiveArray<Hex> | Hex, what: string): Address {
  const bytes = asBytes(value, what);
  if (byteLength(bytes) !== 20) throw new QbftHeaderError(`${what} is not 20 bytes`);
  return getAddress(bytes);
}

function decodeRlp(hex: Hex, what: string): RecursiveArray<Hex> | Hex {
  if (!isHex(hex)) throw new QbftHeaderError(`${what} is not hex`);
  try {
    return fromRlp(hex, 'hex');
  } catch (error) {
    throw new QbftHeaderError(`${what} is not RLP: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** RLP [vanity, validators, vote, round, seals] in Besu's QBFT layout. */
export function encodeQbftExtraData(extra: QbftExtraData): Hex {
  if (byteLength(extra.vanity) !== 32) throw new QbftHeaderError('the vanity is not 32 bytes');
  if (!Number.isInteger(extra.round) || extra.round < 0 || extra.round > 0xffff_ffff) throw new QbftHeaderError(`round ${extra.round} is not a uint32`);
  const vote: RecursiveArray<Hex> = extra.vote ? [extra.vote.recipient.toLowerCase() as Hex, extra.vote.add ? '0xff' : '0x00'] : [];
  return toRlp([extra.vanity, extra.validators.map((v) => v.toLowerCase() as Hex), vote, quantity(extra.round), [...extra.seals]], 'hex');
}

/** The inverse of {@link encodeQbftExtraData}; throws QbftHeaderError on any other layout. */
export function decodeQbftExtraData(extraData: Hex): QbftExtraData {
  const parts = asList(decodeRlp(extraData, 'extraData'), 'extraData');
  if (parts.length !== 5) throw new QbftHeaderError(`extraData has ${parts.length} parts, not 5`);
  const vanity = asBytes(parts[0]!, 'vanity');
  if (byteLength(vanity) !== 32) throw new QbftHeaderError('the vanity is not 32 bytes');
  const validators = asList(parts[1]!, 'validators').map((v, i) => toAddress(v, `validator ${i}`));
  const voteItems = asList(parts[2]!, 'vote');
  let vote: QbftVote | null = null;
  if (voteItems.length !== 0) {
    if (voteItems.length !== 2) throw new QbftHeaderError('the vote is not [recipient, type]');
    const type = asBytes(voteItems[1]!, 'vote type');
    if (type !== '0x00' && type !== '0xff') throw new QbftHeaderError(`vote type ${type} is neither 0x00 nor 0xff`);
    vote = { recipient: toAddress(voteItems[0]!, 'vote recipient'), add: type === '0xff' };
  }
  const roundBytes = asBytes(parts[3]!, 'round');
  if (byteLength(roundBytes) > 4 || roundBytes.startsWith('0x00')) throw new QbftHeaderError('the round is not a canonical uint32');
  const round = roundBytes === '0x' ? 0 : Number.parseInt(roundBytes.slice(2), 16);
  const seals = asList(parts[4]!, 'seals').map((s, i) => {
    const seal = asBytes(s, `seal ${i}`);
    if (byteLength(seal) !== 65) throw new QbftHeaderError(`seal ${i} is not 65 bytes`);
    return seal;
  });
  return { vanity, validators, vote, round, seals };
}

/** The header's RLP fields, in order, from a JSON-RPC block (15 to 21 of them, as the block has them). */
export function qbftHeaderFields(block: HeaderBlock, extraData: Hex): Hex[] {
  const fields: Hex[] = [
    block.parentHash,
    block.sha3Uncles,
    block.miner,
    block.stateRoot,
    block.transactionsRoot,
    block.receiptsRoot,
    block.logsBloom ?? `0x${'00'.repeat(256)}`,
    quantity(block.difficulty),
    quantity(block.number ?? '0x0'),
    quantity(block.gasLimit),
    quantity(block.gasUsed),
    quantity(block.timestamp),
    extraData,
    block.mixHash,
    block.nonce ?? '0x0000000000000000',
  ];
  // The optional fields are positional: each one's presence implies every earlier one.
  const optional: readonly (readonly [Hex | null | undefined, boolean])[] = [
    [block.baseFeePerGas, true],
    [block.withdrawalsRoot, false],
    [block.blobGasUsed, true],
    [block.excessBlobGas, true],
    [block.parentBeaconBlockRoot, false],
    [block.requestsHash, false],
  ];
  for (const [value, isQuantity] of optional) {
    if (value === undefined || value === null) break;
    fields.push(isQuantity ? quantity(value) : value);
  }
  return fields;
}

/**
 * The header RLP of an anvil (or any JSON-RPC) block with its extraData replaced by Besu's QBFT layout:
 * the block's own parentHash, stateRoot, number, timestamp... are kept.
 */
export function encodeQbftHeader(block: HeaderBlock, extra: QbftExtraData): Hex {
  return toRlp(qbftHeaderFields(block, encodeQbftExtraData(extra)), 'hex');
}

/** The header's fields and its decoded extraData. */
export function decodeQbftHeader(headerRlp: Hex): { readonly fields: readonly Hex[]; readonly extra: QbftExtraData } {
  const items = asList(decodeRlp(headerRlp, 'header'), 'header');
  if (items.length < 15 || items.length > 21) throw new QbftHeaderError(`the header has ${items.length} fields, not 15 to 21`);
  const fields = items.map((f, i) => asBytes(f, `header field ${i}`));
  return { fields, extra: decodeQbftExtraData(fields[EXTRA_DATA_INDEX]!) };
}

function withExtra(fields: readonly Hex[], extra: QbftExtraData): Hex {
  const copy = [...fields];
  copy[EXTRA_DATA_INDEX] = encodeQbftExtraData(extra);
  return toRlp(copy, 'hex');
}

/** keccak256 of the header with the seals list emptied and the round kept: what each validator seals. */
export function qbftCommitHash(headerRlp: Hex): Hex {
  const { fields, extra } = decodeQbftHeader(headerRlp);
  return keccak256(withExtra(fields, { ...extra, seals: [] }));
}

/** One committed seal as Besu writes it: r || s || v with v in {0, 1} (low s, as noble signs). */
export async function qbftSeal(commitHash: Hex, privateKey: Hex): Promise<Hex> {
  const { r, s, yParity } = await sign({ hash: commitHash, privateKey });
  return `0x${r.slice(2).padStart(64, '0')}${s.slice(2).padStart(64, '0')}${yParity === 1 ? '01' : '00'}`;
}

/** The header with `seals` as its committed seals (replacing any it had). */
export function withQbftSeals(headerRlp: Hex, seals: readonly Hex[]): Hex {
  const { fields, extra } = decodeQbftHeader(headerRlp);
  return withExtra(fields, { ...extra, seals });
}

/** Seals the header with each of `validatorKeys` (in process: tests, and the sealer process itself). */
export async function sealQbftHeader(headerRlp: Hex, validatorKeys: readonly Hex[]): Promise<Hex> {
  const hash = qbftCommitHash(headerRlp);
  return withQbftSeals(headerRlp, await Promise.all(validatorKeys.map((key) => qbftSeal(hash, key))));
}

/** The signer of each committed seal of the header. */
export async function recoverQbftSigners(headerRlp: Hex): Promise<Address[]> {
  const hash = qbftCommitHash(headerRlp);
  const { extra } = decodeQbftHeader(headerRlp);
  return Promise.all(
    extra.seals.map((seal) => {
      const v = Number.parseInt(seal.slice(130), 16);
      if (v > 1) throw new QbftHeaderError(`a seal's v is ${v}, not 0 or 1`);
      return recoverAddress({ hash, signature: `${seal.slice(0, 130)}${v === 1 ? '1c' : '1b'}` as Hex });
    }),
  );
}

/** A QBFT extraData for `validators` with no vote, round 0 and no seals yet. */
export function unsealedQbftExtraData(validators: readonly Address[], round = 0): QbftExtraData {
  return { vanity: zeroVanity, validators, vote: null, round, seals: [] };
}
