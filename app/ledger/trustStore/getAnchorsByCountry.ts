import type { Client } from 'viem';
import { trustStoreAbi } from '@abi/TrustStore';
import { _readContract } from '../_readContract';
import type { TrustStoreParameters } from './types';
import { countryToBytes2 } from '../countries';
export type GetAnchorsByCountryParameters = TrustStoreParameters & { readonly country: string };

export async function getAnchorsByCountry(client: Client, params: GetAnchorsByCountryParameters) {
  return _readContract(client, { abi: trustStoreAbi, address: params.address, functionName: 'anchorsByCountry', args: [countryToBytes2(params.country)] });
}

export type GetAnchorsByCountryReturnType = Awaited<ReturnType<typeof getAnchorsByCountry>>;
