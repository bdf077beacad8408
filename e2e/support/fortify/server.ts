import { createServer, type Server as HttpsServer } from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as ratchet from '2key-ratchet';
import * as core from '@webcrypto-local/core';
import * as proto from '@webcrypto-local/proto';
import { WebSocketServer, type WebSocket } from 'ws';
import { providerProtoOf, runAction, type SessionItem } from './actions.ts';
import { FortifyServerError } from './errors.ts';
import { createTlsCredentials } from './tls.ts';
import { createFortifyToken, type FortifyToken, type FortifyTokenOptions } from './token.ts';

/** What the simulated user does when the page asks Fortify to approve its origin. */
export type FortifyApproval =
  | 'approve'
  | 'deny'
  /** Decides after seeing the 6-digit PIN Fortify shows (the page shows the same one). */
  | ((request: { readonly origin: string; readonly pin: string }) => boolean | Promise<boolean>);

export interface StartFortifyServerParameters {
  /** In-memory tokens (options) or tokens opened elsewhere, e.g. a SoftHSM2 token (openPkcs11Token). */
  readonly tokens?: readonly (FortifyTokenOptions | FortifyToken)[];
  /** Default 127.0.0.1:31337, the address the Fortify client and web component hard-code. */
  readonly host?: string;
  readonly port?: number;
  /** Reported by the discovery endpoint; the client needs at least 1.2. */
  readonly version?: string;
  readonly approval?: FortifyApproval;
  /** Called when a signature starts on a token, before it is computed (tests pause here to pull the token out). */
  readonly onSign?: (request: { readonly providerId: string }) => void | Promise<void>;
  /** Debug output: one line per action and per error. */
  readonly onLog?: (line: string) => void;
  readonly crypto?: Crypto;
}

export interface FortifyServer {
  /** https://127.0.0.1:31337 */
  readonly url: string;
  /** Ids of the tokens currently inserted. */
  readonly tokenIds: readonly string[];
  /** PINs the server computed for sessions that asked for approval, oldest first. */
  readonly challenges: readonly string[];
  /** Simulates plugging a token in; returns its provider id. */
  insertToken(token: FortifyTokenOptions | FortifyToken): Promise<string>;
  /** Simulates pulling a token out: clients get `provider/event/token` and its objects stop working. */
  removeToken(id: string): void;
  /** Stops the server and drops every session, as quitting Fortify does. */
  close(): Promise<void>;
}

interface Session {
  readonly socket: WebSocket;
  readonly origin: string;
  cipher?: ratchet.AsymmetricRatchet;
  authorized: boolean;
  readonly loggedInTokens: Set<string>;
  readonly items: Map<string, SessionItem>;
  /** Decryption and encryption must follow the ratchet's message order. */
  receiving: Promise<void>;
  sending: Promise<void>;
}

function originOf(request: IncomingMessage): string {
  return request.headers.origin ?? request.socket.remoteAddress ?? 'unknown';
}

function toArrayBuffer(data: Buffer | ArrayBuffer | Buffer[]): ArrayBuffer {
  const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
  return new Uint8Array(bytes).slice().buffer;
}

/**
 * Starts a Fortify-compatible token server: the discovery endpoint and the 2key-ratchet
 * WebSocket session of webcrypto-local, over HTTPS with a fresh self-signed certificate,
 * serving certificates and keys held in memory.
 */
