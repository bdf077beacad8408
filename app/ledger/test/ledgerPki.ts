// Test and bench support: small ICP-Brasil-shaped and China-shaped PKIs with real keys, and a ledger
// with the three contracts deployed and the PKIs' roots approved through Trust Store governance.
// Test support only: the ledger's own code never imports app/pki (design.md's layers).
/* eslint-disable app/layers */
import { hexToBytes, sha256, toHex, type Address, type Hex, type PublicClient } from 'viem';
import { getChainId } from 'viem/actions';
import { parseCertificateSync, createCmsSignature, cryptoKeySigner } from '@/pki';
import { certificateDer, generateDemoKeyPair, issueCertificate, KEY_USAGE, type DemoHash, type DemoName, type IssuerKey } from '@/pki/testing';
/* eslint-enable app/layers */
import type { LedgerWriteClient } from '../_writeContract';
import { deployIdentityRegistry, getRegistrationNonce, possessionDigestOf, possessionTypedDataOf, registerIdentity } from '../identity';
import { deployTransactionRegistry } from '../transactions';
import { approveProposal, deployTrustStore, executeProposal, proposeAddAnchor } from '../trustStore';
import { minedOn } from './mined';

const DAY = 86_400_000;

export type TestCertificate = {
  readonly der: Uint8Array;
  readonly hex: Hex;
  /** SHA-256 of the DER (what a CMS signingCertificateV2 names). */
  readonly hash: Hex;
  /** SHA-256 of the tbsCertificate: the certificate's identity on the ledger (anchor hash, path hashes). */
  readonly identity: Hex;
  /** SHA-256 of the SubjectPublicKeyInfo: the key a wallet is bound to. */
  readonly keyHash: Hex;
  readonly issuerKey: IssuerKey;
};

export type TestHolder = TestCertificate & {
  /** The holder's signing key (RSA keys bound to SHA-256, as CMS signing uses). */
  readonly privateKey: CryptoKey;
  /** Holder first, then the intermediates up to the one the root issued (the root not included). */
  readonly path: readonly Hex[];
};

/** A positive 16-byte serial number, hexadecimal. */
function randomSerial(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return toHex(bytes).slice(2);
}

async function issue(
  name: DemoName,
  keys: CryptoKeyPair,
  options: { issuer?: IssuerKey; hash: DemoHash; ca?: { pathLength?: number }; now: Date; years: number },
): Promise<TestCertificate> {
  const certificate = await issueCertificate({
    subject: name,
    publicKey: keys.publicKey,
    ...(options.issuer ? { issuer: options.issuer } : { selfSigningKey: keys.privateKey }),
    serialNumber: randomSerial(),
    notBefore: new Date(options.now.getTime() - DAY),
    notAfter: new Date(options.now.getTime() + options.years * 365 * DAY),
    ...(options.ca ? { ca: options.ca } : {}),
    keyUsage: options.ca ? KEY_USAGE.keyCertSign | KEY_USAGE.cRLSign : KEY_USAGE.digitalSignature | KEY_USAGE.nonRepudiation,
    hash: options.hash,
  });
  const der = certificateDer(certificate);
  const hex = toHex(der);
  const parsed = parseCertificateSync(der);
  return {
    der,
    hex,
    hash: sha256(hex),
    identity: `0x${parsed.identity}`,
    keyHash: `0x${parsed.keyHash}`,
    issuerKey: { certificate, privateKey: keys.privateKey },
  };
}

export type BrazilTestPki = {
  readonly root: TestCertificate;
  /** Root -> CA1 -> CA2: the "three-CA" ICP-Brasil shape (AC Raiz, AC de 1o nivel, AC de 2o nivel). */
  readonly ca1: TestCertificate;
  readonly ca2: TestCertificate;
  /** Issues an RSA-2048 holder under CA2 (a path of depth 4 with the root). */
  issueHolder(cn: string): Promise<TestHolder>;
  /**
   * Issues a new chain of CAs under the root (top first), which no registry has cached yet; its
   * holders' paths have depth `cns.length + 2` with the root.
   */
  issueBranch(cns: readonly string[]): Promise<TestBranch>;
};

export type TestBranch = {
  /** Top (issued by the root) first. */
  readonly cas: readonly TestCertificate[];
  issueHolder(cn: string): Promise<TestHolder>;
};

export type BuildBrazilTestPkiParameters = {
  readonly now?: Date;
  /** The CAs' key: ICP-Brasil's are RSA-4096 signing with SHA-512 (the default). */
  readonly caKey?: 'rsa-4096' | 'rsa-2048';
};

