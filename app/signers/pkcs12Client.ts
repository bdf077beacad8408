// The page's side of the PKCS#12 worker: one worker, made on first use and kept (it holds SM2 keys by
// handle), requests matched to answers by id. Where no Worker exists (Node, tests) the same handler runs
// in this thread, so both paths speak the one protocol.
import { createPkcs12Handler, deserializeError, type Pkcs12Request, type Pkcs12Response } from './pkcs12Protocol';

type Request = Pkcs12Request extends infer R ? (R extends Pkcs12Request ? Omit<R, 'id'> : never) : never;
type Answer = Extract<Pkcs12Response, { ok: true }>;

let transport: ((request: Pkcs12Request) => Promise<Pkcs12Response>) | undefined;
let nextId = 1;

function workerTransport(): (request: Pkcs12Request) => Promise<Pkcs12Response> {
  const worker = new Worker(new URL('./pkcs12Worker.ts', import.meta.url), { type: 'module', name: 'pkcs12' });
  const pending = new Map<number, (response: Pkcs12Response) => void>();
  worker.addEventListener('message', (event: MessageEvent<Pkcs12Response>) => {
    pending.get(event.data.id)?.(event.data);
    pending.delete(event.data.id);
  });
  worker.addEventListener('error', () => {
    // A worker that failed to start or crashed answers nothing more: every waiting request fails, and the next one starts a new worker.
    for (const [id, resolve] of pending) resolve({ id, ok: false, error: { name: 'Error', shortMessage: 'The PKCS#12 worker stopped.', messageKey: 'pki.pkcs12.malformed', params: {}, details: undefined } });
    pending.clear();
    transport = undefined;
  });
  return (request) =>
    new Promise((resolve) => {
      pending.set(request.id, resolve);
      worker.postMessage(request);
    });
}

/** Starts the worker ahead of use (e.g. when the PKCS#12 form shows), so opening a file does not wait for its module to load. */
export function preparePkcs12Worker(): (request: Pkcs12Request) => Promise<Pkcs12Response> {
  transport ??= typeof Worker === 'undefined' ? createPkcs12Handler() : workerTransport();
  return transport;
}

/** Sends one request to the PKCS#12 worker (or the in-thread handler) and returns its answer, or throws its typed error. */
export async function pkcs12Call(request: Request): Promise<Answer> {
  const response = await preparePkcs12Worker()({ ...request, id: nextId++ } as Pkcs12Request);
  if (!response.ok) throw deserializeError(response.error);
  return response;
}
