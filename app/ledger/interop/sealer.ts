// The client of the validators' signing process (scripts/interop/sealer.ts), for the relayer. The
// private keys live only in that process; the relayer sends commit hashes and receives seals.
//
// Protocol (HTTP/1.1, JSON bodies, on the address the process prints when it starts):
//   GET  /validators                        -> 200 { "validators": ["0x..", ...] }  (ascending, as Besu orders them)
//   POST /seal { "commitHash": "0x..32 bytes", "count"?: n }
//                                           -> 200 { "seals": ["0x..65 bytes", ...] }
//        r || s || v (v in {0, 1}, low s) by the first `count` validators of that order; `count`
//        defaults to Besu's quorum ceil(2n/3) (a QBFT block carries the commit seals that reached
//        quorum). Anything else -> 400 { "error": "..." }.
import { isHex, type Address, type Hex } from 'viem';
import { SealerError } from './errors';

export type Sealer = { readonly url: string };

async function call(sealer: Sealer, path: string, init?: RequestInit): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(new URL(path, sealer.url), init);
  } catch (error) {
    throw new SealerError(sealer.url, 'no answer', error);
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const reason = typeof body === 'object' && body !== null && 'error' in body ? String(body.error) : `HTTP ${response.status}`;
    throw new SealerError(sealer.url, reason);
  }
  return body;
}

function hexList(sealer: Sealer, body: unknown, field: string, bytes: number): Hex[] {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[field] : undefined;
  if (!Array.isArray(value) || !value.every((v): v is Hex => typeof v === 'string' && isHex(v) && v.length === 2 + 2 * bytes)) {
    throw new SealerError(sealer.url, `the answer has no valid "${field}"`);
  }
  return [...value];
}

/** The validator addresses whose keys the signing process holds. */
export async function getSealerValidators(sealer: Sealer): Promise<Address[]> {
  return hexList(sealer, await call(sealer, '/validators'), 'validators', 20);
}

/** Committed seals over `commitHash` (see {@link qbftCommitHash}) from the signing process. */
export async function requestQbftSeals(sealer: Sealer, params: { readonly commitHash: Hex; readonly count?: number }): Promise<Hex[]> {
  const body = await call(sealer, '/seal', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
  });
  return hexList(sealer, body, 'seals', 65);
}
