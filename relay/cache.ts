/**
 * The relay's CRL cache: bytes by URL, kept until the CRL's nextUpdate (capped by maxTtl), or for a
 * short fallback TTL when the bytes do not parse as a DER CRL. Bounded in entries and in bytes; the
 * least recently used entry goes first. Concurrent misses for one URL share one upstream download.
 */
import { readCrlTimes } from './crl-times.ts';

export type CacheLimits = {
  /** Most URLs kept (default 256). */
  readonly maxEntries: number;
  /** Most bytes kept over all entries (default 64 MiB); a bigger CRL is relayed but not kept. */
  readonly maxBytes: number;
  /** Longest a CRL is kept even when its nextUpdate is later (default 24 h). */
  readonly maxTtlMs: number;
  /** How long bytes without a readable nextUpdate (or already past it) are kept (default 5 min). */
  readonly fallbackTtlMs: number;
};

export const defaultCacheLimits: CacheLimits = {
  maxEntries: 256,
  maxBytes: 64 * 1024 * 1024,
  maxTtlMs: 24 * 60 * 60 * 1000,
  fallbackTtlMs: 5 * 60 * 1000,
};

export type CachedCrl = { readonly bytes: Buffer; readonly expiresAt: number; readonly fetchedAt: number };

export class CrlCache {
  private readonly entries = new Map<string, CachedCrl>();
  private readonly inFlight = new Map<string, Promise<CachedCrl>>();
  private totalBytes = 0;

  constructor(
    private readonly limits: CacheLimits,
    private readonly now: () => number,
  ) {}

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.totalBytes };
  }

  /** A fresh entry, or undefined (an expired one is dropped). */
  get(url: string): CachedCrl | undefined {
    const entry = this.entries.get(url);
    if (!entry) return undefined;
    if (this.now() >= entry.expiresAt) {
      this.remove(url);
      return undefined;
    }
    // Recently used entries move to the end, so eviction takes the least recently used.
    this.entries.delete(url);
    this.entries.set(url, entry);
    return entry;
  }

  /** The cached bytes, or one shared download of them: `download` runs only when nothing is cached or in flight. */
  async getOrFetch(url: string, download: () => Promise<Buffer>): Promise<{ entry: CachedCrl; hit: boolean }> {
    const cached = this.get(url);
    if (cached) return { entry: cached, hit: true };
    const pending = this.inFlight.get(url);
    if (pending) return { entry: await pending, hit: true };
    const promise = download().then((bytes) => this.store(url, bytes));
    this.inFlight.set(url, promise);
    try {
      return { entry: await promise, hit: false };
    } finally {
      this.inFlight.delete(url);
    }
  }

  private store(url: string, bytes: Buffer): CachedCrl {
    const now = this.now();
    const nextUpdate = readCrlTimes(bytes)?.nextUpdate?.getTime();
    const expiresAt = nextUpdate !== undefined && nextUpdate > now ? Math.min(nextUpdate, now + this.limits.maxTtlMs) : now + this.limits.fallbackTtlMs;
    const entry: CachedCrl = { bytes, expiresAt, fetchedAt: now };
    if (bytes.length > this.limits.maxBytes || this.limits.maxEntries < 1) return entry;
    this.remove(url);
    while (this.entries.size >= this.limits.maxEntries || this.totalBytes + bytes.length > this.limits.maxBytes) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.remove(oldest);
    }
    this.entries.set(url, entry);
    this.totalBytes += bytes.length;
    return entry;
  }

  private remove(url: string): void {
    const entry = this.entries.get(url);
    if (!entry) return;
    this.entries.delete(url);
    this.totalBytes -= entry.bytes.length;
  }

  clear(): void {
    this.entries.clear();
    this.totalBytes = 0;
  }
}
