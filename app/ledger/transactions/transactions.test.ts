// Over 300 lines: one end-to-end story against a real node, whose steps share its setup.
// End to end against a real anvil node, with real keys and certificates: governance approves two
// roots, an RSA-2048 holder (ICP-Brasil-shaped, three RSA-4096/SHA-512 CAs) and a P-256 holder register
// identities, both sign a transaction's EIP-712 digest as CMS SignedData, and the contract, app/pki
// and the openssl CLI all accept the same signatures.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hashTypedData, hexToBytes, keccak256, sha256, toHex, type Address, type Hex } from 'viem';
import { beforeAll, describe, expect, it } from 'vitest';
/* eslint-disable app/layers -- the test signs with real keys; the ledger's code never imports app/pki */
import { createCmsSignature, cryptoKeySigner, verifyCmsSignature } from '@/pki';
/* eslint-enable app/layers */
import { identityRegistryAbi } from '@abi/IdentityRegistry';
import { bytes2ToCountry } from '../countries';
import { ContractRefusedError } from '../errors';
import {
  KeyType,
  getAccountOf,
  getIdentity,
  getIdentityHistory,
  getRegistrationNonce,
  possessionDigestOf,
  possessionTypedDataOf,
  hasIdentity,
  isVerifiedIntermediate,
  registerIdentity,
  withdrawIdentity,
} from '../identity';
import { deployBrazilChinaTestLedger, provePossession, registerTestHolder, type BrazilTestPki, type TestHolder, type TestLedgerContracts } from '../test/ledgerPki';
import { localLedger } from '../test/localLedger';
import {
  TransactionStatus,
  bytes3ToCurrency,
  cancelTransaction,
  createTransaction,
  findSigningParty,
  getIdentityNonce,
  getPartySignature,
  getPartyTransactions,
  getSignDigest,
  getSignTypedData,
  getTransaction,
  getTransactionCount,
  getTransactionHistory,
  getTransactionStatus,
  signDigestOf,
  signTransaction,
  signTypedDataOf,
  type Terms,
} from './index';

const { chain, publicClient, testClient, wallets, fund, mined } = localLedger();
// Accounts beyond anvil's ten funded ones, so no other test file shares their nonces.
const [deployer, brazilAuthority, chinaAuthority, brazilian, chinese, stranger] = wallets(40, 41, 42, 43, 44, 45);

const terms: Terms = {
  amount: 1_234_56n,
  decimals: 2,
  currency: 'BRL',
  paymentReference: 'INV-2026-0042',
  memoHash: keccak256(toHex('soybeans, 40 t, FOB Santos')),
};

let contracts: TestLedgerContracts;
let brazilPki: BrazilTestPki;
let brazilHolder: TestHolder;
let chineseHolder: TestHolder;
let chinaRootHash: Hex;

/** What a party's browser does: compute the digest itself, sign it as CMS with the PKI key. */
async function pkiSign(holder: TestHolder, account: Address, id: bigint, partyIndex: number) {
  const { digest, typedData } = await getSignTypedData(publicClient, { address: contracts.transactionRegistry, id, partyIndex, account });
  const cms = await createCmsSignature({
    content: hexToBytes(digest),
    signerCertificate: holder.der,
    sign: cryptoKeySigner(holder.privateKey),
  });
  return { digest, typedData, cms, signedAttributes: toHex(cms.signedAttributes), signature: toHex(cms.signature) };
}

async function newTransaction(creator = brazilian) {
  const deadline = (await publicClient.getBlock()).timestamp + 3600n;
  const created = await createTransaction(creator, {
    address: contracts.transactionRegistry,
    parties: [{ country: 'BR' }, { country: 'CN', account: chinese.account.address }],
    payloadHash: sha256(toHex('contract of sale, version 3')),
    terms,
    deadline,
  });
  await mined(Promise.resolve(created));
  return created.id;
}

