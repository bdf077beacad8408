import type { RouteDelivery } from './types';

/** `sync` and `syncWithHeader`'s arguments: the delivery, with `block` (a block number, or a header to accept) second. */
export function _deliveryArgs<const block>(delivery: RouteDelivery, block: block) {
  return [delivery.ledgerId, block, delivery.accountProof, delivery.storageProof, delivery.entries] as const;
}
