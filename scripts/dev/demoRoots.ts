// The demo trust anchors of the embedded default: the roots of the demo PKIs (`npm run pki -- demo`),
// generated once into data/demo-pki. Ledgers seeded before the demo PKIs existed hold two placeholder
// roots; those are moved aside here and retired on the ledger through proposals and votes.
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { generateDemoPkis } from '../pki/demo.ts';

export type DemoRoot = { readonly country: 'BR' | 'CN'; readonly der: Uint8Array; readonly file: string };

export type DemoRoots = {
  /** The roots to trust: the Brazil-shaped RSA root and China's two, P-256 and SM2 (many Chinese CAs issue both). */
  readonly roots: readonly DemoRoot[];
  /** Placeholder roots of an older data folder, to retire. */
  readonly retired: readonly DemoRoot[];
  readonly demoDir: string;
};

export async function ensureDemoRoots(dataDir: string): Promise<DemoRoots> {
  const demoDir = path.join(dataDir, 'demo-pki');
  const placeholderDir = path.join(dataDir, 'placeholder-roots');
  if (existsSync(path.join(demoDir, 'br-root.der')) && !existsSync(path.join(demoDir, 'manifest.json'))) {
    mkdirSync(dataDir, { recursive: true });
    renameSync(demoDir, placeholderDir);
  }
  const retired: DemoRoot[] = existsSync(placeholderDir)
    ? readdirSync(placeholderDir)
        .filter((f) => /^(br|cn)-root\.der$/.test(f))
        .map((f) => ({ country: f.startsWith('br') ? 'BR' : 'CN', der: new Uint8Array(readFileSync(path.join(placeholderDir, f))), file: path.join(placeholderDir, f) }))
    : [];
  const { manifest } = await generateDemoPkis(demoDir);
  const roots = manifest.pkis
    .filter((pki) => pki.id === 'br' || pki.id === 'cn' || pki.id === 'cn-sm2')
    .map((pki) => ({ country: pki.country, der: new Uint8Array(readFileSync(path.join(demoDir, pki.root.der))), file: path.join(demoDir, pki.root.der) }));
  return { roots, retired, demoDir };
}
