// The PKCS#12 worker: opens files off the page's main thread (see pkcs12Protocol.ts).
import { createPkcs12Handler, type Pkcs12Request } from './pkcs12Protocol';
import { warmPkcs12Opener } from './pkcs12Warmup';

// Started when the worker starts (the page starts it while the person chooses). A request that comes
// sooner waits for it rather than racing it through cold code; a failed warm-up decides nothing, since
// the person's own file is checked in full (MAC, key against certificate) whatever happened here.
const warm = warmPkcs12Opener();
const handle = createPkcs12Handler();
const scope = globalThis as unknown as { postMessage(message: unknown): void; addEventListener(type: 'message', listener: (event: MessageEvent<Pkcs12Request>) => void): void };
scope.addEventListener('message', (event) => {
  void warm.then(() => handle(event.data)).then((response) => scope.postMessage(response));
});
