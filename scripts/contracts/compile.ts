// Compiles contracts/src with solc-js, the one Solidity compiler these machines have, using the same
// settings as contracts/foundry.toml so that forge tests and deployed bytecode agree.
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
 
const solc = require('solc') as { compile(input: string, opts: { import(p: string): { contents?: string; error?: string } }): string; version(): string };

export const root = path.resolve(import.meta.dirname, '..', '..');
export const contractsDir = path.join(root, 'contracts');
export const srcDir = path.join(contractsDir, 'src');

/** The EVM version set in foundry.toml, the one place it is configured. */
export function configuredEvmVersion(): string {
  const toml = readFileSync(path.join(contractsDir, 'foundry.toml'), 'utf8');
  const match = /^evm_version\s*=\s*"([a-z]+)"/m.exec(toml);
  if (!match?.[1]) throw new Error('contracts/foundry.toml has no evm_version');
  return match[1];
}

export type CompiledContract = {
  readonly name: string;
  readonly sourcePath: string;
  readonly abi: readonly unknown[];
  readonly bytecode: `0x${string}`;
  readonly deployedBytecode: `0x${string}`;
};

function listSources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return listSources(full);
    return entry.endsWith('.sol') ? [full] : [];
  });
}

function resolveImport(p: string): { contents?: string; error?: string } {
  const candidates = [
    path.join(contractsDir, p),
    p.startsWith('@openzeppelin/') ? path.join(root, 'node_modules', p) : '',
  ].filter(Boolean);
  for (const c of candidates) if (existsSync(c)) return { contents: readFileSync(c, 'utf8') };
  return { error: `File not found: ${p}` };
}

export type CompileParameters = { readonly evmVersion?: string };

/** A Solidity enum of contracts/src: where it is declared (contract, interface or library; else the file) and its members in order. */
export type SolidityEnum = { readonly scope: string; readonly name: string; readonly members: readonly string[]; readonly sourcePath: string };

type AstNode = { nodeType: string; name?: string; absolutePath?: string; nodes?: AstNode[]; members?: { name: string }[] };

/** The enums declared in a source unit's AST (solc's EnumDefinition nodes), at file level or in a contract. */
function enumsOf(sourcePath: string, ast: AstNode): SolidityEnum[] {
  const fileScope = path.basename(sourcePath, '.sol');
  return (ast.nodes ?? []).flatMap((node) => {
    if (node.nodeType === 'EnumDefinition') return [{ scope: fileScope, name: node.name!, members: node.members!.map((m) => m.name), sourcePath }];
    if (node.nodeType !== 'ContractDefinition') return [];
    return (node.nodes ?? [])
      .filter((inner) => inner.nodeType === 'EnumDefinition')
      .map((inner) => ({ scope: node.name!, name: inner.name!, members: inner.members!.map((m) => m.name), sourcePath }));
  });
}

/** Compiles every source under contracts/src and returns its deployable contracts. */
export function compileContracts(params: CompileParameters = {}): CompiledContract[] {
  return compile(params).contracts;
}

/** Compiles every source under contracts/src: its contracts, and the enums its own sources declare (from the AST). */
export function compile({ evmVersion = configuredEvmVersion() }: CompileParameters = {}): { contracts: CompiledContract[]; enums: SolidityEnum[] } {
  const sources = Object.fromEntries(
    listSources(srcDir).map((file) => [path.relative(contractsDir, file), { content: readFileSync(file, 'utf8') }]),
  );
  const input = {
    language: 'Solidity',
    sources,
    settings: {
      evmVersion,
      viaIR: true,
      optimizer: { enabled: true, runs: 200 },
      remappings: ['@openzeppelin/contracts/=@openzeppelin/contracts/'],
      metadata: { bytecodeHash: 'none', appendCBOR: false },
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'], '': ['ast'] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: resolveImport })) as {
    errors?: { severity: string; formattedMessage: string }[];
    contracts?: Record<string, Record<string, { abi: unknown[]; evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }>>;
    sources?: Record<string, { ast: AstNode }>;
  };
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length > 0) throw new Error(`Solidity compilation failed:\n${errors.map((e) => e.formattedMessage).join('\n')}`);
  const result: CompiledContract[] = [];
  for (const [sourcePath, contracts] of Object.entries(output.contracts ?? {})) {
    for (const [name, c] of Object.entries(contracts)) {
      result.push({
        name,
        sourcePath,
        abi: c.abi,
        bytecode: `0x${c.evm.bytecode.object}`,
        deployedBytecode: `0x${c.evm.deployedBytecode.object}`,
      });
    }
  }
  const enums = Object.entries(output.sources ?? {})
    .filter(([sourcePath]) => sourcePath.startsWith('src/'))
    .flatMap(([sourcePath, { ast }]) => enumsOf(sourcePath, ast))
    .sort((a, b) => `${a.scope}.${a.name}`.localeCompare(`${b.scope}.${b.name}`));
  return { contracts: result.sort((a, b) => a.name.localeCompare(b.name)), enums };
}

export const solcVersion = (): string => solc.version();
