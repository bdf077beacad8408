/**
 * The relayer: one relay loop per peering of its configuration. `npm start` runs it in-process;
 * `npm run relayer -- --config FILE` runs it alone (relayer/main.ts).
 */
import type { Account } from 'viem';
import type { RelayerConfig } from './config.ts';
import { qbftSealer, rpcSource, rpcTarget, type PeeringBindings } from './ledgers.ts';
import { createPeeringRelay, type PeeringRelay } from './loop.ts';

export type Relayer = {
  readonly relays: readonly { readonly name: string; readonly relay: PeeringRelay }[];
  start(): void;
  stop(): Promise<void>;
};

export function createRelayer(config: RelayerConfig, params: { readonly account: Account; readonly bindings: PeeringBindings; readonly log?: (line: string) => void }): Relayer {
  const relays = config.peerings.map((p) => {
    const from = config.ledgers[p.from]!;
    const to = config.ledgers[p.to]!;
    const name = `${p.from} -> ${p.to}`;
    const relay = createPeeringRelay({
      name,
      ledgerId: p.ledgerId,
      source: rpcSource(from, params.bindings),
      sealer: qbftSealer(p.sealerUrl),
      // parseRelayerConfig checked that a target names both contracts.
      target: rpcTarget({ ...to, lightClient: to.lightClient!, peerTrust: to.peerTrust! }, params.account, params.bindings),
      keepaliveSeconds: p.keepaliveSeconds,
      pollMs: config.pollMs,
      ...(params.log ? { log: params.log } : {}),
    });
    return { name, relay };
  });
  return {
    relays,
    start: () => relays.forEach((r) => r.relay.start()),
    stop: async () => {
      await Promise.all(relays.map((r) => r.relay.stop()));
    },
  };
}

export { parseRelayerConfig, parsePrivateKey, RelayerConfigError, type RelayerConfig } from './config.ts';
export type { PeeringBindings } from './ledgers.ts';
