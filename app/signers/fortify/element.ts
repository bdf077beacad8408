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
 * (its lazy `loader/` entry 404s under Vite). The element itself connects to 127.0.0.1:31337.
 */
export async function loadFortifyCertificatesElement(): Promise<void> {
  if (customElements.get('peculiar-fortify-certificates')) return;
  const { defineCustomElement } = await import('@peculiar/fortify-webcomponents/components/peculiar-fortify-certificates.js');
  defineCustomElement();
}
