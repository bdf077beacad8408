// Writes the CMS fixtures of contracts/test/TransactionRegistry.t.sol into contracts/test/fixtures/x509/cms/:
// for each scenario signer, the EIP-712 digest the contract will compute (same deployment addresses,
// chain id, transaction and nonce as the test), then a CAdES-BES detached signature over the 32-byte
// digest made by the openssl CLI with the test PKI of scripts/contracts/x509-fixtures.sh, from which
// the DER signed attributes (re-tagged 0x31, as signed) and the signature value are extracted.
// Usage: npx tsx scripts/contracts/x509-cms-fixtures.ts
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as asn1js from 'asn1js';
import { type Address, type Hex, getContractAddress, hashTypedData, keccak256, stringToHex, toHex } from 'viem';

const root = path.resolve(import.meta.dirname, '../..');
const pki = path.join(root, 'contracts/test/fixtures/x509/pki');
const out = path.join(root, 'contracts/test/fixtures/x509/cms');

// Must match TransactionRegistryTest: forge's default test contract address deploys the Trust Store
// double (nonce 1), the IdentityRegistry (nonce 2) and the TransactionRegistry (nonce 3).
const TEST_CONTRACT: Address = '0x7FA9385bE102ac3EAc297483Dd6233D62b3e1496';
const CHAIN_ID = 31337;
const registry = getContractAddress({ from: TEST_CONTRACT, nonce: 3n });
const NOW = 1780272000n; // 2026-06-01
const sha256 = (data: Uint8Array | string): Hex => `0x${createHash('sha256').update(data).digest('hex')}`;

const transaction = {
  id: 1n,
  payloadHash: sha256('Contrato de exportacao 2026-001'),
  terms: {
    amount: 125_000_000n,
    decimals: 2,
    currency: stringToHex('USD', { size: 3 }),
    paymentReference: 'INV-2026-001',
    memoHash: keccak256(stringToHex('pagamento em 30 dias')),
  },
  deadline: NOW + 7n * 86400n,
} as const;

const types = {
  Sign: [
    { name: 'transactionId', type: 'uint256' },
    { name: 'payloadHash', type: 'bytes32' },
    { name: 'terms', type: 'Terms' },
    { name: 'identity', type: 'bytes32' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint64' },
  ],
  Terms: [
    { name: 'amount', type: 'uint256' },
    { name: 'decimals', type: 'uint8' },
    { name: 'currency', type: 'bytes3' },
    { name: 'paymentReference', type: 'string' },
    { name: 'memoHash', type: 'bytes32' },
  ],
} as const;

function digestFor(certificate: string, nonce: bigint): Hex {
  return hashTypedData({
    domain: { name: 'TransactionRegistry', version: '1', chainId: CHAIN_ID, verifyingContract: registry },
    types,
    primaryType: 'Sign',
    message: {
      transactionId: transaction.id,
      payloadHash: transaction.payloadHash,
      terms: transaction.terms,
      identity: sha256(readFileSync(path.join(pki, `${certificate}.der`))),
      nonce,
      deadline: transaction.deadline,
    },
  });
}

/** The signed attributes (as signed: SET OF, tag 0x31) and the signature of the only SignerInfo. */
function extractSignerInfo(cms: Uint8Array): { signedAttributes: Uint8Array; signature: Uint8Array } {
  const contentInfo = asn1js.fromBER(cms).result as asn1js.Sequence;
  const content = contentInfo.valueBlock.value[1] as asn1js.Constructed;
  const signedData = content.valueBlock.value[0] as asn1js.Sequence;
  const signerInfos = signedData.valueBlock.value.at(-1) as asn1js.Set;
  const signerInfo = signerInfos.valueBlock.value[0] as asn1js.Sequence;
  const fields = signerInfo.valueBlock.value;
  const attributes = fields.find((f) => f.idBlock.tagClass === 3 && f.idBlock.tagNumber === 0);
  const signature = fields.find((f) => f instanceof asn1js.OctetString);
  if (!attributes || !signature) throw new Error('SignerInfo without signed attributes or signature');
  const signedAttributes = new Uint8Array(attributes.toBER());
  signedAttributes[0] = 0x31; // [0] IMPLICIT in SignerInfo, SET OF when signed (RFC 5652 section 5.4)
  return { signedAttributes, signature: new Uint8Array(signature.valueBlock.valueHexView) };
}

function sign(name: string, certificate: string, nonce: bigint): void {
  const digest = digestFor(certificate, nonce);
  const work = mkdtempSync(path.join(tmpdir(), 'cms-'));
  try {
    const digestFile = path.join(work, 'digest.bin');
    const certFile = path.join(work, 'signer.pem');
    writeFileSync(digestFile, Buffer.from(digest.slice(2), 'hex'));
    execFileSync('openssl', ['x509', '-inform', 'DER', '-in', path.join(pki, `${certificate}.der`), '-out', certFile]);
    const cms = execFileSync('openssl', [
      'cms', '-sign', '-binary', '-cades', '-nosmimecap', '-md', 'sha256', '-outform', 'DER',
      '-in', digestFile, '-signer', certFile, '-inkey', path.join(pki, `${certificate}.key.pem`),
    ]);
    const { signedAttributes, signature } = extractSignerInfo(new Uint8Array(cms));
    writeFileSync(path.join(out, `${name}.digest`), Buffer.from(digest.slice(2), 'hex'));
    writeFileSync(path.join(out, `${name}.attrs.der`), signedAttributes);
    writeFileSync(path.join(out, `${name}.sig`), signature);
    writeFileSync(path.join(out, `${name}.p7s`), cms);
    console.log(`${name}: digest ${digest}, signed attributes ${toHex(signedAttributes).length / 2 - 1} bytes`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

mkdirSync(out, { recursive: true });
console.log(`TransactionRegistry at ${registry} on chain ${CHAIN_ID}`);
sign('holder-tx1', 'holder', 0n); // RSA-2048, Brazil
sign('echolder-tx1', 'echolder', 0n); // P-256, China
sign('holder2-tx1', 'holder2', 0n); // RSA-2048, Brazil, a second Brazilian identity
