// The slice of webcrypto-socket (@webcrypto-local/client) this module uses. Its browser build is a script
// that sets `self.WebcryptoSocket` (no ES exports), so it is typed here instead of imported.

export interface SocketAlgorithm {
  readonly name: string;
  readonly hash?: { readonly name: string };
  readonly namedCurve?: string;
  readonly modulusLength?: number;
}

/** A key or certificate reference; the object itself stays in Fortify. */
export interface SocketItem {
  readonly id: string;
  readonly providerID: string;
  readonly type: string;
}

export interface SocketKey extends SocketItem {
  readonly algorithm: SocketAlgorithm;
  readonly usages: readonly string[];
}

export interface SocketCrypto {
  readonly id: string;
  isLoggedIn(): Promise<boolean>;
  login(): Promise<unknown>;
  readonly certStorage: {
    keys(): Promise<string[]>;
    getItem(index: string): Promise<SocketItem>;
    exportCert(format: 'raw', item: SocketItem): Promise<ArrayBuffer>;
    getChain(item: SocketItem): Promise<{ readonly type: string; readonly value: ArrayBuffer }[]>;
  };
  readonly keyStorage: {
    keys(): Promise<string[]>;
    getItem(index: string): Promise<SocketKey>;
  };
  readonly subtle: {
    sign(algorithm: Algorithm | EcdsaParams | RsaPssParams, key: SocketKey, data: BufferSource): Promise<ArrayBuffer>;
  };
}

export interface SocketProviderInfo {
  readonly id: string;
  readonly name: string;
  readonly isRemovable: boolean;
  readonly isHardware: boolean;
  readonly readOnly: boolean;
  readonly atr: string;
}

export interface SocketTokenEvent {
  readonly added: readonly SocketProviderInfo[];
  readonly removed: readonly SocketProviderInfo[];
}

export interface SocketProvider {
  connect(address: string): SocketProvider;
  close(): void;
  on(event: 'listening', listener: (address: string) => void): SocketProvider;
  on(event: 'error', listener: (error: unknown) => void): SocketProvider;
  on(event: 'close', listener: (address: string) => void): SocketProvider;
  on(event: 'token', listener: (event: SocketTokenEvent) => void): SocketProvider;
  isLoggedIn(): Promise<boolean>;
  challenge(): Promise<string>;
  login(): Promise<void>;
  info(): Promise<{ readonly providers: readonly SocketProviderInfo[] }>;
  getCrypto(id: string): Promise<SocketCrypto>;
}

export interface WebcryptoSocketModule {
  readonly SocketProvider: new (options: { storage: unknown }) => SocketProvider;
  readonly BrowserStorage: { create(): Promise<unknown> };
  readonly MemoryStorage: new () => unknown;
  /** Errors the server reports: `code`/`type` as in webcrypto-local's WebCryptoLocalError. */
  readonly CryptoServerError: new (...args: never[]) => Error & { readonly code: number; readonly type: string };
}

declare global {
  var WebcryptoSocket: WebcryptoSocketModule | undefined;
}

/**
 * Loads the Fortify client (protobufjs and webcrypto-socket, ~300 kB) on first use. These are the very
 * files the certificate picker (<peculiar-fortify-certificates>) loads when the same globals are missing,
 * so the build holds one copy of each and the browser evaluates them once, whichever side comes first.
 * webcrypto-socket reads `protobuf` as it evaluates: the order matters.
 */
export async function loadWebcryptoSocket(): Promise<WebcryptoSocketModule> {
  if (!globalThis.WebcryptoSocket) {
    if (!('protobuf' in globalThis)) await import('@peculiar/fortify-webcomponents/components/protobuf.js');
    await import('@peculiar/fortify-webcomponents/components/webcrypto-socket.js');
  }
  const module = globalThis.WebcryptoSocket;
  if (!module) throw new Error('The Fortify client script did not define window.WebcryptoSocket');
  return module;
}
