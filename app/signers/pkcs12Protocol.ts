// What the page and the PKCS#12 worker (pkcs12Worker.ts) say to each other. The legacy PKCS#12 key
// derivation (up to the bounded work of limits.ts) runs in the worker, so a slow file never freezes the
// tab. The password crosses once, in the open request, and is not kept on either side. A WebCrypto key
// comes back as the non-extractable CryptoKey (structured clone keeps it non-extractable); an SM2 key
// (WebCrypto has none) never leaves the worker: the page signs with it by message and forgets it there.
import {
  openPkcs12,
  Pkcs12KeyMismatchError,
  Pkcs12MalformedError,
  Pkcs12UnsupportedError,
  Pkcs12WrongPasswordError,
  PkiError,
  PkiLimitError,
  pkiLimitKinds,
  Sm2KeyDestroyedError,
  type PkiLimitKind,
  type Sm2PrivateKey,
} from '@/pki';

type Opened = { readonly leaf: Uint8Array; readonly certificates: readonly Uint8Array[]; readonly friendlyName: string | undefined };

export type Pkcs12Request =
  | { readonly type: 'open'; readonly id: number; readonly data: Uint8Array; readonly password: string }
  | { readonly type: 'sign'; readonly id: number; readonly handle: number; readonly data: Uint8Array; readonly sm2Id?: string }
  | { readonly type: 'forget'; readonly id: number; readonly handle: number };

export type SerializedError = { readonly name: string; readonly shortMessage: string; readonly messageKey: string; readonly params: Readonly<Record<string, string | number>>; readonly details: string | undefined };

export type Pkcs12Response =
  | ({ readonly id: number; readonly ok: true; readonly result: 'opened' } & Opened & ({ readonly keyKind: 'webcrypto'; readonly privateKey: CryptoKey } | { readonly keyKind: 'sm2'; readonly handle: number }))
  | { readonly id: number; readonly ok: true; readonly result: 'signed'; readonly signature: Uint8Array }
  | { readonly id: number; readonly ok: true; readonly result: 'forgotten' }
  | { readonly id: number; readonly ok: false; readonly error: SerializedError };

export function serializeError(error: unknown): SerializedError {
  if (error instanceof PkiError) return { name: error.name, shortMessage: error.shortMessage, messageKey: error.messageKey, params: error.params, details: error.details };
  return { name: 'Error', shortMessage: error instanceof Error ? error.message : String(error), messageKey: 'pki.pkcs12.malformed', params: {}, details: undefined };
}

/** The typed error again on the page's side (errors lose their class crossing to another thread). */
export function deserializeError(error: SerializedError): PkiError {
  const options = error.details !== undefined ? { details: error.details } : {};
  switch (error.name) {
    case 'Pkcs12WrongPasswordError':
      return new Pkcs12WrongPasswordError(options);
    case 'Pkcs12KeyMismatchError':
      return new Pkcs12KeyMismatchError(options);
    case 'Sm2KeyDestroyedError':
      return new Sm2KeyDestroyedError();
    case 'Pkcs12UnsupportedError':
      return new Pkcs12UnsupportedError(/unsupported algorithm: (.*)\.$/.exec(error.shortMessage)?.[1] ?? 'unknown', options);
    case 'PkiLimitError': {
      const kind = error.messageKey.replace(/^pki\.limit\./, '');
      if ((pkiLimitKinds as readonly string[]).includes(kind)) return new PkiLimitError(kind as PkiLimitKind, Number(error.params.limit), options);
      break;
    }
  }
  return new Pkcs12MalformedError({ details: `${error.name}: ${error.shortMessage}${error.details ? ` (${error.details})` : ''}` });
}

/** The worker's side: opens files, keeps SM2 keys by handle, signs and forgets them. */
export function createPkcs12Handler() {
  const sm2Keys = new Map<number, Sm2PrivateKey>();
  let nextHandle = 1;
  return async (request: Pkcs12Request): Promise<Pkcs12Response> => {
    try {
      switch (request.type) {
        case 'open': {
          const opened = await openPkcs12({ data: request.data, password: request.password });
          const common = { id: request.id, ok: true, result: 'opened', leaf: opened.leaf, certificates: opened.certificates, friendlyName: opened.friendlyName } as const;
          if (opened.keyKind === 'webcrypto') return { ...common, keyKind: 'webcrypto', privateKey: opened.privateKey };
          const handle = nextHandle++;
          sm2Keys.set(handle, opened.privateKey);
          return { ...common, keyKind: 'sm2', handle };
        }
        case 'sign': {
          const key = sm2Keys.get(request.handle);
          if (!key) throw new Pkcs12MalformedError({ details: 'the SM2 key was forgotten' });
          return { id: request.id, ok: true, result: 'signed', signature: await key.sign(request.data, request.sm2Id !== undefined ? { id: request.sm2Id } : {}) };
        }
        case 'forget':
          // Zeroed, and kept under its handle so a later signature is refused as by a destroyed key.
          sm2Keys.get(request.handle)?.destroy();
          return { id: request.id, ok: true, result: 'forgotten' };
      }
    } catch (error) {
      return { id: request.id, ok: false, error: serializeError(error) };
    }
  };
}