/** An ICP-Brasil-shaped PKI: RSA-4096/SHA-512 root and two intermediates, RSA-2048 holders signed with SHA-512. */
export async function buildBrazilTestPki(params: BuildBrazilTestPkiParameters = {}): Promise<BrazilTestPki> {
  const now = params.now ?? new Date();
  const caKey = params.caKey ?? 'rsa-4096';
  const base: DemoName = [['C', 'BR'], ['O', 'ICP-Brasil Test']];
  const caKeys = () => generateDemoKeyPair(caKey, 'SHA-512');
  const root = await issue([...base, ['CN', 'AC Raiz Teste']], await caKeys(), { hash: 'SHA-512', ca: {}, now, years: 20 });
  // An intermediate CA (subject OU `ou`, CN `cn`): a new CA key certified with SHA-512 by `issuer`, `pathLength` CAs below it.
  const caUnder = async (issuer: TestCertificate, ou: string, cn: string, pathLength: number, years: number) =>
    issue([...base, ['OU', ou], ['CN', cn]], await caKeys(), { issuer: issuer.issuerKey, hash: 'SHA-512', ca: { pathLength }, now, years });
  const ca1 = await caUnder(root, 'AC Raiz Teste', 'AC Teste Nivel 1', 1, 15);
  const ca2 = await caUnder(ca1, 'AC Teste Nivel 1', 'AC Teste Nivel 2', 0, 10);
  const holderUnder = async (issuer: TestCertificate, chain: readonly TestCertificate[], cn: string): Promise<TestHolder> => {
    // The key signs CMS with SHA-256; the CA signs the certificate with SHA-512.
    const keys = await generateDemoKeyPair('rsa-2048', 'SHA-256');
    const cert = await issue([...base, ['OU', 'Presencial'], ['CN', cn]], keys, { issuer: issuer.issuerKey, hash: 'SHA-512', now, years: 3 });
    return { ...cert, privateKey: keys.privateKey, path: [cert.hex, ...chain.map((c) => c.hex)] };
  };
  return {
    root,
    ca1,
    ca2,
    issueHolder: (cn) => holderUnder(ca2, [ca2, ca1], cn),
    async issueBranch(cns) {
      const cas: TestCertificate[] = [];
      for (const [index, cn] of cns.entries()) {
        const issuer = cas.at(-1) ?? root;
        cas.push(await caUnder(issuer, 'AC Raiz Teste', cn, cns.length - 1 - index, 10));
      }
      const bottom = cas.at(-1);
      if (!bottom) throw new RangeError('issueBranch needs at least one CA name');
      return { cas, issueHolder: (holderCn) => holderUnder(bottom, [...cas].reverse(), holderCn) };
    },
  };
}

export type ChinaTestPki = {
  readonly root: TestCertificate;
  readonly ca: TestCertificate;
  /** Issues an ECDSA P-256 holder under the CA. */
  issueHolder(cn: string): Promise<TestHolder>;
};

/** A China-shaped PKI with ECDSA P-256 throughout (WebCrypto has no SM2 signing). */
export async function buildChinaTestPki(params: { readonly now?: Date } = {}): Promise<ChinaTestPki> {
  const now = params.now ?? new Date();
  const base: DemoName = [['C', 'CN'], ['O', 'China Test Trust Services']];
  const p256 = () => generateDemoKeyPair('p-256');
  const root = await issue([...base, ['CN', 'China Test Root CA']], await p256(), { hash: 'SHA-256', ca: {}, now, years: 20 });
  const ca = await issue([...base, ['CN', 'China Test Issuing CA']], await p256(), {
    issuer: root.issuerKey,
    hash: 'SHA-256',
    ca: { pathLength: 0 },
    now,
    years: 10,
  });
  return {
    root,
    ca,
    async issueHolder(cn) {
      const keys = await p256();
      const cert = await issue([...base, ['OU', 'Individuals'], ['CN', cn]], keys, { issuer: ca.issuerKey, hash: 'SHA-256', now, years: 3 });
      return { ...cert, privateKey: keys.privateKey, path: [cert.hex, ca.hex] };
    },
  };
}

export type ProvePossessionParameters = {
  readonly publicClient: PublicClient;
  /** The IdentityRegistry. */
  readonly address: Address;
  /** The wallet to bind. */
  readonly wallet: Address;
  readonly holder: TestHolder;
};

/**
 * The proof of possession a registration needs, made as the app makes it: the holder's WebCrypto key
 * signs, through app/pki's CMS code, the EIP-712 `Register` digest for the wallet's current nonce.
 */
