import type { DemoManifest } from '@/pki';
import { DemoIdentitiesUnavailableError } from './errors';
import { pkcs12Signer } from './pkcs12';
import type { CertificateSigner } from './types';

/** A demo holder of the embedded network: a PKCS#12 file served at /demo-pki/ (see scripts/dev/demoPkiPlugin.ts). */
export type DemoIdentity = {
  /** `<pki>/<holder>`, e.g. br/holder-person */
  readonly id: string;
  readonly country: 'BR' | 'CN';
  readonly holderKind: 'person' | 'company';
  readonly subject: string;
  /** URL of the PKCS#12 file. */
  readonly pkcs12Url: string;
};

export type ListDemoIdentitiesParameters = {
  /** Where the demo PKI folder is served; default /demo-pki/. */
  readonly baseUrl?: string;
  readonly fetch?: typeof globalThis.fetch;
};

export type ListDemoIdentitiesReturnType = {
  readonly identities: readonly DemoIdentity[];
  /** The one password of every demo PKCS#12 file (demo identities only, published on purpose). */
  readonly password: string;
};

/** The demo identities that have a PKCS#12 file (RSA, P-256 and SM2 holders alike). */
export async function listDemoIdentities(parameters: ListDemoIdentitiesParameters = {}): Promise<ListDemoIdentitiesReturnType> {
  const baseUrl = parameters.baseUrl ?? '/demo-pki/';
  const fetcher = parameters.fetch ?? globalThis.fetch.bind(globalThis);
  let manifest: DemoManifest;
  try {
    const response = await fetcher(`${baseUrl}manifest.json`, { cache: 'no-store' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    manifest = (await response.json()) as DemoManifest;
  } catch (cause) {
    throw new DemoIdentitiesUnavailableError({ cause, details: cause instanceof Error ? cause.message : undefined });
  }
  if (manifest.version !== 1 || !Array.isArray(manifest.pkis as unknown)) throw new DemoIdentitiesUnavailableError({ details: 'unknown manifest version' });
  const identities = manifest.pkis.flatMap((pki) =>
    pki.holders.flatMap((holder): DemoIdentity[] =>
      holder.pkcs12
        ? [{ id: `${pki.id}/${holder.id}`, country: pki.country, holderKind: holder.kind, subject: holder.subject, pkcs12Url: `${baseUrl}${holder.pkcs12}` }]
        : [],
    ),
  );
  return { identities, password: manifest.password };
}

export type DemoSignerParameters = {
  readonly identity: DemoIdentity;
  readonly password: string;
  readonly fetch?: typeof globalThis.fetch;
};

/** Downloads a demo identity's PKCS#12 file and opens it like any other (in the PKCS#12 worker; the key stays in this browser). */
export async function demoSigner(parameters: DemoSignerParameters): Promise<CertificateSigner> {
  const fetcher = parameters.fetch ?? globalThis.fetch.bind(globalThis);
  let data: Uint8Array;
  try {
    const response = await fetcher(parameters.identity.pkcs12Url, { cache: 'no-store' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    data = new Uint8Array(await response.arrayBuffer());
  } catch (cause) {
    throw new DemoIdentitiesUnavailableError({ cause, details: cause instanceof Error ? cause.message : undefined });
  }
  return pkcs12Signer({ data, password: parameters.password, kind: 'demo', label: parameters.identity.subject });
}
