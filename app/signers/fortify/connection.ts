import {
  FortifyConnectionClosedError,
  FortifyError,
  FortifyKeyNotFoundError,
  FortifyNotApprovedError,
  FortifyNotRunningError,
  FortifyTokenRemovedError,
  FortifyUserCancelledError,
} from './errors';
import { detectFortify, FORTIFY_ADDRESS } from './detect';
import { pairCertificatesWithKeys } from './pairing';
import { loadWebcryptoSocket, type SocketCrypto, type SocketKey, type SocketProvider, type SocketTokenEvent } from './socket';

export type FortifyHashName = 'SHA-256' | 'SHA-384' | 'SHA-512';

/** A token (or OS store) Fortify offers. */
export interface FortifyProvider {
  readonly id: string;
  readonly name: string;
  readonly isRemovable: boolean;
  readonly isHardware: boolean;
}

/** The algorithm of a certificate's private key, as Fortify reports it. */
export interface FortifyKeyAlgorithm {
  readonly name: 'RSASSA-PKCS1-v1_5' | 'RSA-PSS' | 'ECDSA';
  /** For RSA keys: the hash the token binds to the key, which every RSA signature then uses. */
  readonly hash: FortifyHashName | undefined;
  /** For ECDSA keys: P-256, P-384 or P-521. */
  readonly namedCurve: string | undefined;
}

export interface FortifySignParameters {
  /**
   * ECDSA only: the hash to sign with (default: SHA-256 for P-256, SHA-384 for P-384, SHA-512
   * for P-521). RSA keys always use the hash of `keyAlgorithm`; asking for another one throws.
   */
  readonly hash?: FortifyHashName;
}

/** A certificate on a token, with its private key when the token has one. */
export interface FortifyCertificate {
  readonly provider: FortifyProvider;
  /** `x509-<handle>-<CKA_ID>` */
  readonly certificateIndex: string;
  /** `private-<handle>-<CKA_ID>` (same CKA_ID), undefined for a certificate without a key (a CA). */
  readonly privateKeyIndex: string | undefined;
  readonly keyAlgorithm: FortifyKeyAlgorithm | undefined;
  /** The certificate, DER-encoded. */
  readonly der: Uint8Array;
  /**
   * Signs `data` (hashed by the token) with the certificate's private key. The token may ask for
   * its PIN in the Fortify window. RSA: the PKCS#1 v1.5 or PSS signature. ECDSA: raw r||s
   * (IEEE P1363, as WebCrypto returns it), NOT DER: convert it before putting it into CMS/X.509.
   */
  sign(data: BufferSource, parameters?: FortifySignParameters): Promise<Uint8Array>;
  /**
   * The certificates the token holds for this certificate's path, leaf first (the token's
   * CKA_X509_CHAIN or what it stores): usually incomplete, complete the path elsewhere.
   */
  getChain(): Promise<Uint8Array[]>;
}

export interface FortifyTokenChange {
  readonly added: readonly FortifyProvider[];
  readonly removed: readonly FortifyProvider[];
}

export interface FortifyConnection {
  /** Fortify's version, from its discovery endpoint. */
  readonly version: string | undefined;
  listProviders(): Promise<FortifyProvider[]>;
  /** Certificates of every provider (or one), each paired with its private key by CKA_ID. */
  listCertificates(parameters?: { readonly providerId?: string }): Promise<FortifyCertificate[]>;
  /** Tokens inserted or removed; returns the function that stops listening. */
  onTokensChanged(listener: (change: FortifyTokenChange) => void): () => void;
  /** Closed by `close()` or because Fortify went away. */
  readonly closed: boolean;
  close(): void;
}

export interface ConnectFortifyParameters {
  /** host:port, default 127.0.0.1:31337. */
  readonly address?: string;
  /**
   * Called with the 6-digit PIN when this site is not approved yet: show it, and ask the user to
   * approve the site in the Fortify window if Fortify shows the same PIN.
   */
  readonly onChallenge?: (pin: string) => void;
  /** Aborting stops the connection (or the wait for approval) with FortifyUserCancelledError. */
  readonly signal?: AbortSignal;
  /** Timeout of the discovery request, default 3000 ms. */
  readonly detectTimeoutMs?: number;
  /**
   * Where the client's identity key lives. IndexedDB (default) keeps the site approved across
   * visits; memory asks for approval every time.
   */
  readonly storage?: 'indexeddb' | 'memory';
}

export type ConnectFortifyReturnType = FortifyConnection;

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error && typeof error === 'object' && 'message' in error) return String(error.message);
  return String(error);
}

/** webcrypto-local codes for "that provider / object is gone": what a removed token produces. */
const GONE_CODES = new Set([351, 402, 404]);
/** PKCS#11 codes of a token pulled out during an operation (CKR_DEVICE_REMOVED, CKR_SESSION_CLOSED,
 * CKR_SESSION_HANDLE_INVALID, CKR_TOKEN_NOT_PRESENT). */
const PKCS11_GONE_CODES = new Set([0x32, 0xb0, 0xb3, 0xe0]);

