import type { Address } from 'viem';

/**
 * The embedded ledger's development accounts (anvil's public test mnemonic): usable only there, and
 * known to everyone, so never on a real network.
 */
export const developmentAccounts = [
  { index: 1, address: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', label: 'BR authority', role: 'authority', country: 'BR' },
  { index: 2, address: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC', label: 'CN authority', role: 'authority', country: 'CN' },
  { index: 3, address: '0x90F79bf6EB2c4f870365E785982E1f101E93b906', label: 'BR signer', role: 'signer', country: 'BR' },
  { index: 4, address: '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65', label: 'CN signer', role: 'signer', country: 'CN' },
] as const satisfies readonly { index: number; address: Address; label: string; role: 'authority' | 'signer'; country: string }[];

/** The development account a wallet connector stands for (`dev-<index>`), if it is one. */
export function developmentAccountOfConnector(connectorId: string) {
  return developmentAccounts.find((a) => connectorId === `dev-${a.index}`);
}
