import { ITransactionRegistry } from '@abi/enums';
import { hexToString, stringToHex, type Address, type ContractFunctionReturnType, type Hex } from 'viem';
import type { transactionRegistryAbi } from '@abi/TransactionRegistry';

type TransactionRegistryAbi = typeof transactionRegistryAbi;

/** ITransactionRegistry.Transaction as the contract returns it (bytes2 countries, bytes3 currency). */
export type Transaction = ContractFunctionReturnType<TransactionRegistryAbi, 'view', 'transaction'>;
export type PartySignature = ContractFunctionReturnType<TransactionRegistryAbi, 'view', 'signatureOf'>;
export type OnChainTerms = Transaction['terms'];
export type OnChainParty = Transaction['parties'][number];

/** ITransactionRegistry.Status (generated from the contract; Expired is derived: past the deadline before every party signed). */
export const TransactionStatus = ITransactionRegistry.Status;
export type TransactionStatus = (typeof TransactionStatus)[keyof typeof TransactionStatus];

/** A required party: any identity of `country`, or only the wallet `account` (of that country) when given. */
export type Party = { readonly country: string; readonly account?: Address };

/** What the parties agree on, in readable form. */
export type Terms = {
  /** In the currency's smallest unit given by `decimals` (e.g. 1234.56 BRL = 123456n with decimals 2). */
  readonly amount: bigint;
  readonly decimals: number;
  /** ISO 4217 code, e.g. "BRL". */
  readonly currency: string;
  /** E.g. an invoice number. */
  readonly paymentReference: string;
  /** A hash of a free-text memo kept off the ledger (zero for none). */
  readonly memoHash: Hex;
};

export type TransactionRegistryParameters = {
  /** The TransactionRegistry contract. */
  readonly address: Address;
};

/** An ISO 4217 code as the contract stores it (bytes3). */
export function currencyToBytes3(currency: string): Hex {
  if (!/^[A-Z]{3}$/.test(currency)) throw new RangeError(`"${currency}" is not an ISO 4217 code such as BRL or CNY.`);
  return stringToHex(currency, { size: 3 });
}

export function bytes3ToCurrency(value: Hex): string {
  return hexToString(value, { size: 3 });
}

/** Terms in the contract's ABI shape. */
export function termsToOnChain(terms: Terms): OnChainTerms {
  return {
    amount: terms.amount,
    decimals: terms.decimals,
    currency: currencyToBytes3(terms.currency),
    paymentReference: terms.paymentReference,
    memoHash: terms.memoHash,
  };
}
