// The PKCS#12 worker: opens files off the page's main thread (see pkcs12Protocol.ts).
import { createPkcs12Handler, type Pkcs12Request } from './pkcs12Protocol';

const handle = createPkcs12Handler();
const scope = globalThis as unknown as { postMessage(message: unknown): void; addEventListener(type: 'message', listener: (event: MessageEvent<Pkcs12Request>) => void): void };
scope.addEventListener('message', (event) => {
  void handle(event.data).then((response) => scope.postMessage(response));
});
