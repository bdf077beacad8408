// The embedded network's development accounts: anvil's default mnemonic, public test keys that hold
// nothing of value anywhere else. Index 0 deploys; 1 and 2 are the member authorities; 3 and 4 sign; 5 pays the relayer.
import { mnemonicToAccount } from 'viem/accounts';
import { developmentMnemonic } from './anvil.ts';

export const developmentAccount = (index: number) => mnemonicToAccount(developmentMnemonic, { addressIndex: index });

export const embeddedRoles = [
  { index: 0, role: 'deployer' },
  { index: 1, role: 'member', country: 'BR', name: 'ICP-Brasil authority (demo)' },
  { index: 2, role: 'member', country: 'CN', name: 'China national PKI authority (demo)' },
  { index: 3, role: 'signer', country: 'BR', name: 'Brazilian signer (demo)' },
  { index: 4, role: 'signer', country: 'CN', name: 'Chinese signer (demo)' },
  { index: 5, role: 'relayer', name: 'pays the trust-route relayer\'s gas on both ledgers' },
] as const;
