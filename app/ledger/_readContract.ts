import type { Abi, Chain, Client, ContractFunctionArgs, ContractFunctionName, ReadContractParameters, ReadContractReturnType, Transport } from 'viem';
import { readContract } from 'viem/actions';
import { toLedgerError } from './errors';

type Mutability = 'pure' | 'view';

/** Reads a contract's view function, typed by its ABI; a failure surfaces as a typed LedgerError. */
export async function _readContract<
  const abi extends Abi,
  name extends ContractFunctionName<abi, Mutability>,
  const args extends ContractFunctionArgs<abi, Mutability, name>,
>(client: Client<Transport, Chain | undefined>, params: ReadContractParameters<abi, name, args>): Promise<ReadContractReturnType<abi, name, args>> {
  try {
    return await readContract(client, params);
  } catch (error) {
    throw toLedgerError(error);
  }
}
