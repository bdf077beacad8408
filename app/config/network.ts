import { BaseError, type BaseErrorOptions } from '@/errors';
import { parseNetworkFile, type NetworkConfig, type NetworkFile } from '@/ledger';

/** The ledger configuration (network.json) could not be loaded. */
export class NetworkUnavailableError extends BaseError {
  override name = 'NetworkUnavailableError';
  constructor(details: string, options: BaseErrorOptions = {}) {
    super('The ledger configuration could not be loaded.', { messageKey: 'app.networkError', details, ...options });
  }
}

/**
 * Loads and validates, at start-up, where the ledger is and where our contracts live on it:
 * /network.json, written by `npm start` (embedded default) or beside index.html for a real network.
 */
export async function loadNetworkFile(url = '/network.json'): Promise<NetworkFile> {
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-store' });
  } catch (cause) {
    throw new NetworkUnavailableError(`Could not load ${url}.`, { cause });
  }
  if (!response.ok) throw new NetworkUnavailableError(`Could not load ${url} (HTTP ${response.status}).`);
  return parseNetworkFile(await response.json());
}

/** The default ledger of /network.json (the first of several). */
export async function loadNetworkConfig(url = '/network.json'): Promise<NetworkConfig> {
  return (await loadNetworkFile(url)).ledgers[0];
}
