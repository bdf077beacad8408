import { X509ChainBuilder } from '@peculiar/x509';
import * as proto from '@webcrypto-local/proto';
import { FortifyErrorCode, FortifyServerError } from './errors.ts';
import type { FortifyToken, FortifyTokenCertificate, FortifyTokenPrivateKey } from './token.ts';

/** An object handed to the client during this session, found again by the hex id the client sends back. */
export type SessionItem =
  | { readonly kind: 'certificate'; readonly tokenId: string; readonly entry: FortifyTokenCertificate }
  | { readonly kind: 'publicKey'; readonly tokenId: string; readonly entry: FortifyTokenCertificate }
  | { readonly kind: 'privateKey'; readonly tokenId: string; readonly entry: FortifyTokenPrivateKey };

/** What an action may read and change: one client session and the server's tokens. */
export interface ActionContext {
  readonly tokens: ReadonlyMap<string, FortifyToken>;
  readonly session: {
    authorized: boolean;
    readonly loggedInTokens: Set<string>;
    readonly items: Map<string, SessionItem>;
  };
  readonly crypto: Crypto;
  /** Asks the (simulated) user of the Fortify app to approve this origin. */
  approve(): Promise<boolean>;
  /** Called when a signature starts on a token; a test may pause here and pull the token out. */
  signing(providerId: string): Promise<void>;
}

type Handler = (context: ActionContext, action: proto.ActionProto) => Promise<ArrayBuffer | undefined>;

const encoder = new TextEncoder();

function utf8(text: string): ArrayBuffer {
  return encoder.encode(text).buffer as ArrayBuffer;
}

function byte(value: boolean): ArrayBuffer {
  return new Uint8Array([value ? 1 : 0]).buffer;
}

function copy(bytes: ArrayBuffer | Uint8Array): ArrayBuffer {
  return new Uint8Array(bytes).slice().buffer;
}

/** Algorithms every simulated token advertises (what a typical PKCS#11 signing token offers). */
export const TOKEN_ALGORITHMS = ['RSASSA-PKCS1-v1_5', 'RSA-PSS', 'ECDSA', 'SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'];

export function providerProtoOf(token: FortifyToken): proto.ProviderCryptoProto {
  return new proto.ProviderCryptoProto({
    id: token.id,
    name: token.name,
    card: token.name,
    readOnly: true,
    algorithms: TOKEN_ALGORITHMS,
    isHardware: true,
    isRemovable: true,
    atr: '3b7f96000080318065b0850300ef120fff829000',
    token: {
      label: token.name,
      manufacturerID: 'Test tokens',
      model: 'In-memory',
      serialNumber: token.id.slice(0, 16),
      flags: 0x40d, // CKF_RNG | CKF_LOGIN_REQUIRED | CKF_USER_PIN_INITIALIZED | CKF_TOKEN_INITIALIZED
      maxSessionCount: 0,
      sessionCount: 0,
      maxRwSessionCount: 0,
      rwSessionCount: 0,
      maxPinLen: 32,
      minPinLen: 4,
      totalPublicMemory: 0,
      freePublicMemory: 0,
      totalPrivateMemory: 0,
      freePrivateMemory: 0,
      hardwareVersion: { major: 1, minor: 0 },
      firmwareVersion: { major: 1, minor: 0 },
    },
  });
}

function tokenOf(context: ActionContext, providerId: string): FortifyToken {
  const token = context.tokens.get(providerId);
  if (!token) {
    throw new FortifyServerError(FortifyErrorCode.providerCryptoNotFound, `Cannot get crypto by given ID '${providerId}'`);
  }
  return token;
}

function newItemId(context: ActionContext): string {
  return Buffer.from(context.crypto.getRandomValues(new Uint8Array(20))).toString('hex');
}

/** The session item with this id, on this provider's token (gone once the token is removed). */
function itemOf<K extends SessionItem['kind']>(
  context: ActionContext,
  providerId: string,
  id: string,
  kind: K,
): Extract<SessionItem, { kind: K }> {
  tokenOf(context, providerId);
  const item = context.session.items.get(id.toLowerCase());
  if (!item || item.kind !== kind || item.tokenId !== providerId) {
    throw new FortifyServerError(FortifyErrorCode.memoryStorageOutOfIndex, `Cannot get ${kind} item by id '${id}'`);
  }
  return item as Extract<SessionItem, { kind: K }>;
}