function isGone(error: unknown): boolean {
  if (!isServerError(error)) return false;
  return error.type === 'pkcs11' ? PKCS11_GONE_CODES.has(error.code) : GONE_CODES.has(error.code);
}

function isServerError(error: unknown): error is Error & { code: number; type: string } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'number' && 'type' in error;
}

const DEFAULT_ECDSA_HASH: Record<string, FortifyHashName> = { 'P-256': 'SHA-256', 'P-384': 'SHA-384', 'P-521': 'SHA-512' };

function keyAlgorithmOf(key: SocketKey): FortifyKeyAlgorithm {
  const name = key.algorithm.name.toUpperCase();
  const hash = key.algorithm.hash?.name ? (key.algorithm.hash.name.toUpperCase() as FortifyHashName) : undefined;
  if (name === 'RSASSA-PKCS1-V1_5') return { name: 'RSASSA-PKCS1-v1_5', hash, namedCurve: undefined };
  if (name === 'RSA-PSS') return { name: 'RSA-PSS', hash, namedCurve: undefined };
  if (name === 'ECDSA') return { name: 'ECDSA', hash: undefined, namedCurve: key.algorithm.namedCurve || undefined };
  throw new FortifyError('This certificate’s key cannot sign.', { details: `key algorithm ${key.algorithm.name}` });
}

const HASH_LENGTH: Record<FortifyHashName, number> = { 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 };

class Connection implements FortifyConnection {
  readonly #provider: SocketProvider;
  readonly #removed = new Set<string>();
  readonly #listeners = new Set<(change: FortifyTokenChange) => void>();
  readonly #cryptos = new Map<string, Promise<SocketCrypto>>();
  #closed = false;

  constructor(
    provider: SocketProvider,
    readonly version: string | undefined,
  ) {
    this.#provider = provider;
    provider.on('token', (event: SocketTokenEvent) => {
      for (const removed of event.removed) {
        this.#removed.add(removed.id);
        this.#cryptos.delete(removed.id);
      }
      for (const added of event.added) this.#removed.delete(added.id);
      const change = { added: event.added.map(toProvider), removed: event.removed.map(toProvider) };
      for (const listener of this.#listeners) listener(change);
    });
    provider.on('close', () => {
      this.#closed = true;
    });
  }

  get closed(): boolean {
    return this.#closed;
  }

  close(): void {
    this.#closed = true;
    this.#provider.close();
  }

  onTokensChanged(listener: (change: FortifyTokenChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async listProviders(): Promise<FortifyProvider[]> {
    const info = await this.#call(undefined, () => this.#provider.info());
    return info.providers.map(toProvider);
  }

  async listCertificates(parameters: { readonly providerId?: string } = {}): Promise<FortifyCertificate[]> {
    const providers = (await this.listProviders()).filter(
      (provider) => parameters.providerId === undefined || provider.id === parameters.providerId,
    );
    const certificates: FortifyCertificate[] = [];
    for (const provider of providers) certificates.push(...(await this.#listProviderCertificates(provider)));
    return certificates;
  }

  async #listProviderCertificates(provider: FortifyProvider): Promise<FortifyCertificate[]> {
    const crypto = await this.#crypto(provider.id);
    // Tokens hide private objects until the user logs in (the PIN is typed into Fortify).
    await this.#call(provider.id, async () => {
      if (!(await crypto.isLoggedIn())) await crypto.login();
    });
    const [certificateIndexes, keyIndexes] = await this.#call(provider.id, () =>
      Promise.all([crypto.certStorage.keys(), crypto.keyStorage.keys()]),
    );
    const result: FortifyCertificate[] = [];
    for (const pair of pairCertificatesWithKeys(certificateIndexes, keyIndexes)) {
      const item = await this.#call(provider.id, () => crypto.certStorage.getItem(pair.certificateIndex));
      const der = new Uint8Array(await this.#call(provider.id, () => crypto.certStorage.exportCert('raw', item)));
      let key: SocketKey | undefined;
      let keyAlgorithm: FortifyKeyAlgorithm | undefined;
      if (pair.privateKeyIndex) {
        const keyIndex = pair.privateKeyIndex;
        key = await this.#call(provider.id, () => crypto.keyStorage.getItem(keyIndex));
        keyAlgorithm = keyAlgorithmOf(key);
      }
      const privateKey = key;
      result.push({
        provider,
        certificateIndex: pair.certificateIndex,
        privateKeyIndex: pair.privateKeyIndex,
        keyAlgorithm,
        der,
        sign: (data, signParameters) => this.#sign(provider.id, privateKey, data, signParameters),
        getChain: async () => {
          const chain = await this.#call(provider.id, () => crypto.certStorage.getChain(item));
          return chain.filter((entry) => entry.type === 'x509').map((entry) => new Uint8Array(entry.value));
        },
      });
    }
    return result;
  }

  async #sign(
    providerId: string,
    key: SocketKey | undefined,
    data: BufferSource,
    parameters: FortifySignParameters = {},
  ): Promise<Uint8Array> {
    if (!key) throw new FortifyKeyNotFoundError();
    const algorithm = keyAlgorithmOf(key);
    let signAlgorithm: Algorithm | EcdsaParams | RsaPssParams;
    if (algorithm.name === 'ECDSA') {
      const hash = parameters.hash ?? DEFAULT_ECDSA_HASH[algorithm.namedCurve ?? ''] ?? 'SHA-256';
      signAlgorithm = { name: 'ECDSA', hash } satisfies EcdsaParams;
    } else {
      if (parameters.hash && algorithm.hash && parameters.hash !== algorithm.hash) {
        throw new FortifyError('This token key signs with a different hash algorithm.', {
          details: `the RSA key is bound to ${algorithm.hash}, ${parameters.hash} was requested`,
        });
      }
      signAlgorithm =
        algorithm.name === 'RSA-PSS'
          ? ({ name: 'RSA-PSS', saltLength: HASH_LENGTH[algorithm.hash ?? 'SHA-256'] } satisfies RsaPssParams)
          : { name: algorithm.name };
    }
    const crypto = await this.#crypto(providerId);
    const signature = await this.#call(providerId, async () => {
      if (!(await crypto.isLoggedIn())) await crypto.login();
      return crypto.subtle.sign(signAlgorithm, key, data);
    });
    return new Uint8Array(signature);
  }

  #crypto(providerId: string): Promise<SocketCrypto> {
    let crypto = this.#cryptos.get(providerId);
    if (!crypto) {
      crypto = this.#call(providerId, () => this.#provider.getCrypto(providerId));
      this.#cryptos.set(providerId, crypto);
      crypto.catch(() => this.#cryptos.delete(providerId));
    }
    return crypto;
  }

  /** Runs a Fortify call and turns its failures into this module's typed errors. */
  async #call<T>(providerId: string | undefined, operation: () => Promise<T>): Promise<T> {
    if (providerId !== undefined && this.#removed.has(providerId)) throw new FortifyTokenRemovedError(providerId);
    if (this.#closed) throw new FortifyConnectionClosedError();
    try {
      return await operation();
    } catch (error) {
      if (error instanceof FortifyError) throw error;
      const details = errorText(error);
      if (providerId !== undefined && (this.#removed.has(providerId) || isGone(error))) {
        throw new FortifyTokenRemovedError(providerId, { details, cause: error });
      }
      if (this.#closed || /session was closed|socket connection is not open/i.test(details)) {
        throw new FortifyConnectionClosedError({ details, cause: error });
      }
      throw new FortifyError('Fortify could not complete the operation.', { details, cause: error });
    }
  }
}

function toProvider(info: { id: string; name: string; isRemovable: boolean; isHardware: boolean }): FortifyProvider {
  return { id: info.id, name: info.name, isRemovable: info.isRemovable, isHardware: info.isHardware };
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined, onAbort: () => void): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      onAbort();
      reject(new FortifyUserCancelledError({ cause: signal.reason }));
    };
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

