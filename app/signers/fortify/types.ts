// The public shapes of a Fortify connection: what the rest of the app sees of tokens, keys and certificates.

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
