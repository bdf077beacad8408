// The embedded network's demo trust anchors: the roots of the demo PKIs (`npm run pki -- demo`),
// generated once into data/demo-pki, so the demo identities served at /demo-pki/ chain to anchors the
// Trust Store holds.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generateDemoPkis } from '../pki/demo.ts';
import type { DemoRoot } from './placeholderRoots.ts';

export async function ensureDemoPkiRoots(dir: string): Promise<DemoRoot[]> {
  const { manifest } = await generateDemoPkis(dir);
  // Only the PKIs whose holders can sign here (the SM2 variant's cannot: WebCrypto has no SM2).
  return manifest.pkis.filter((pki) => pki.holders.some((h) => h.pkcs12)).map((pki) => {
    const file = path.join(dir, pki.root.der);
    return { country: pki.country, der: new Uint8Array(readFileSync(file)), file };
  });
}