/**
 * Connects to Fortify: checks that it runs, loads its client lazily, opens the encrypted session
 * and, when this site is not approved yet, surfaces the 6-digit PIN and waits for the approval.
 */
export async function connectFortify(parameters: ConnectFortifyParameters = {}): Promise<ConnectFortifyReturnType> {
  const address = parameters.address ?? FORTIFY_ADDRESS;
  const { signal } = parameters;
  if (signal?.aborted) throw new FortifyUserCancelledError({ cause: signal.reason });

  const detected = await detectFortify({ address, timeoutMs: parameters.detectTimeoutMs, signal }).catch((error: unknown) => {
    throw new FortifyUserCancelledError({ cause: error });
  });
  if (!detected.running) throw new FortifyNotRunningError({ details: `${address}: ${detected.reason}` });

  const socket = await loadWebcryptoSocket();
  let storage: unknown;
  if (parameters.storage !== 'memory') {
    storage = await socket.BrowserStorage.create().catch(() => undefined);
  }
  storage ??= new socket.MemoryStorage();

  const provider = new socket.SocketProvider({ storage });
  const close = () => provider.close();
  await abortable(
    new Promise<void>((resolve, reject) => {
      // connect() drops earlier listeners, so they are attached after it.
      provider
        .connect(address)
        .on('listening', () => resolve())
        .on('error', (error) => reject(new FortifyNotRunningError({ details: errorText(error), cause: error })))
        .on('close', () => reject(new FortifyNotRunningError({ details: 'connection closed before the session opened' })));
    }),
    signal,
    close,
  );

  const connection = new Connection(provider, detected.version);
  try {
    if (!(await abortable(provider.isLoggedIn(), signal, close))) {
      const pin = await abortable(provider.challenge(), signal, close);
      parameters.onChallenge?.(pin);
      await abortable(provider.login(), signal, close).catch((error: unknown) => {
        if (error instanceof FortifyError) throw error;
        throw new FortifyNotApprovedError({ details: errorText(error), cause: error });
      });
    }
  } catch (error) {
    provider.close();
    if (error instanceof FortifyError) throw error;
    throw new FortifyNotRunningError({ details: errorText(error), cause: error });
  }
  return connection;
}
