/** The page's side of the relay lives with the page (app code imports nothing outside app/). */
export { relayCrlUrl, relayedCrlFetch, relayedOcspFetch, relayOcspUrl } from '../app/shared/relay-client.ts';