describe('IdentityRegistry and TransactionRegistry actions end to end, with real keys', () => {
  beforeAll(async () => {
    await fund(deployer, brazilAuthority, chinaAuthority, brazilian, chinese, stranger);
    const ledger = await deployBrazilChinaTestLedger({ publicClient, deployer, brazilAuthority, chinaAuthority });
    ({ contracts, br: brazilPki } = ledger);
    brazilHolder = await brazilPki.issueHolder('MARIA DA SILVA TESTE:12345678909');
    chineseHolder = await ledger.cn.issueHolder('Li Wei (test)');
    chinaRootHash = ledger.cn.root.identity;
  }, 180_000);

  it('refuses a path that skips an intermediate, naming the link', async () => {
    const [holder, ca2] = brazilHolder.path;
    const proof = await provePossession({ publicClient, address: contracts.identityRegistry, wallet: brazilian.account.address, holder: brazilHolder });
    const broken = registerIdentity(brazilian, { address: contracts.identityRegistry, path: [holder!, ca2!], anchorHash: brazilPki.root.identity, ...proof });
    await expect(broken).rejects.toBeInstanceOf(ContractRefusedError);
    await expect(broken).rejects.toMatchObject({ errorName: 'IdentityRegistry__IssuerMismatch', args: [1n] });
    expect(await hasIdentity(publicClient, { address: contracts.identityRegistry, account: brazilian.account.address })).toBe(false);
  });

  it('registers a BR identity (RSA-2048 under three RSA-4096/SHA-512 CAs) and a CN identity (P-256)', async () => {
    const address = contracts.identityRegistry;
    // A stranger holding only the public certificate cannot bind it: the proof is for the holder's wallet.
    const strangersCopy = await provePossession({ publicClient, address, wallet: brazilian.account.address, holder: brazilHolder });
    await expect(
      registerIdentity(stranger, { address, path: brazilHolder.path, anchorHash: brazilPki.root.identity, ...strangersCopy }),
    ).rejects.toMatchObject({ name: 'ContractRefusedError', errorName: 'PkiSignature__MessageDigestMismatch' });
    await mined(registerTestHolder(brazilian, { publicClient, address, holder: brazilHolder, anchorHash: brazilPki.root.identity }));
    await mined(registerTestHolder(chinese, { publicClient, address, holder: chineseHolder, anchorHash: chinaRootHash }));
    expect(await getRegistrationNonce(publicClient, { address, account: brazilian.account.address })).toBe(1n);

    const br = await getIdentity(publicClient, { address, account: brazilian.account.address });
    expect(br).toMatchObject({
      certificateHash: brazilHolder.identity,
      keyHash: brazilHolder.keyHash,
      derHash: brazilHolder.hash,
      anchorHash: brazilPki.root.identity,
      keyType: KeyType.Rsa,
    });
    expect(bytes2ToCountry(br!.country)).toBe('BR');
    expect(br!.path).toEqual([brazilHolder.identity, brazilPki.ca2.identity, brazilPki.ca1.identity, brazilPki.root.identity]);
    expect(hexToBytes(br!.key).length).toBe(256);
    expect(br!.exponent).toBe('0x010001');

    const cn = await getIdentity(publicClient, { address, account: chinese.account.address });
    expect(cn).toMatchObject({ certificateHash: chineseHolder.identity, keyHash: chineseHolder.keyHash, keyType: KeyType.P256 });
    expect(bytes2ToCountry(cn!.country)).toBe('CN');
    expect(hexToBytes(cn!.key).length).toBe(64);

    expect(await getAccountOf(publicClient, { address, keyHash: brazilHolder.keyHash })).toBe(brazilian.account.address);
    expect(await getAccountOf(publicClient, { address, keyHash: sha256(toHex('no such key')) })).toBeUndefined();
    const spkiHash = (c: typeof brazilPki.ca1) => sha256(toHex(new Uint8Array(c.issuerKey.certificate.subjectPublicKeyInfo.toSchema().toBER())));
    expect(await isVerifiedIntermediate(publicClient, { address, certificateHash: brazilPki.ca2.identity, issuerSpkiHash: spkiHash(brazilPki.ca1) })).toBe(true);
    expect(await isVerifiedIntermediate(publicClient, { address, certificateHash: brazilPki.ca2.identity, issuerSpkiHash: spkiHash(brazilPki.root) })).toBe(false);

    const history = await getIdentityHistory(publicClient, { address, account: brazilian.account.address });
    expect(history.map((e) => e.eventName)).toEqual(['IdentityRegistered']);
    const registered = history[0]!;
    expect(registered.eventName === 'IdentityRegistered' && registered.args.certificate).toBe(brazilHolder.hex);
    const verified = (await getIdentityHistory(publicClient, { address })).filter((e) => e.eventName === 'IntermediateVerified');
    expect(verified.map((e) => e.args.certificateHash)).toEqual(expect.arrayContaining([brazilPki.ca1.identity, brazilPki.ca2.identity]));
  });

  it('builds in TypeScript the proof-of-possession typed data: hashTypedData equals the contract\'s possessionDigestOf', async () => {
    const address = contracts.identityRegistry;
    for (const [wallet, holder] of [
      [brazilian.account.address, brazilHolder],
      [stranger.account.address, chineseHolder],
    ] as const) {
      const nonce = await getRegistrationNonce(publicClient, { address, account: wallet });
      const typedData = possessionTypedDataOf({ chainId: chain.id, verifyingContract: address, wallet, identity: holder.identity, nonce });
      expect(typedData.domain).toEqual({ name: 'IdentityRegistry', version: '1', chainId: chain.id, verifyingContract: address });
      const digest = possessionDigestOf(typedData);
      expect(digest).toBe(hashTypedData(typedData));
      const onChain = await publicClient.readContract({
        abi: identityRegistryAbi,
        address,
        functionName: 'possessionDigestOf',
        args: [wallet, holder.identity],
      });
      expect(digest).toBe(onChain);
      expect(possessionDigestOf(possessionTypedDataOf({ chainId: chain.id, verifyingContract: address, wallet, identity: holder.identity, nonce: nonce + 1n }))).not.toBe(onChain);
    }
  });

  it('builds in TypeScript the EIP-712 typed data whose hash is the contract digestOf', async () => {
    const id = await newTransaction();
    const address = contracts.transactionRegistry;
    for (const [partyIndex, account] of [brazilian.account.address, chinese.account.address].entries()) {
      const { typedData, digest, certificateHash, nonce } = await getSignTypedData(publicClient, { address, id, partyIndex, account });
      expect(typedData.domain).toEqual({ name: 'TransactionRegistry', version: '1', chainId: chain.id, verifyingContract: address });
      expect(typedData.message).toMatchObject({ transactionId: id, partyIndex: BigInt(partyIndex), wallet: account, identity: certificateHash, nonce });
      expect(typedData.message.terms).toMatchObject({ amount: terms.amount, paymentReference: terms.paymentReference, memoHash: terms.memoHash });
      expect(digest).toBe(hashTypedData(typedData));
      expect(digest).toBe(await getSignDigest(publicClient, { address, id, partyIndex, account }));
    }
    // Anything the digest covers changes it: another party, wallet, identity, nonce or amount.
    const stored = (await getTransaction(publicClient, { address, id }))!;
    expect(bytes3ToCurrency(stored.terms.currency)).toBe('BRL');
    const base = {
      chainId: chain.id,
      verifyingContract: address,
      transactionId: id,
      partyIndex: 0n,
      wallet: brazilian.account.address,
      transaction: stored,
      identity: brazilHolder.identity,
      nonce: await getIdentityNonce(publicClient, { address, keyHash: brazilHolder.keyHash }),
    };
    const reference = signDigestOf(signTypedDataOf(base));
    expect(reference).toBe(await getSignDigest(publicClient, { address, id, partyIndex: 0, account: brazilian.account.address }));
    expect(signDigestOf(signTypedDataOf({ ...base, nonce: base.nonce + 1n }))).not.toBe(reference);
    expect(signDigestOf(signTypedDataOf({ ...base, partyIndex: 1n }))).not.toBe(reference);
    expect(signDigestOf(signTypedDataOf({ ...base, wallet: stranger.account.address }))).not.toBe(reference);
    expect(signDigestOf(signTypedDataOf({ ...base, transaction: { ...stored, terms: { ...stored.terms, amount: 1n } } }))).not.toBe(reference);
  });

  it('completes a BR+CN transaction with CMS signatures the contract, app/pki and openssl all accept', async () => {
    const address = contracts.transactionRegistry;
    const id = await newTransaction();
    expect(await getTransactionStatus(publicClient, { address, id })).toBe(TransactionStatus.Proposed);
    const brazilNonce = await getIdentityNonce(publicClient, { address, keyHash: brazilHolder.keyHash });
    expect(await findSigningParty(publicClient, { address, id, account: brazilian.account.address })).toBe(0);
    expect(await findSigningParty(publicClient, { address, id, account: chinese.account.address })).toBe(1);
    expect(await findSigningParty(publicClient, { address, id, account: stranger.account.address })).toBeUndefined();

    const signers = [
      { holder: brazilHolder, wallet: brazilian, partyIndex: 0, status: TransactionStatus.PartiallySigned },
      { holder: chineseHolder, wallet: chinese, partyIndex: 1, status: TransactionStatus.Completed },
    ];
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ledger-cms-'));
    for (const { holder, wallet: w, partyIndex, status } of signers) {
      const signed = await pkiSign(holder, w.account.address, id, partyIndex);
      // app/pki accepts the CMS over the 32-byte digest...
      const verified = await verifyCmsSignature({ contentInfo: signed.cms.contentInfo, content: hexToBytes(signed.digest), requireSigningCertificate: true });
      expect(verified.valid).toBe(true);
      // ...and so does OpenSSL (-noverify: the path is the ledger's business, not the CMS check's).
      const cmsFile = path.join(dir, `party-${partyIndex}.p7s`);
      const digestFile = path.join(dir, `party-${partyIndex}.digest`);
      writeFileSync(cmsFile, signed.cms.contentInfo);
      writeFileSync(digestFile, hexToBytes(signed.digest));
      const openssl = execFileSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', cmsFile, '-content', digestFile, '-noverify', '-out', path.join(dir, 'out')], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      expect(openssl).toBeInstanceOf(Buffer);
      if (partyIndex === 0) {
        // The same checks refuse other content: they do verify something.
        const otherDigest = hexToBytes(sha256(signed.digest));
        writeFileSync(digestFile, otherDigest);
        expect(() => execFileSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', cmsFile, '-content', digestFile, '-noverify', '-out', path.join(dir, 'out')], { stdio: 'ignore' })).toThrow();
        expect((await verifyCmsSignature({ contentInfo: signed.cms.contentInfo, content: otherDigest })).valid).toBe(false);
      }
      // ...and the contract verifies the same signed attributes and signature.
      await mined(signTransaction(w, { address, id, partyIndex, signedAttributes: signed.signedAttributes, signature: signed.signature }));
      expect(await getTransactionStatus(publicClient, { address, id })).toBe(status);
      expect(await getPartySignature(publicClient, { address, id, partyIndex })).toMatchObject({ account: w.account.address, certificateHash: holder.identity });
    }
    expect(await getIdentityNonce(publicClient, { address, keyHash: brazilHolder.keyHash })).toBe(brazilNonce + 1n);
    expect(await findSigningParty(publicClient, { address, id, account: brazilian.account.address })).toBeUndefined();

    const history = await getTransactionHistory(publicClient, { address, id });
    expect(history.map((e) => e.eventName)).toEqual(['TransactionCreated', 'TransactionSigned', 'TransactionSigned', 'TransactionCompleted']);
    const firstSigned = history[1]!;
    expect(firstSigned.eventName === 'TransactionSigned' && firstSigned.args.certificateHash).toBe(brazilHolder.identity);
    expect(firstSigned.eventName === 'TransactionSigned' && firstSigned.args.keyHash).toBe(brazilHolder.keyHash);
    const forChina = await getPartyTransactions(publicClient, { address, country: 'CN', account: chinese.account.address });
    expect(forChina.find((t) => t.id === id)).toMatchObject({ partyIndexes: [1], status: TransactionStatus.Completed });
    expect((await getPartyTransactions(publicClient, { address, country: 'CN', account: stranger.account.address })).map((t) => t.id)).not.toContain(id);
    expect((await getPartyTransactions(publicClient, { address, account: chinese.account.address })).map((t) => t.id)).toContain(id);
    expect((await getPartyTransactions(publicClient, { address, account: brazilian.account.address })).map((t) => t.id)).not.toContain(id);
  });

  it('refuses a signature replayed on another transaction with PkiSignature__MessageDigestMismatch', async () => {
    const address = contracts.transactionRegistry;
    const first = await newTransaction();
    const signed = await pkiSign(brazilHolder, brazilian.account.address, first, 0);
    await mined(signTransaction(brazilian, { address, id: first, partyIndex: 0, signedAttributes: signed.signedAttributes, signature: signed.signature }));
    const second = await newTransaction();
    const replay = signTransaction(brazilian, { address, id: second, partyIndex: 0, signedAttributes: signed.signedAttributes, signature: signed.signature });
    await expect(replay).rejects.toMatchObject({
      name: 'ContractRefusedError',
      errorName: 'PkiSignature__MessageDigestMismatch',
      messageKey: 'ledger.refused.pkiSignatureDigestMismatch',
    });
    // Replayed on the same transaction: the party is already signed.
    const again = signTransaction(brazilian, { address, id: first, partyIndex: 0, signedAttributes: signed.signedAttributes, signature: signed.signature });
    await expect(again).rejects.toMatchObject({ errorName: 'TransactionRegistry__AlreadySigned' });
    // A signature by the wrong key for the right digest: the CN holder may not sign a BR party.
    const wrongCountry = await pkiSign(chineseHolder, chinese.account.address, second, 0);
    await expect(
      signTransaction(chinese, { address, id: second, partyIndex: 0, signedAttributes: wrongCountry.signedAttributes, signature: wrongCountry.signature }),
    ).rejects.toMatchObject({ errorName: 'TransactionRegistry__WrongCountry' });
  });

  it('lets only the creator cancel, and counts transactions', async () => {
    const address = contracts.transactionRegistry;
    const id = await newTransaction();
    await expect(cancelTransaction(stranger, { address, id })).rejects.toMatchObject({ errorName: 'TransactionRegistry__NotCreator' });
    await mined(cancelTransaction(brazilian, { address, id }));
    expect(await getTransactionStatus(publicClient, { address, id })).toBe(TransactionStatus.Cancelled);
    expect((await getTransactionHistory(publicClient, { address, id })).map((e) => e.eventName)).toEqual(['TransactionCreated', 'TransactionCancelled']);
    expect(await getTransactionCount(publicClient, { address })).toBe(id);
    expect(await getTransaction(publicClient, { address, id: id + 1n })).toBeUndefined();
    await expect(getTransactionStatus(publicClient, { address, id: id + 1n })).rejects.toMatchObject({ errorName: 'TransactionRegistry__UnknownTransaction' });
  });

  it('derives Expired after the deadline and refuses signatures then', async () => {
    const address = contracts.transactionRegistry;
    // A few seconds ahead: under load the creation itself may take more than one or two.
    const deadline = (await publicClient.getBlock()).timestamp + 6n;
    const created = await createTransaction(brazilian, { address, parties: [{ country: 'BR' }], payloadHash: sha256(toHex('short-lived')), terms, deadline });
    await mined(Promise.resolve(created));
    const signed = await pkiSign(brazilHolder, brazilian.account.address, created.id, 0);
    // Real time passes (no clock jump, which would move the other test files' shared ledger too).
    while ((await publicClient.getBlock()).timestamp <= deadline) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await testClient.mine({ blocks: 1 });
    }
    expect(await getTransactionStatus(publicClient, { address, id: created.id })).toBe(TransactionStatus.Expired);
    await expect(
      signTransaction(brazilian, { address, id: created.id, partyIndex: 0, signedAttributes: signed.signedAttributes, signature: signed.signature }),
    ).rejects.toMatchObject({ errorName: 'TransactionRegistry__NotOpen', args: [created.id, TransactionStatus.Expired] });
  });

  it('withdraws an identity, which then cannot sign', async () => {
    const address = contracts.identityRegistry;
    const holder = await brazilPki.issueHolder('JOAO TESTE:98765432100');
    await mined(registerTestHolder(stranger, { publicClient, address, holder, anchorHash: brazilPki.root.identity }));
    expect(await hasIdentity(publicClient, { address, account: stranger.account.address })).toBe(true);
    await mined(withdrawIdentity(stranger, { address }));
    expect(await getIdentity(publicClient, { address, account: stranger.account.address })).toBeNull();
    expect(await getAccountOf(publicClient, { address, keyHash: holder.keyHash })).toBeUndefined();
    await expect(withdrawIdentity(stranger, { address })).rejects.toMatchObject({ errorName: 'IdentityRegistry__NoIdentity' });
    const id = await newTransaction();
    const signed = await createCmsSignature({ content: hexToBytes(sha256(toHex(id))), signerCertificate: holder.der, sign: cryptoKeySigner(holder.privateKey) });
    await expect(
      signTransaction(stranger, { address: contracts.transactionRegistry, id, partyIndex: 0, signedAttributes: toHex(signed.signedAttributes), signature: toHex(signed.signature) }),
    ).rejects.toMatchObject({ errorName: 'TransactionRegistry__NoIdentity' });
  });
});
