import type { Client } from 'viem';
import { readContract } from 'viem/actions';
import { trustStoreAbi } from '@abi/TrustStore';
import { toLedgerError } from '../errors';
import type { TrustStoreParameters } from './types';
import { countryToBytes2 } from '../countries';
export type GetAnchorsByCountryParameters = TrustStoreParameters & { readonly country: string };

export async function getAnchorsByCountry(client: Client, params: GetAnchorsByCountryParameters) {
  try {
    return await readContract(client, { abi: trustStoreAbi, address: params.address, functionName: 'anchorsByCountry', args: [countryToBytes2(params.country)] });
  } catch (error) {
    throw toLedgerError(error);
  }
}

export type GetAnchorsByCountryReturnType = Awaited<ReturnType<typeof getAnchorsByCountry>>;
