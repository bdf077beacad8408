// Test support: the forge tests' light client double (contracts/test/utils/FakeLightClient.sol) and a
// stand-in for a peer's TransactionRegistry record commitments, compiled with solc for a real anvil node.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Abi, Hex } from 'viem';

const require = createRequire(import.meta.url);
const solc = require('solc') as { compile(input: string): string };
const contractsDir = path.resolve(import.meta.dirname, '..', '..', '..', 'contracts');

type Compiled = { readonly abi: Abi; readonly bytecode: Hex };

function compile(sources: Record<string, string>, file: string, name: string): Compiled {
  const input = {
    language: 'Solidity',
    sources: Object.fromEntries(Object.entries(sources).map(([f, content]) => [f, { content }])),
    settings: { evmVersion: 'cancun', optimizer: { enabled: true, runs: 200 }, outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } } },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input))) as {
    errors?: { severity: string; formattedMessage: string }[];
    contracts: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string } } }>>;
  };
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length) throw new Error(errors.map((e) => e.formattedMessage).join('\n'));
  const c = output.contracts[file]![name]!;
  return { abi: c.abi, bytecode: `0x${c.evm.bytecode.object}` };
}

/** FakeLightClient: headers and storage values set by the test (registrar: the PeerTrust). */
export function compileFakeLightClient(): Compiled {
  const files = ['test/utils/FakeLightClient.sol', 'src/interfaces/ILedgerLightClient.sol'];
  return compile(Object.fromEntries(files.map((f) => [f, readFileSync(path.join(contractsDir, f), 'utf8')])), files[0]!, 'FakeLightClient');
}

/**
 * A peer's record commitments as TransactionRegistry keeps them (RecordCommitment: a mapping at the
 * ERC-7201 slot, `recordHashOf`), without the signing around them: a real storage slot to prove.
 */
export function compileRecordStore(): Compiled {
  const source = `// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;
import {RecordCommitment} from "src/lib/RecordCommitment.sol";
contract RecordStore {
    function commit(uint256 id, bytes32 recordHash) external {
        bytes32 slot = RecordCommitment.slotOf(id);
        assembly { sstore(slot, recordHash) }
    }
    function recordHashOf(uint256 id) external view returns (bytes32 value) {
        bytes32 slot = RecordCommitment.slotOf(id);
        assembly { value := sload(slot) }
    }
}`;
  return compile(
    { 'RecordStore.sol': source, 'src/lib/RecordCommitment.sol': readFileSync(path.join(contractsDir, 'src/lib/RecordCommitment.sol'), 'utf8') },
    'RecordStore.sol',
    'RecordStore',
  );
}