export async function provePossession(params: ProvePossessionParameters): Promise<{ signedAttributes: Hex; signature: Hex }> {
  const [chainId, nonce] = await Promise.all([
    getChainId(params.publicClient),
    getRegistrationNonce(params.publicClient, { address: params.address, account: params.wallet }),
  ]);
  const digest = possessionDigestOf(
    possessionTypedDataOf({ chainId, verifyingContract: params.address, wallet: params.wallet, identity: params.holder.identity, nonce }),
  );
  const cms = await createCmsSignature({
    content: hexToBytes(digest),
    signerCertificate: params.holder.der,
    sign: cryptoKeySigner(params.holder.privateKey),
  });
  return { signedAttributes: toHex(cms.signedAttributes), signature: toHex(cms.signature) };
}

/** Registers `holder` to `wallet` with a real proof of possession; resolves with the transaction hash. */
export async function registerTestHolder(
  wallet: LedgerWriteClient,
  params: { readonly publicClient: PublicClient; readonly address: Address; readonly holder: TestHolder; readonly anchorHash: Hex },
): Promise<{ hash: Hex }> {
  const proof = await provePossession({ publicClient: params.publicClient, address: params.address, wallet: wallet.account.address, holder: params.holder });
  return registerIdentity(wallet, { address: params.address, path: params.holder.path, anchorHash: params.anchorHash, ...proof });
}

export type TestLedgerContracts = {
  readonly trustStore: Address;
  readonly identityRegistry: Address;
  readonly transactionRegistry: Address;
};

export type DeployTestLedgerParameters = {
  readonly publicClient: PublicClient;
  readonly deployer: LedgerWriteClient;
  /** The Trust Store's member authorities, one per country. */
  readonly members: readonly { readonly wallet: LedgerWriteClient; readonly country: string }[];
  /** Roots each member proposes and every other member approves. */
  readonly roots: readonly { readonly der: Hex; readonly country: string }[];
};

/** Deploys TrustStore, IdentityRegistry and TransactionRegistry and approves the roots as trust anchors. */
export async function deployTestLedger(params: DeployTestLedgerParameters): Promise<TestLedgerContracts> {
  const { publicClient, deployer, members } = params;
  const { address: trustStore } = await deployTrustStore(deployer, {
    members: members.map((m) => ({ account: m.wallet.account.address, country: m.country, name: `${m.country} (test)` })),
  });
  for (const root of params.roots) {
    const proposer = members.find((m) => m.country === root.country);
    if (!proposer) throw new Error(`no member of ${root.country}`);
    const proposed = await proposeAddAnchor(proposer.wallet, { address: trustStore, der: root.der, country: root.country, exceptions: 0 });
    await minedOn(publicClient, proposed);
    for (const other of members.filter((m) => m !== proposer)) await minedOn(publicClient, approveProposal(other.wallet, { address: trustStore, id: proposed.proposalId }));
    await minedOn(publicClient, executeProposal(proposer.wallet, { address: trustStore, id: proposed.proposalId }));
  }
  const { address: identityRegistry } = await deployIdentityRegistry(deployer, { trustStore });
  const { address: transactionRegistry } = await deployTransactionRegistry(deployer, { identityRegistry });
  return { trustStore, identityRegistry, transactionRegistry };
}

export type DeployBrazilChinaTestLedgerParameters = {
  readonly publicClient: PublicClient;
  readonly deployer: LedgerWriteClient;
  /** The Trust Store members: one authority per country. */
  readonly brazilAuthority: LedgerWriteClient;
  readonly chinaAuthority: LedgerWriteClient;
  readonly brazil?: BuildBrazilTestPkiParameters;
};

export type BrazilChinaTestLedger = { readonly br: BrazilTestPki; readonly cn: ChinaTestPki; readonly contracts: TestLedgerContracts };

/** The ledger the cross-border tests start from: a Brazil-shaped and a China-shaped test PKI, one member each, both roots approved. */
export async function deployBrazilChinaTestLedger(params: DeployBrazilChinaTestLedgerParameters): Promise<BrazilChinaTestLedger> {
  const [br, cn] = await Promise.all([buildBrazilTestPki(params.brazil), buildChinaTestPki()]);
  const contracts = await deployTestLedger({
    publicClient: params.publicClient,
    deployer: params.deployer,
    members: [
      { wallet: params.brazilAuthority, country: 'BR' },
      { wallet: params.chinaAuthority, country: 'CN' },
    ],
    roots: [
      { der: br.root.hex, country: 'BR' },
      { der: cn.root.hex, country: 'CN' },
    ],
  });
  return { br, cn, contracts };
}
