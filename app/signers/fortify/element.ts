/** What `<peculiar-fortify-certificates>` sends with `selectionSuccess` (event.detail). */
export interface FortifySelection {
  /** `x509-<handle>-<CKA_ID>` */
  readonly certificateId: string;
  readonly providerId: string;
  /** `private-<handle>-<CKA_ID>`; undefined when the certificate has no key on the token. */
  readonly privateKeyId: string | undefined;
}

/**
 * Defines `<peculiar-fortify-certificates>` (and the elements it uses) on first call. The bundle
 * is large (~550 kB), so it is imported here, on demand, from the package's `components/` build
 * (its lazy `loader/` entry 404s under Vite). The element opens its own session to 127.0.0.1:31337: it
 * takes no connection from outside (it creates its FortifyAPI privately when it loads and closes it when
 * removed). It reuses what ours set up: the client scripts (loadWebcryptoSocket loads its very files, so
 * they are fetched and evaluated once) and the site's approved identity key in IndexedDB (no second PIN).
 */
export async function loadFortifyCertificatesElement(): Promise<void> {
  if (customElements.get('peculiar-fortify-certificates')) return;
  const { defineCustomElement } = await import('@peculiar/fortify-webcomponents/components/peculiar-fortify-certificates.js');
  defineCustomElement();
}
