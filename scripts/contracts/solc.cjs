#!/usr/bin/env node
// A solc executable for forge, backed by the npm `solc` package (solc-js, WebAssembly):
// these machines cannot download a native compiler. forge calls `--version` and `--standard-json`.
'use strict';
const solc = require('solc');

const args = process.argv.slice(2);
if (args.includes('--version')) {
  process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${solc.version().replace(/\.Emscripten.*$/, "")}\n`);
  process.exit(0);
}
if (!args.includes('--standard-json')) {
  process.stderr.write('solc.cjs supports only --version and --standard-json\n');
  process.exit(1);
}
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', () => {
  const input = Buffer.concat(chunks).toString('utf8');
  const fs = require('node:fs');
  const path = require('node:path');
  const findImports = (p) => {
    for (const base of [process.cwd(), ...args.filter((a) => a.startsWith('--base-path=')).map((a) => a.slice(12))]) {
      const full = path.resolve(base, p);
      if (fs.existsSync(full)) return { contents: fs.readFileSync(full, 'utf8') };
    }
    return { error: `File not found: ${p}` };
  };
  process.stdout.write(solc.compile(input, { import: findImports }));
});
