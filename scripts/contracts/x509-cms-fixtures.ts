// Writes the CMS fixtures of contracts/test/TransactionRegistry.t.sol and IdentityRegistry.t.sol into
// contracts/test/fixtures/x509/cms/: for each scenario signer, the EIP-712 digest the contract will
// compute (same deployment addresses, chain id, transaction, party, wallet and nonce as the test; or the
// `Register` proof of possession of a wallet's n-th registration), then a CAdES-BES detached signature over the 32-byte
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
const identityRegistry = getContractAddress({ from: TEST_CONTRACT, nonce: 2n });
const WALLETS = {
  alice: '0x00000000000000000000000000000000000A11cE',
  bob: '0x0000000000000000000000000000000000000B0b',
  carol: '0x00000000000000000000000000000000000cA201',
  dave: '0x000000000000000000000000000000000000da7e',
} as const satisfies Record<string, Address>;
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

/** SHA-256 of the tbsCertificate (the first element of the certificate): the certificate's identity. */
function identityOf(der: Uint8Array): Hex {
  const header = (at: number): { start: number; length: number } => {
    const first = der[at + 1]!;
    if (first < 0x80) return { start: at + 2, length: first };
    const n = first & 0x7f;
    let length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + der[at + 2 + i]!;
    return { start: at + 2 + n, length };
  };
  const tbs = header(0).start;
  const { start, length } = header(tbs);
  return sha256(der.subarray(tbs, start + length));
}

const types = {
  Sign: [
    { name: 'transactionId', type: 'uint256' },
    { name: 'partyIndex', type: 'uint256' },
    { name: 'wallet', type: 'address' },
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

function digestFor(certificate: string, partyIndex: bigint, wallet: Address, nonce: bigint): Hex {
  return hashTypedData({
    domain: { name: 'TransactionRegistry', version: '1', chainId: CHAIN_ID, verifyingContract: registry },
    types,
    primaryType: 'Sign',
    message: {
      transactionId: transaction.id,
      partyIndex,
      wallet,
      payloadHash: transaction.payloadHash,
      terms: transaction.terms,
      identity: identityOf(readFileSync(path.join(pki, `${certificate}.der`))),
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

function possessionDigestFor(certificate: string, wallet: Address, nonce: bigint): Hex {
  return hashTypedData({
    domain: { name: 'IdentityRegistry', version: '1', chainId: CHAIN_ID, verifyingContract: identityRegistry },
    types: { Register: [{ name: 'wallet', type: 'address' }, { name: 'identity', type: 'bytes32' }, { name: 'nonce', type: 'uint256' }] },
    primaryType: 'Register',
    message: { wallet, identity: identityOf(readFileSync(path.join(pki, `${certificate}.der`))), nonce },
  });
}

function sign(name: string, certificate: string, digest: Hex): void {
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
console.log(`TransactionRegistry at ${registry}, IdentityRegistry at ${identityRegistry} on chain ${CHAIN_ID}`);
sign('holder-tx1', 'holder', digestFor('holder', 0n, WALLETS.alice, 0n)); // RSA-2048, Brazil, party 0
sign('echolder-tx1', 'echolder', digestFor('echolder', 1n, WALLETS.bob, 0n)); // P-256, China, party 1
sign('holder2-tx1', 'holder2', digestFor('holder2', 0n, WALLETS.carol, 0n)); // RSA-2048, Brazil, a second Brazilian identity
// Proofs of possession: reg-<certificate>-<wallet>-<registration nonce>.
const registrations: readonly (readonly [string, keyof typeof WALLETS, bigint])[] = [
  ['holder', 'alice', 0n],
  ['holder', 'alice', 1n],
  ['holder', 'bob', 0n],
  ['holder', 'dave', 0n],
  ['holder2', 'alice', 1n],
  ['holder2', 'bob', 0n],
  ['holder2', 'carol', 0n],
  ['echolder', 'bob', 0n],
];
for (const [certificate, wallet, nonce] of registrations) {
  sign(`reg-${certificate}-${wallet}-${nonce}`, certificate, possessionDigestFor(certificate, WALLETS[wallet], nonce));
}
