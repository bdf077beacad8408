// One Fortify session: connect (with the site approval PIN), list the tokens' certificates paired with their
// keys, sign, and turn the server's failures into typed errors.
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
import { keyAlgorithmOf, signAlgorithmOf } from './keys';
import { loadWebcryptoSocket, type SocketCrypto, type SocketKey, type SocketProvider, type SocketTokenEvent } from './socket';
import type {
  ConnectFortifyParameters,
  ConnectFortifyReturnType,
  FortifyCertificate,
  FortifyConnection,
  FortifyKeyAlgorithm,
  FortifyProvider,
  FortifySignParameters,
  FortifyTokenChange,
} from './types';

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
    const signAlgorithm = signAlgorithmOf(keyAlgorithmOf(key), parameters);
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
