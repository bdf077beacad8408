// Test support for route verdicts: the routes as the app hands them to assessIdentity, with a fixed ledger name.
import type { Address, Client } from 'viem';
import type { RoutedAnchor } from '@/ledger';
import { routesOf } from './peers';

export const peerName = (chainId: bigint) => `Ledger ${chainId}`;

export const routesOfForTest = (client: Client, peerTrust: Address, anchors: readonly RoutedAnchor[]) => routesOf(client, { peerTrust, anchors, nameOf: peerName });
