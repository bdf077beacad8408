/**
 * The `pki` command line: `npm run --silent pki -- <subcommand> ...`.
 * Subcommands live in their own modules and are loaded on demand.
 */
type Subcommand = { readonly summary: string; readonly run: (args: readonly string[]) => Promise<number> };

const subcommands: Record<string, Subcommand> = {
  path: {
    summary: 'path TARGET --anchors FILE|DIR... [--pool ...] [--time ISO] [--host NAME] [--eku NAME|OID] [--profile rfc5280|strict] [--relax RULE,...] [--json]\n               build and validate a certification path; exit 0 when valid',
    run: async (args) => (await import('./path')).pathCommand(args),
  },
  limbo: {
    summary: 'limbo FILE   run an x509-limbo suite (.json or .json.gz); harness JSON on stdout',
    run: async (args) => (await import('./limbo')).limboCommand(args),
  },
  evidence: {
    summary: 'evidence verify BUNDLE [--rpc URL] [--tsa-anchor FILE]...   re-check an evidence bundle offline and, given a node, against the ledger (signature timestamps against the given TSA roots); exit 0 when every check holds',
    run: async (args) => (await import('./evidence')).evidenceCommand(args),
  },
  demo: {
    summary: 'demo [--out DIR] [--force]   generate the demo PKIs (default data/demo-pki) once',
    run: async (args) => (await import('./demo')).runDemo([...args]),
  },
};

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  const subcommand = name ? subcommands[name] : undefined;
  if (!subcommand) {
    process.stderr.write(`usage: pki <subcommand> [args]\n\n${Object.values(subcommands).map((s) => `  ${s.summary}`).join('\n')}\n`);
    return name ? 2 : 0;
  }
  return subcommand.run(args);
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`pki: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
