// The contract's CMS test vectors (contracts/test/fixtures/x509/cms, made with the openssl CLI by
// scripts/contracts/x509-cms-fixtures.ts and verified by the TransactionRegistry in
// contracts/test/TransactionRegistry.t.sol) checked from TypeScript: typedData.ts yields the same
// EIP-712 digests, and app/pki and openssl cms -verify accept the same signed attributes and signatures.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getContractAddress, keccak256, sha256, stringToHex, toHex, type Address } from 'viem';
import { describe, expect, it } from 'vitest';
/* eslint-disable app/layers -- the test verifies the vectors with app/pki; the ledger's code never imports it */
import { parseCertificateSync, verifyCmsSignature } from '@/pki';
/* eslint-enable app/layers */
import { possessionDigestOf, possessionTypedDataOf } from '../identity/possessionTypedData';
import { signDigestOf, signTypedDataOf } from './typedData';

const fixtures = path.resolve(import.meta.dirname, '..', '..', '..', 'contracts', 'test', 'fixtures', 'x509');
const read = (file: string) => new Uint8Array(readFileSync(path.join(fixtures, file)));

// The scenario of scripts/contracts/x509-cms-fixtures.ts (and TransactionRegistryTest): forge's default
// test contract deploys the IdentityRegistry with its second contract creation and the
// TransactionRegistry with its third, on chain 31337.
const TEST_CONTRACT: Address = '0x7FA9385bE102ac3EAc297483Dd6233D62b3e1496';
const NOW = 1780272000n; // 2026-06-01
const transaction = {
  payloadHash: sha256(stringToHex('Contrato de exportacao 2026-001')),
  terms: {
    amount: 125_000_000n,
    decimals: 2,
    currency: stringToHex('USD', { size: 3 }),
    paymentReference: 'INV-2026-001',
    memoHash: keccak256(stringToHex('pagamento em 30 dias')),
  },
  deadline: NOW + 7n * 86400n,
};

const ALICE: Address = '0x00000000000000000000000000000000000A11cE';
const BOB: Address = '0x0000000000000000000000000000000000000B0b';
const CAROL: Address = '0x00000000000000000000000000000000000cA201';
const identityOf = (der: Uint8Array) => `0x${parseCertificateSync(der).identity}` as const;

const vectors = [
  { name: 'holder-tx1', certificate: 'holder', key: 'RSA-2048', partyIndex: 0n, wallet: ALICE },
  { name: 'echolder-tx1', certificate: 'echolder', key: 'P-256', partyIndex: 1n, wallet: BOB },
  { name: 'holder2-tx1', certificate: 'holder2', key: 'RSA-2048', partyIndex: 0n, wallet: CAROL },
] as const;

const proofs = [
  { name: 'reg-holder-alice-0', certificate: 'holder', wallet: ALICE, nonce: 0n },
  { name: 'reg-holder2-alice-1', certificate: 'holder2', wallet: ALICE, nonce: 1n },
  { name: 'reg-echolder-bob-0', certificate: 'echolder', wallet: BOB, nonce: 0n },
] as const;

describe('the contract CMS test vectors, checked in TypeScript and with openssl', () => {
  it.each(proofs)('$name: the proof-of-possession digest and its CMS signature', async ({ name, certificate, wallet, nonce }) => {
    const certificateDer = read(`pki/${certificate}.der`);
    const typedData = possessionTypedDataOf({
      chainId: 31337,
      verifyingContract: getContractAddress({ from: TEST_CONTRACT, nonce: 2n }),
      wallet,
      identity: identityOf(certificateDer),
      nonce,
    });
    const digest = read(`cms/${name}.digest`);
    expect(possessionDigestOf(typedData)).toBe(toHex(digest));
    const verified = await verifyCmsSignature({ contentInfo: read(`cms/${name}.p7s`), content: digest, signerCertificate: certificateDer, requireSigningCertificate: true });
    expect(verified.valid).toBe(true);
  });

  it.each(vectors)('$name ($key): same digest, and app/pki and openssl accept the signature', async ({ name, certificate, partyIndex, wallet }) => {
    const certificateDer = read(`pki/${certificate}.der`);
    const typedData = signTypedDataOf({
      chainId: 31337,
      verifyingContract: getContractAddress({ from: TEST_CONTRACT, nonce: 3n }),
      transactionId: 1n,
      partyIndex,
      wallet,
      transaction,
      identity: identityOf(certificateDer),
      nonce: 0n,
    });
    const digest = read(`cms/${name}.digest`);
    expect(signDigestOf(typedData)).toBe(toHex(digest));

    const contentInfo = read(`cms/${name}.p7s`);
    const verified = await verifyCmsSignature({ contentInfo, content: digest, signerCertificate: certificateDer, requireSigningCertificate: true });
    expect(verified.valid).toBe(true);
    if (!verified.valid) return;
    // What the contract receives: the signed attributes as signed (SET OF) and the signature value.
    expect(toHex(verified.signedAttributes)).toBe(toHex(read(`cms/${name}.attrs.der`)));
    expect(toHex(verified.signature)).toBe(toHex(read(`cms/${name}.sig`)));

    const cmsFile = path.join(fixtures, 'cms', `${name}.p7s`);
    const digestFile = path.join(fixtures, 'cms', `${name}.digest`);
    expect(() =>
      execFileSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', cmsFile, '-content', digestFile, '-noverify', '-out', '/dev/null'], { stdio: 'pipe' }),
    ).not.toThrow();
    // Another digest is refused.
    const other = read(`cms/${vectors.find((v) => v.name !== name)!.name}.digest`);
    expect((await verifyCmsSignature({ contentInfo, content: other })).valid).toBe(false);
  });
});