function publicKeyProtoOf(context: ActionContext, token: FortifyToken, entry: FortifyTokenCertificate) {
  const id = newItemId(context);
  context.session.items.set(id, { kind: 'publicKey', tokenId: token.id, entry });
  const key = new proto.CryptoKeyProto();
  key.providerID = token.id;
  key.id = id;
  key.type = 'public';
  key.algorithm = entry.algorithm;
  key.extractable = true;
  key.usages = ['verify'];
  return key;
}

/** The certificate's attributes without its DER: the client fetches that with `export`. */
function certificateProtoOf(context: ActionContext, token: FortifyToken, entry: FortifyTokenCertificate) {
  const id = newItemId(context);
  context.session.items.set(id, { kind: 'certificate', tokenId: token.id, entry });
  const { certificate } = entry;
  const item = new proto.CryptoX509CertificateProto();
  item.providerID = token.id;
  item.id = id;
  item.type = 'x509';
  item.label = certificate.subjectName.getField('CN')[0] ?? certificate.subject;
  item.token = true;
  item.sensitive = false;
  item.serialNumber = certificate.serialNumber;
  item.subjectName = certificate.subject;
  item.issuerName = certificate.issuer;
  item.notBefore = certificate.notBefore;
  item.notAfter = certificate.notAfter;
  item.publicKey = publicKeyProtoOf(context, token, entry);
  return item;
}

function privateKeyProtoOf(context: ActionContext, token: FortifyToken, entry: FortifyTokenPrivateKey) {
  const id = newItemId(context);
  context.session.items.set(id, { kind: 'privateKey', tokenId: token.id, entry });
  const key = new proto.CryptoKeyProto();
  key.providerID = token.id;
  key.id = id;
  key.type = 'private';
  // An RSA key's algorithm must carry its hash, or the client cannot use the key.
  key.algorithm = entry.key.algorithm;
  key.extractable = false;
  key.usages = ['sign'];
  return key;
}

