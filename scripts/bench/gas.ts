// `npm run --silent bench:gas -- --out FILE`: gas used by the contracts' main operations, measured on a
// real anvil node with the committed bytecode, written as one flat JSON object (goals on stderr).
//
// Identity and transaction figures use real keys and certificates generated once per run: an
// ICP-Brasil-shaped PKI (RSA-4096/SHA-512 root, CA1 and CA2; RSA-2048 holders) and a P-256 one.
// The contracts expose no bare X.509 verification, so `x509.verify.rsa4096sha512` is the marginal
// gas of one more RSA-4096/SHA-512 intermediate: a cold depth-4 registration minus a cold depth-3 one
// (both under an anchor already used; it includes that CA's parsing, SHA-512, RSA-4096 check, cache
// slot, event and calldata, and one more path hash stored in the identity).
// SM2 figures use the all-SM2 test PKI of contracts/test/fixtures/x509/sm2pki (root -> CA -> holder,
// SM2-with-SM3, made by scripts/contracts/x509-sm2-fixtures.sh) with proofs and transaction signatures
// made here by the app's SM2 signer over CMS signed attributes with messageDigest = SM3 (GB/T 35275).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createPublicClient, createWalletClient, encodeFunctionData, hexToBytes, http, keccak256, sha256, toHex, type Address, type Hex, type PublicClient } from 'viem';
import { waitForTransactionReceipt } from 'viem/actions';
import { trustStoreAbi } from '../../contracts-abi/TrustStore.ts';
import { identityRegistryAbi } from '../../contracts-abi/IdentityRegistry.ts';
import { pkiVerifierAbi } from '../../contracts-abi/PkiVerifier.ts';
import { X509 } from '../../contracts-abi/enums.ts';
import {
  approveProposal,
  createTransaction,
  deployTrustStore,
  embeddedLedger,
  executeProposal,
  getSignTypedData,
  proposeAddAnchor,
  signTransaction,
  type LedgerWriteClient,
} from '../../app/ledger/index.ts';
import {
  buildBrazilTestPki,
  buildChinaTestPki,
  deployTestLedger,
  registerTestHolder,
  type BrazilTestPki,
  type ChinaTestPki,
  type TestHolder,
} from '../../app/ledger/test/ledgerPki.ts';
import { parseCertificateSync, createCmsSignature, cryptoKeySigner } from '../../app/pki/index.ts';
import { possessionDigestOf, possessionTypedDataOf, getRegistrationNonce, registerIdentity } from '../../app/ledger/identity/index.ts';
import { sm3 } from '../../app/pki/crypto/sm3.ts';
import { Sm2Point } from '../../app/pki/crypto/sm2.ts';
import { signSm2 } from '../../app/pki/demo/sm2Signer.ts';
import { developmentAccount } from '../dev/accounts.ts';
import { startAnvil } from '../dev/anvil.ts';
import { benchRoutes } from './routes.ts';
import { benchLightClient } from './gasLightClient.ts';
import { benchInterop } from './gasInterop.ts';
import { benchScale } from './gasScale.ts';

const { values } = parseArgs({ options: { out: { type: 'string' } } });