export async function startFortifyServer(parameters: StartFortifyServerParameters = {}): Promise<FortifyServer> {
  const crypto = parameters.crypto ?? globalThis.crypto;
  const host = parameters.host ?? '127.0.0.1';
  const port = parameters.port ?? 31337;
  const log = parameters.onLog ?? (() => undefined);
  const approval = parameters.approval ?? 'approve';
  // 2key-ratchet finds WebCrypto on `self` in browsers only.
  ratchet.setEngine('NodeJS', crypto);

  const toToken = (token: FortifyTokenOptions | FortifyToken) =>
    'privateKeys' in token ? Promise.resolve(token) : createFortifyToken(token, crypto);
  const tokens = new Map<string, FortifyToken>();
  for (const options of parameters.tokens ?? []) {
    const token = await toToken(options);
    tokens.set(token.id, token);
  }

  const identity = await ratchet.Identity.create(0, 1, 0, false);
  const trustedClients = new Set<string>();
  const sessions = new Set<Session>();
  const challenges: string[] = [];

  async function preKeyBundle(): Promise<string> {
    const bundle = new ratchet.PreKeyBundleProtocol();
    await bundle.identity.fill(identity);
    const signedPreKey = identity.signedPreKeys[0];
    if (!signedPreKey) throw new Error('Server identity has no signed pre-key');
    bundle.registrationId = 0;
    bundle.preKeySigned.id = 0;
    bundle.preKeySigned.key = signedPreKey.publicKey;
    await bundle.preKeySigned.sign(identity.signingKey.privateKey);
    return Buffer.from(await bundle.exportProto()).toString('base64');
  }

  function send(session: Session, message: proto.ActionProto): Promise<void> {
    session.sending = session.sending.then(async () => {
      if (!session.cipher) throw new Error('Session has no cipher yet');
      const encrypted = await session.cipher.encrypt(await message.exportProto());
      session.socket.send(Buffer.from(await encrypted.exportProto()));
    });
    return session.sending.catch((error: unknown) => log(`send failed: ${String(error)}`));
  }

  async function approve(session: Session): Promise<boolean> {
    if (!session.cipher) return false;
    const pin = await core.challenge(identity.signingKey.publicKey, session.cipher.remoteIdentity.signingKey);
    challenges.push(pin);
    const approved = typeof approval === 'function' ? await approval({ origin: session.origin, pin }) : approval === 'approve';
    log(`server/login origin=${session.origin} pin=${pin} approved=${approved}`);
    if (approved) trustedClients.add(await session.cipher.remoteIdentity.signingKey.thumbprint());
    return approved;
  }

  async function respond(session: Session, action: proto.ActionProto): Promise<void> {
    const result = new proto.ResultProto(action);
    try {
      const data = await runAction(
        {
          tokens,
          session,
          crypto,
          approve: () => approve(session),
          signing: async (providerId) => {
            await parameters.onSign?.({ providerId });
          },
        },
        action,
      );
      result.status = true;
      if (data) result.data = data;
      log(`${action.action} ok`);
    } catch (error) {
      const known = error instanceof FortifyServerError;
      const message = error instanceof Error ? error.message : String(error);
      result.status = false;
      result.error = new proto.ErrorProto(message, known ? error.code : 0, known ? error.type : 'error');
      log(`${action.action} failed: ${message}`);
    }
    await send(session, result);
  }

  async function receive(session: Session, raw: ArrayBuffer): Promise<void> {
    let signed: ratchet.MessageSignedProtocol;
    if (!session.cipher) {
      // The first frame carries the client's identity: X3DH against our signed pre-key.
      const preKeyMessage = await ratchet.PreKeyMessageProtocol.importProto(raw);
      session.cipher = await ratchet.AsymmetricRatchet.create(identity, preKeyMessage);
      session.authorized = trustedClients.has(await session.cipher.remoteIdentity.signingKey.thumbprint());
      signed = preKeyMessage.signedMessage;
    } else {
      signed = await ratchet.MessageSignedProtocol.importProto(raw);
    }
    const action = await proto.ActionProto.importProto(await session.cipher.decrypt(signed));
    // Not awaited: an approval may wait for the user while other requests go on.
    void respond(session, action);
  }

  const tls = await createTlsCredentials(host, crypto);
  const httpsServer: HttpsServer = createServer({ cert: tls.cert, key: tls.key }, (request, response) => {
    response.setHeader('Access-Control-Allow-Origin', '*');
    const path = new URL(request.url ?? '/', 'https://localhost').pathname;
    if (request.method === 'GET' && path === core.SERVER_WELL_KNOWN) {
      preKeyBundle()
        .then((preKey) => {
          response.setHeader('Content-Type', 'application/json');
          response.end(JSON.stringify({ version: parameters.version ?? '1.10.6', name: 'webcrypto-socket', preKey }));
        })
        .catch((error: unknown) => {
          log(`discovery failed: ${String(error)}`);
          response.statusCode = 500;
          response.end();
        });
      return;
    }
    response.statusCode = 404;
    response.end();
  });

  const socketServer = new WebSocketServer({ server: httpsServer });
  socketServer.on('connection', (socket, request) => {
    const session: Session = {
      socket,
      origin: originOf(request),
      authorized: false,
      loggedInTokens: new Set(),
      items: new Map(),
      receiving: Promise.resolve(),
      sending: Promise.resolve(),
    };
    sessions.add(session);
    log(`connection from ${session.origin}`);
    socket.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
      const raw = toArrayBuffer(data);
      session.receiving = session.receiving
        .then(() => receive(session, raw))
        .catch((error: unknown) => log(`bad message: ${String(error)}`));
    });
    socket.on('close', () => sessions.delete(session));
  });

  await new Promise<void>((resolve, reject) => {
    httpsServer.once('error', reject);
    httpsServer.listen(port, host, () => {
      httpsServer.off('error', reject);
      resolve();
    });
  });
  const address = httpsServer.address() as AddressInfo;

  let closing: Promise<void> | undefined;

  function broadcastTokenEvent(event: { added: proto.ProviderCryptoProto[]; removed: proto.ProviderCryptoProto[] }) {
    for (const session of sessions) {
      if (session.cipher && session.authorized) void send(session, new proto.ProviderTokenEventProto(event));
    }
  }

  return {
    url: `https://${host}:${address.port}`,
    get tokenIds() {
      return [...tokens.keys()];
    },
    challenges,
    async insertToken(options) {
      const token = await toToken(options);
      if (tokens.has(token.id)) throw new Error(`Token ${token.id} is already inserted`);
      tokens.set(token.id, token);
      broadcastTokenEvent({ added: [providerProtoOf(token)], removed: [] });
      return token.id;
    },
    removeToken(id) {
      const token = tokens.get(id);
      if (!token) throw new Error(`No token ${id} is inserted`);
      tokens.delete(id);
      for (const session of sessions) {
        session.loggedInTokens.delete(id);
        for (const [itemId, item] of session.items) if (item.tokenId === id) session.items.delete(itemId);
      }
      broadcastTokenEvent({ added: [], removed: [providerProtoOf(token)] });
    },
    close() {
      // Like quitting the Fortify app: sessions drop at once. Closing twice is harmless.
      closing ??= (async () => {
        for (const client of socketServer.clients) client.terminate();
        await new Promise<void>((resolve) => socketServer.close(() => resolve()));
        await new Promise<void>((resolve, reject) => httpsServer.close((error) => (error ? reject(error) : resolve())));
      })();
      return closing;
    },
  };
}
