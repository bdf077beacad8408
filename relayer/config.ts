/**
 * The relayer's configuration file (see relayer/README.md): the ledgers it connects, the peerings it
 * serves, and where each source ledger's sealer listens. The gas-paying key is not in it: RELAYER_PRIVATE_KEY
 * or a key file named by `keyFile`.
 */
import { getAddress, isAddress, isHex, type Address, type Hex } from 'viem';

export type RelayerLedger = {
  readonly chainId: number;
  readonly rpcUrl: string;
  readonly trustStore: Address;
  /** On a target ledger: its light client of the peers and its PeerTrust. */
  readonly lightClient?: Address;
  readonly peerTrust?: Address;
};

export type RelayerPeering = {
  readonly from: string;
  readonly to: string;
  /** A's ledger id as B's PeerTrust and light client know it. */
  readonly ledgerId: Hex;
  /** The signing process of A's validators (embedded network: scripts/interop/sealer.ts). */
  readonly sealerUrl: string;
  /** Relay without news once B's proof of A is this old; must stay below the agreement's hold timer. */
  readonly keepaliveSeconds: number;
};

export type RelayerConfig = {
  readonly ledgers: Readonly<Record<string, RelayerLedger>>;
  readonly peerings: readonly RelayerPeering[];
  readonly pollMs: number;
  readonly keyFile?: string;
};

export class RelayerConfigError extends Error {
  override readonly name = 'RelayerConfigError';
}

const fail = (message: string): never => {
  throw new RelayerConfigError(message);
};
const object = (value: unknown, what: string): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : fail(`${what} must be a JSON object`);
const address = (value: unknown, what: string): Address => (typeof value === 'string' && isAddress(value) ? getAddress(value) : fail(`${what} must be an address`));
const url = (value: unknown, what: string): string => (typeof value === 'string' && /^https?:\/\/[^\s]+$/.test(value) ? value : fail(`${what} must be an http(s) URL`));
const positive = (value: unknown, what: string): number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : fail(`${what} must be a whole number > 0`);
function only(input: Record<string, unknown>, keys: readonly string[], what: string) {
  for (const key of Object.keys(input)) if (!keys.includes(key)) fail(`unknown key ${what}${key}`);
}

export function parseRelayerConfig(json: unknown): RelayerConfig {
  const input = object(json, 'the configuration');
  only(input, ['ledgers', 'peerings', 'pollMs', 'keyFile'], '');
  const ledgers: Record<string, RelayerLedger> = {};
  for (const [name, raw] of Object.entries(object(input.ledgers, 'ledgers'))) {
    const l = object(raw, `ledgers.${name}`);
    only(l, ['chainId', 'rpcUrl', 'trustStore', 'lightClient', 'peerTrust'], `ledgers.${name}.`);
    ledgers[name] = {
      chainId: positive(l.chainId, `ledgers.${name}.chainId`),
      rpcUrl: url(l.rpcUrl, `ledgers.${name}.rpcUrl`),
      trustStore: address(l.trustStore, `ledgers.${name}.trustStore`),
      ...(l.lightClient !== undefined ? { lightClient: address(l.lightClient, `ledgers.${name}.lightClient`) } : {}),
      ...(l.peerTrust !== undefined ? { peerTrust: address(l.peerTrust, `ledgers.${name}.peerTrust`) } : {}),
    };
  }
  if (!Array.isArray(input.peerings) || input.peerings.length === 0) fail('peerings must list at least one peering');
  const peerings = (input.peerings as unknown[]).map((raw, i): RelayerPeering => {
    const p = object(raw, `peerings[${i}]`);
    only(p, ['from', 'to', 'ledgerId', 'sealerUrl', 'keepaliveSeconds'], `peerings[${i}].`);
    const from = typeof p.from === 'string' && ledgers[p.from] ? p.from : fail(`peerings[${i}].from must name a ledger of "ledgers"`);
    const to = typeof p.to === 'string' && ledgers[p.to] ? p.to : fail(`peerings[${i}].to must name a ledger of "ledgers"`);
    if (from === to) fail(`peerings[${i}] relays ${from} to itself`);
    if (!ledgers[to]!.lightClient || !ledgers[to]!.peerTrust) fail(`ledgers.${to} needs lightClient and peerTrust: it is the target of peerings[${i}]`);
    const ledgerId = typeof p.ledgerId === 'string' && isHex(p.ledgerId) && p.ledgerId.length === 66 ? (p.ledgerId as Hex) : fail(`peerings[${i}].ledgerId must be 32 bytes of hex`);
    return { from, to, ledgerId, sealerUrl: url(p.sealerUrl, `peerings[${i}].sealerUrl`), keepaliveSeconds: positive(p.keepaliveSeconds, `peerings[${i}].keepaliveSeconds`) };
  });
  return {
    ledgers,
    peerings,
    pollMs: input.pollMs === undefined ? 250 : positive(input.pollMs, 'pollMs'),
    ...(input.keyFile !== undefined ? { keyFile: typeof input.keyFile === 'string' ? input.keyFile : fail('keyFile must be a path') } : {}),
  };
}

/** The gas-paying key: a 32-byte hex private key, from RELAYER_PRIVATE_KEY or the key file's text. */
export function parsePrivateKey(text: string | undefined): Hex {
  const trimmed = text?.trim();
  if (!trimmed) return fail('give the gas-paying key in RELAYER_PRIVATE_KEY or in a file named by keyFile; never in the configuration');
  const key = trimmed.startsWith('0x') ? trimmed : `0x${trimmed}`;
  return isHex(key) && key.length === 66 ? (key as Hex) : fail('the relayer key is not a 32-byte hex private key');
}