function pemToHex(file: string): Hex {
  const pem = readFileSync(path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'national-pki', file), 'utf8');
  return toHex(Buffer.from(pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64'));
}

const sm2Dir = path.resolve(import.meta.dirname, '..', '..', 'contracts', 'test', 'fixtures', 'x509', 'sm2pki');
const sm2Der = (name: string): Hex => toHex(readFileSync(path.join(sm2Dir, `${name}.der`)));

/** An SM2 holder of the committed test PKI: its DER, path (holder, CA) and signer (scalar read by openssl). */
function sm2Holder(name: string) {
  const text = execFileSync('openssl', ['pkey', '-in', path.join(sm2Dir, `${name}.key.pem`), '-text', '-noout'], { encoding: 'utf8' });
  const hex = /priv:\s*([\s\S]*?)pub:/.exec(text)![1]!.replace(/[\s:]/g, '');
  const privateScalar = BigInt(`0x${hex}`);
  const key = { kind: 'sm2', privateScalar, publicKey: Sm2Point.BASE.multiply(privateScalar) } as const;
  const der = sm2Der(name);
  return {
    der,
    identity: `0x${parseCertificateSync(hexToBytes(der)).identity}` as Hex,
    path: [der, sm2Der('ca')],
    /** CMS signed attributes for `digest` (messageDigest SM3, signingCertificateV2) and the SM2 signature over them. */
    cms(digest: Hex) {
      const attributes = hexToBytes(
        `0x316a302f06092a864886f70d01090431220420${toHex(sm3(hexToBytes(digest))).slice(2)}3037060b2a864886f70d010910022f31283026302430220420${sha256(der).slice(2)}`,
      );
      return { signedAttributes: toHex(attributes), signature: toHex(signSm2(key, attributes)) };
    },
  };
}

/** Execution gas of a call: estimateGas less the intrinsic 21,000 and the calldata (4 a zero byte, 16 another). */
async function executionGas(publicClient: PublicClient, to: Address, data: Hex): Promise<number> {
  const bytes = hexToBytes(data);
  const calldata = bytes.reduce((sum, b) => sum + (b === 0 ? 4 : 16), 0);
  return Number(await publicClient.estimateGas({ to, data, account: developmentAccount(0).address })) - 21_000 - calldata;
}

/**
 * The parts of the SM2 figures (issue 11), on the PkiVerifier the identity registry deployed: ZA of a key
 * (SM3 continued from the constant head's state), SM3 per 64-byte block (from messages of 0 and 512 bytes),
 * an SM2 verification with ZA cached over an empty message (SM3 of ZA alone: one block) and digest-only
 * (that less one block). The signature's r and s are in range but wrong: the ladder runs in full.
 */
async function sm2Parts(publicClient: PublicClient, identityRegistry: Address): Promise<Record<string, number>> {
  const verifier = await publicClient.readContract({ address: identityRegistry, abi: identityRegistryAbi, functionName: 'verifier' });
  const point = toHex(Sm2Point.BASE.multiply(0x1234567890abcdefn).toBytes(false));
  const key = {
    algorithm: X509.KeyAlgorithm.Ec,
    algorithmOid: '0x2a8648ce3d0201',
    modulus: '0x',
    exponent: '0x',
    curveOid: '0x2a811ccf5501822d',
    point,
  } as const;
  const signature: Hex = `0x30440220${'11'.repeat(32)}0220${'22'.repeat(32)}`;
  const za: Hex = `0x${'5a'.repeat(32)}`;
  const verify = (message: Hex) =>
    executionGas(publicClient, verifier, encodeFunctionData({ abi: pkiVerifierAbi, functionName: 'verifySm2Message', args: [message, signature, za, key] }));
  const [zaGas, empty, eightBlocks] = [
    await executionGas(publicClient, verifier, encodeFunctionData({ abi: pkiVerifierAbi, functionName: 'sm2Za', args: [point] })),
    await verify('0x'),
    await verify(`0x${'a5'.repeat(512)}`),
  ];
  const block = Math.round((eightBlocks - empty) / 8);
  return {
    'sm2.part.za': zaGas,
    'sm2.part.sm3Block': block,
    'sm2.part.verify.zaCached.emptyMessage': empty,
    'sm2.part.verify.digestOnly': empty - block,
  };
}

type Pkis = {
  readonly br: BrazilTestPki;
  readonly cn: ChinaTestPki;
  readonly holders: { readonly br: readonly TestHolder[]; readonly cn: TestHolder };
  /** Fresh CA chains under the BR root: one of one CA, one of two, for the marginal link. */
  readonly branch3: Awaited<ReturnType<BrazilTestPki['issueBranch']>>;
  readonly branch4: Awaited<ReturnType<BrazilTestPki['issueBranch']>>;
};

async function generatePkis(): Promise<Pkis> {
  const [br, cn] = await Promise.all([buildBrazilTestPki(), buildChinaTestPki()]);
  const branch3 = await br.issueBranch(['AC Teste Ramo A']);
  const branch4 = await br.issueBranch(['AC Teste Ramo B1', 'AC Teste Ramo B2']);
  const holders = {
    br: [await br.issueHolder('TITULAR UM:11111111111'), await br.issueHolder('TITULAR DOIS:22222222222')],
    cn: await cn.issueHolder('Zhang San (bench)'),
  };
  return { br, cn, holders, branch3, branch4 };
}

/** Identity registrations and transaction signatures on one node; returns gas per operation. */
async function benchLedger(rpcUrl: string, pkis: Pkis): Promise<Record<string, number>> {
  const chain = { ...embeddedLedger, rpcUrls: { default: { http: [rpcUrl] } } };
  const publicClient = createPublicClient({ chain, transport: http(rpcUrl) }) as PublicClient;
  const wallet = (i: number): LedgerWriteClient => createWalletClient({ chain, transport: http(rpcUrl), account: developmentAccount(i) });
  const gasOf = async (p: Promise<{ hash: Hex }>) => {
    const receipt = await waitForTransactionReceipt(publicClient, { hash: (await p).hash });
    if (receipt.status !== 'success') throw new Error(`transaction ${receipt.transactionHash} reverted`);
    return Number(receipt.gasUsed);
  };
  // Each registration by a wallet without an identity, so none pays (or is refunded for) a replacement.
  const [brMember, cnMember, brHolder, brHolder2, branch3Holder, branch4Holder, cnHolder] = [1, 2, 3, 4, 5, 6, 7].map(wallet) as [
    LedgerWriteClient,
    LedgerWriteClient,
    LedgerWriteClient,
    LedgerWriteClient,
    LedgerWriteClient,
    LedgerWriteClient,
    LedgerWriteClient,
  ];
  const contracts = await deployTestLedger({
    publicClient,
    deployer: brMember,
    members: [
      { wallet: brMember, country: 'BR' },
      { wallet: cnMember, country: 'CN' },
    ],
    roots: [
      { der: pkis.br.root.hex, country: 'BR' },
      { der: pkis.cn.root.hex, country: 'CN' },
      { der: sm2Der('root'), country: 'CN' },
    ],
  });
  // Each registration carries its proof of possession (CMS by the holder's key over the Register digest).
  const register = (w: LedgerWriteClient, holder: TestHolder, anchorHash: Hex) =>
    gasOf(registerTestHolder(w, { publicClient, address: contracts.identityRegistry, holder, anchorHash }));
  const out: Record<string, number> = {};
  // Everything cold: the anchor's facts and both intermediates are verified and cached.
  out['identity.register.icpBrasil4.cold'] = await register(brHolder, pkis.holders.br[0]!, pkis.br.root.identity);
  // Same intermediates, another holder: only the holder's own certificate is verified.
  out['identity.register.icpBrasil4.cached'] = await register(brHolder2, pkis.holders.br[1]!, pkis.br.root.identity);
  out['identity.register.icpBrasil3.intermediatesCold'] = await register(branch3Holder, await pkis.branch3.issueHolder('TITULAR TRES:33333333333'), pkis.br.root.identity);
  out['identity.register.icpBrasil4.intermediatesCold'] = await register(branch4Holder, await pkis.branch4.issueHolder('TITULAR QUATRO:44444444444'), pkis.br.root.identity);
  out['x509.verify.rsa4096sha512'] = out['identity.register.icpBrasil4.intermediatesCold'] - out['identity.register.icpBrasil3.intermediatesCold'];
  out['identity.register.p256.cold'] = await register(cnHolder, pkis.holders.cn, pkis.cn.root.identity);

  // SM2: holder -> CA -> SM2 root, cold (anchor facts, CA link, holder link, proof), then a second holder
  // under the cached CA.
  const sm2Root = `0x${parseCertificateSync(hexToBytes(sm2Der('root'))).identity}` as Hex;
  const [sm2Wallet, sm2Wallet2] = [8, 9].map(wallet) as [LedgerWriteClient, LedgerWriteClient];
  const registerSm2 = async (w: LedgerWriteClient, holder: ReturnType<typeof sm2Holder>) => {
    const [chainId, nonce] = [embeddedLedger.id, await getRegistrationNonce(publicClient, { address: contracts.identityRegistry, account: w.account.address })];
    const digest = possessionDigestOf(
      possessionTypedDataOf({ chainId, verifyingContract: contracts.identityRegistry, wallet: w.account.address, identity: holder.identity, nonce }),
    );
    return gasOf(registerIdentity(w, { address: contracts.identityRegistry, path: holder.path, anchorHash: sm2Root, ...holder.cms(digest) }));
  };
  const sm2 = sm2Holder('holder');
  out['identity.register.sm2.cold'] = await registerSm2(sm2Wallet, sm2);
  out['identity.register.sm2.cached'] = await registerSm2(sm2Wallet2, sm2Holder('holder2'));
  Object.assign(out, await sm2Parts(publicClient, contracts.identityRegistry));

  const deadline = (await publicClient.getBlock()).timestamp + 3600n;
  const created = createTransaction(brHolder, {
    address: contracts.transactionRegistry,
    parties: [{ country: 'BR' }, { country: 'CN' }],
    payloadHash: sha256(toHex('bench document')),
    terms: { amount: 100_000n, decimals: 2, currency: 'BRL', paymentReference: 'BENCH-1', memoHash: keccak256(toHex('memo')) },
    deadline,
  });
  out['transaction.create'] = await gasOf(created);
  const { id } = await created;
  const sign = async (w: LedgerWriteClient, holder: TestHolder, partyIndex: number) => {
    const { digest } = await getSignTypedData(publicClient, { address: contracts.transactionRegistry, id, partyIndex, account: w.account.address });
    const cms = await createCmsSignature({ content: hexToBytes(digest), signerCertificate: holder.der, sign: cryptoKeySigner(holder.privateKey) });
    return gasOf(
      signTransaction(w, { address: contracts.transactionRegistry, id, partyIndex, signedAttributes: toHex(cms.signedAttributes), signature: toHex(cms.signature) }),
    );
  };
  // Both are each identity's first signature (its nonce slot goes from zero); the second completes the transaction.
  out['transaction.sign.rsa2048'] = await sign(brHolder, pkis.holders.br[0]!, 0);
  out['transaction.sign.p256'] = await sign(cnHolder, pkis.holders.cn, 1);

  const sm2Created = createTransaction(sm2Wallet, {
    address: contracts.transactionRegistry,
    parties: [{ country: 'CN' }],
    payloadHash: sha256(toHex('bench document SM2')),
    terms: { amount: 100_000n, decimals: 2, currency: 'CNY', paymentReference: 'BENCH-SM2', memoHash: keccak256(toHex('memo')) },
    deadline,
  });
  const { id: sm2Id } = await sm2Created;
  await gasOf(sm2Created);
  const { digest: sm2Digest } = await getSignTypedData(publicClient, { address: contracts.transactionRegistry, id: sm2Id, partyIndex: 0, account: sm2Wallet.account.address });
  out['transaction.sign.sm2'] = await gasOf(
    signTransaction(sm2Wallet, { address: contracts.transactionRegistry, id: sm2Id, partyIndex: 0, ...sm2.cms(sm2Digest) }),
  );
  return out;
}

const results: Record<string, number> = {};
const pkisPromise = generatePkis();
const anvil = await startAnvil({ chainId: embeddedLedger.id, port: 0 });
try {
  const chain = { ...embeddedLedger, rpcUrls: { default: { http: [anvil.rpcUrl] } } };
  const publicClient = createPublicClient({ chain, transport: http(anvil.rpcUrl) });
  const wallet = (i: number) => createWalletClient({ chain, transport: http(anvil.rpcUrl), account: developmentAccount(i) });
  const gasOf = async (p: Promise<{ hash: Hex }>) => Number((await waitForTransactionReceipt(publicClient, { hash: (await p).hash })).gasUsed);

  const { address } = await deployTrustStore(wallet(0), {
    members: [
      { account: developmentAccount(1).address, country: 'BR', name: 'BR' },
      { account: developmentAccount(2).address, country: 'CN', name: 'CN' },
    ],
  });
  // A real ICP-Brasil root (RSA-4096, 1.4 kB of DER).
  const der = pemToHex('icp-brasil_raiz_v5_rsa4096-sha512.pem');
  const proposal = proposeAddAnchor(wallet(1), { address, der, country: 'BR', exceptions: 0 });
  results['trustStore.proposeAnchor'] = await gasOf(proposal);
  const { proposalId } = await proposal;
  results['trustStore.approveAnchor'] = await gasOf(approveProposal(wallet(2), { address, id: proposalId }));
  results['trustStore.executeAnchor'] = await gasOf(executeProposal(wallet(1), { address, id: proposalId }));
  // Certificates are named by the SHA-256 of their tbsCertificate; the anchor is the last hash.
  const anchorHash: Hex = `0x${parseCertificateSync(hexToBytes(der)).identity}`;
  const pathHashes = [keccak256(toHex('leaf')), keccak256(toHex('ca2')), keccak256(toHex('ca1')), anchorHash];
  const block = await publicClient.getBlock();
  // A view costs no gas in an eth_call; this is what a transaction calling it would spend.
  results['trustStore.checkPath.depth4'] = Number(
    await publicClient.estimateGas({
      to: address,
      data: encodeFunctionData({ abi: trustStoreAbi, functionName: 'checkPath', args: [pathHashes, block.timestamp] }),
      account: developmentAccount(0).address,
    }),
  );

  // anvil's default hardfork has the P256VERIFY precompile (EIP-7951).
  const pkis = await pkisPromise;
  const withPrecompile = await benchLedger(anvil.rpcUrl, pkis);
  const { 'transaction.sign.p256': precompile, ...rest } = withPrecompile;
  Object.assign(results, rest, { 'transaction.sign.p256.precompile': precompile });

  // routes (issue 15): PeerTrust.sync and verifyRecord with the test light client (see routes.ts):
  // the peering contract's part only (interop.part.peerTrust.*); end to end in gasInterop.ts below.
  Object.assign(results, await benchRoutes(anvil.rpcUrl));
} finally {
  await anvil.stop();
}

// Cancun has no P256VERIFY: OpenZeppelin's P256 falls back to its Solidity implementation.
const cancun = await startAnvil({ chainId: embeddedLedger.id, port: 0, hardfork: 'cancun' });
try {
  const withoutPrecompile = await benchLedger(cancun.rpcUrl, await pkisPromise);
  results['transaction.sign.p256.fallback'] = withoutPrecompile['transaction.sign.p256']!;
  results['identity.register.p256.cold.fallback'] = withoutPrecompile['identity.register.p256.cold']!;
} finally {
  await cancun.stop();
}

// lightclient (issue 15): the QBFT light client on its own Cancun node; see gasLightClient.ts.
Object.assign(results, await benchLightClient());

// keepalive (issue 15): end to end, the real light client and PeerTrust on two Cancun nodes, what a
// relayer sends per relay (one transaction; `.twoTx` the first version's two); see gasInterop.ts.
Object.assign(results, await benchInterop());

// scale (issue 16): unlisting expired open transactions, and the inbox view before and after; see gasScale.ts.
Object.assign(results, await benchScale());

const goals: readonly (readonly [string, number])[] = [
  ['transaction.sign.rsa2048', 150_000],
  ['transaction.sign.p256.precompile', 60_000],
  ['identity.register.icpBrasil4.cold', 2_500_000],
  ['identity.register.icpBrasil4.cached', 600_000],
  ['identity.register.sm2.cold', 3_000_000],
  ['identity.register.sm2.cached', 900_000],
  ['transaction.sign.sm2', 700_000],
  // lightclient
  ['interop.header.qbft4', 200_000],
  // keepalive (issue 15): end to end (gasInterop.ts)
  ['interop.sync.oneWithdrawal', 600_000],
  ['interop.sync.keepalive', 400_000],
  ['interop.sync.keepalive.state2000Accounts', 400_000],
  ['interop.verifyRecord', 500_000],
];
for (const [key, goal] of goals) {
  const value = results[key];
  process.stderr.write(`${key}: ${value} gas (goal <= ${goal}: ${value !== undefined && value <= goal ? 'met' : 'NOT met'})\n`);
}

const text = JSON.stringify(results, null, 2) + '\n';
if (values.out) writeFileSync(values.out, text);
process.stdout.write(text);