const handlers: Record<string, Handler> = {
  [proto.ServerIsLoggedInActionProto.ACTION]: async (context) => byte(context.session.authorized),

  [proto.ServerLoginActionProto.ACTION]: async (context) => {
    if (!context.session.authorized) {
      if (!(await context.approve())) {
        throw new FortifyServerError(FortifyErrorCode.keyNotApproved, 'PIN is not approved');
      }
      context.session.authorized = true;
    }
    return undefined;
  },

  [proto.ProviderInfoActionProto.ACTION]: async (context) => {
    const info = new proto.ProviderInfoProto();
    info.name = 'webcrypto-socket';
    info.providers = [...context.tokens.values()].map(providerProtoOf);
    return info.exportProto();
  },

  [proto.ProviderGetCryptoActionProto.ACTION]: async (context, action) => {
    const params = await proto.ProviderGetCryptoActionProto.importProto(action);
    tokenOf(context, params.cryptoID);
    return undefined;
  },

  [proto.IsLoggedInActionProto.ACTION]: async (context, action) => {
    const params = await proto.IsLoggedInActionProto.importProto(action);
    tokenOf(context, params.providerID);
    return byte(context.session.loggedInTokens.has(params.providerID));
  },

  // The token PIN is typed into Fortify's own window, never into the page: the test user always types it right.
  [proto.LoginActionProto.ACTION]: async (context, action) => {
    const params = await proto.LoginActionProto.importProto(action);
    tokenOf(context, params.providerID);
    context.session.loggedInTokens.add(params.providerID);
    return undefined;
  },

  [proto.LogoutActionProto.ACTION]: async (context, action) => {
    const params = await proto.LogoutActionProto.importProto(action);
    tokenOf(context, params.providerID);
    context.session.loggedInTokens.delete(params.providerID);
    return undefined;
  },

  [proto.CertificateStorageKeysActionProto.ACTION]: async (context, action) => {
    const params = await proto.CertificateStorageKeysActionProto.importProto(action);
    const token = tokenOf(context, params.providerID);
    return utf8(token.certificates.map((entry) => entry.index).join(','));
  },

  [proto.CertificateStorageGetItemActionProto.ACTION]: async (context, action) => {
    const params = await proto.CertificateStorageGetItemActionProto.importProto(action);
    const token = tokenOf(context, params.providerID);
    const entry = token.certificates.find((candidate) => candidate.index === params.key);
    // The client reads an empty answer as "no such certificate".
    if (!entry) return undefined;
    return certificateProtoOf(context, token, entry).exportProto();
  },

  [proto.CertificateStorageGetValueActionProto.ACTION]: async (context, action) => {
    const params = await proto.CertificateStorageGetValueActionProto.importProto(action);
    const token = tokenOf(context, params.providerID);
    const entry = token.certificates.find((candidate) => candidate.index === params.key);
    return entry ? copy(entry.certificate.rawData) : undefined;
  },

  [proto.CertificateStorageExportActionProto.ACTION]: async (context, action) => {
    const params = await proto.CertificateStorageExportActionProto.importProto(action);
    const { entry } = itemOf(context, params.providerID, params.item.id, 'certificate');
    if (params.format === 'pem') return utf8(entry.certificate.toString('pem'));
    return copy(entry.certificate.rawData);
  },

  [proto.CertificateStorageIndexOfActionProto.ACTION]: async (context, action) => {
    const params = await proto.CertificateStorageIndexOfActionProto.importProto(action);
    const { entry } = itemOf(context, params.providerID, params.item.id, 'certificate');
    return utf8(entry.index);
  },

  // Like Fortify without CKA_X509_CHAIN: only the certificates on the token, leaf first.
  [proto.CertificateStorageGetChainActionProto.ACTION]: async (context, action) => {
    const params = await proto.CertificateStorageGetChainActionProto.importProto(action);
    const token = tokenOf(context, params.providerID);
    const { entry } = itemOf(context, params.providerID, params.item.id, 'certificate');
    const builder = new X509ChainBuilder({ certificates: token.certificates.map((candidate) => candidate.certificate) });
    const path = await builder.build(entry.certificate, context.crypto);
    const result = new proto.CertificateStorageGetChainResultProto();
    result.items = path.map((certificate) => {
      const item = new proto.ChainItemProto();
      item.type = 'x509';
      item.value = copy(certificate.rawData);
      return item;
    });
    return result.exportProto();
  },

  [proto.KeyStorageKeysActionProto.ACTION]: async (context, action) => {
    const params = await proto.KeyStorageKeysActionProto.importProto(action);
    const token = tokenOf(context, params.providerID);
    return utf8(token.privateKeys.map((entry) => entry.index).join(','));
  },

  [proto.KeyStorageGetItemActionProto.ACTION]: async (context, action) => {
    const params = await proto.KeyStorageGetItemActionProto.importProto(action);
    const token = tokenOf(context, params.providerID);
    const entry = token.privateKeys.find((candidate) => candidate.index === params.key);
    if (!entry) return undefined;
    return privateKeyProtoOf(context, token, entry).exportProto();
  },

  [proto.KeyStorageIndexOfActionProto.ACTION]: async (context, action) => {
    const params = await proto.KeyStorageIndexOfActionProto.importProto(action);
    const { entry } = itemOf(context, params.providerID, params.item.id, 'privateKey');
    return utf8(entry.index);
  },

  // ECDSA signatures leave WebCrypto (and Fortify) as raw r||s, not DER.
  [proto.SignActionProto.ACTION]: async (context, action) => {
    const params = await proto.SignActionProto.importProto(action);
    const token = tokenOf(context, params.providerID);
    if (!context.session.loggedInTokens.has(token.id)) {
      throw new FortifyServerError(FortifyErrorCode.userNotLoggedIn, 'CKR_USER_NOT_LOGGED_IN', 'pkcs11');
    }
    const { entry } = itemOf(context, params.providerID, params.key.id, 'privateKey');
    const algorithm = params.algorithm.toAlgorithm() as Algorithm & { hash?: { name: string } };
    await context.signing(token.id);
    // Pulled out while signing: the token's C_Sign fails as a PKCS#11 module reports it.
    if (context.tokens.get(token.id) !== token) {
      throw new FortifyServerError(FortifyErrorCode.deviceRemoved, 'CKR_DEVICE_REMOVED', 'pkcs11');
    }
    return token.subtle.sign(algorithm, entry.key, new Uint8Array(params.data));
  },
};

/** Runs one decrypted client action and returns the result's data. */
export async function runAction(context: ActionContext, action: proto.ActionProto): Promise<ArrayBuffer | undefined> {
  const handler = handlers[action.action];
  if (!handler) {
    throw new FortifyServerError(FortifyErrorCode.actionNotImplemented, `Action '${action.action}' is not implemented`);
  }
  const open = action.action === proto.ServerIsLoggedInActionProto.ACTION || action.action === proto.ServerLoginActionProto.ACTION;
  if (!open && !context.session.authorized) {
    throw new FortifyServerError(FortifyErrorCode.serverNotLoggedIn, '404: Not authorized');
  }
  return handler(context, action);
}
