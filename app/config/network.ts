import { parseNetworkConfig, type NetworkConfig } from '@/ledger';

export class NetworkUnavailableError extends Error {
  override name = 'NetworkUnavailableError';
}

/**
 * Loads and validates, at start-up, where the ledger is and where our contracts live on it:
 * /network.json, written by `npm start` (embedded default) or beside index.html for a real network.
 */
export async function loadNetworkConfig(url = '/network.json'): Promise<NetworkConfig> {
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-store' });
  } catch (cause) {
    throw new NetworkUnavailableError(`Could not load ${url}.`, { cause });
  }
  if (!response.ok) throw new NetworkUnavailableError(`Could not load ${url} (HTTP ${response.status}).`);
  return parseNetworkConfig(await response.json());
}
