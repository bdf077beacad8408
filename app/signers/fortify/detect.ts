/** Where Fortify listens; its client and web component hard-code this address. */
export const FORTIFY_ADDRESS = '127.0.0.1:31337';

/** webcrypto-local's discovery path (core.SERVER_WELL_KNOWN), inlined to keep this module dependency-free. */
const WELL_KNOWN = '/.well-known/webcrypto-socket';

export interface DetectFortifyParameters {
  /** host:port, default 127.0.0.1:31337. */
  readonly address?: string;
  /** Default 3000 ms: a closed port fails fast, a filtered one must not hang the page. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export type DetectFortifyReturnType =
  | { readonly running: true; readonly version: string | undefined }
  | { readonly running: false; readonly reason: 'unreachable' | 'timeout' | 'not-fortify' };

/**
 * Asks Fortify's discovery endpoint whether it runs. Never throws for "not running": a browser
 * reports a closed port, a blocked Local Network Access request and a TLS failure the same way.
 */
export async function detectFortify(parameters: DetectFortifyParameters = {}): Promise<DetectFortifyReturnType> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), parameters.timeoutMs ?? 3000);
  const signal = parameters.signal ? AbortSignal.any([parameters.signal, controller.signal]) : controller.signal;
  try {
    const response = await fetch(`https://${parameters.address ?? FORTIFY_ADDRESS}${WELL_KNOWN}`, {
      signal,
      cache: 'no-store',
    });
    if (!response.ok) return { running: false, reason: 'not-fortify' };
    const info = (await response.json()) as { name?: unknown; version?: unknown; preKey?: unknown };
    if (typeof info.preKey !== 'string') return { running: false, reason: 'not-fortify' };
    return { running: true, version: typeof info.version === 'string' ? info.version : undefined };
  } catch (error) {
    if (parameters.signal?.aborted) throw error;
    return { running: false, reason: controller.signal.aborted ? 'timeout' : 'unreachable' };
  } finally {
    clearTimeout(timer);
  }
}
