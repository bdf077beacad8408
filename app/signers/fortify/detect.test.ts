import { afterEach, describe, expect, it, vi } from 'vitest';
import { detectFortify } from './detect';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function stubFetch(implementation: (url: string, init?: RequestInit) => Promise<Response>) {
  const fetch = vi.fn(implementation);
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

describe('detectFortify', () => {
  it('reads the version from the discovery document at 127.0.0.1:31337', async () => {
    const fetch = stubFetch(async () =>
      Response.json({ version: '2.8.1', name: 'webcrypto-socket', preKey: 'AAAA' }),
    );
    await expect(detectFortify()).resolves.toEqual({ running: true, version: '2.8.1' });
    expect(fetch.mock.calls[0]?.[0]).toBe('https://127.0.0.1:31337/.well-known/webcrypto-socket');
  });

  it('reports a server that is not Fortify', async () => {
    stubFetch(async () => new Response('not found', { status: 404 }));
    await expect(detectFortify()).resolves.toEqual({ running: false, reason: 'not-fortify' });
    stubFetch(async () => Response.json({ hello: 'world' }));
    await expect(detectFortify()).resolves.toEqual({ running: false, reason: 'not-fortify' });
  });

  it('reports an unreachable address without throwing', async () => {
    stubFetch(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(detectFortify({ address: '127.0.0.1:9' })).resolves.toEqual({ running: false, reason: 'unreachable' });
  });

  it('gives up after the timeout when nothing answers', async () => {
    stubFetch(
      (_url, init) =>
        new Promise((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    );
    // Fake timers: the verdict must come from the caller's timeout (and only once it has elapsed), not the clock of a busy machine.
    vi.useFakeTimers();
    let settled = false;
    const detecting = detectFortify({ timeoutMs: 50 }).finally(() => (settled = true));
    await vi.advanceTimersByTimeAsync(49);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(detecting).resolves.toEqual({ running: false, reason: 'timeout' });
  });

  it('rethrows when the caller aborts', async () => {
    stubFetch(
      (_url, init) =>
        new Promise((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    );
    const controller = new AbortController();
    const detecting = detectFortify({ signal: controller.signal, timeoutMs: 10_000 });
    controller.abort();
    await expect(detecting).rejects.toThrow('aborted');
  });
});
