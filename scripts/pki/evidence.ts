/**
 * `pki evidence verify BUNDLE [--rpc URL]`: re-checks an evidence bundle (the tar the transaction page
 * downloads). Offline: every party's CMS signature over the bundled content, the content against the
 * recorded digest, the signer's certificate path to the bundled anchor. With --rpc, against the ledger
 * at the recorded block: the chain, the record's payload hash, each party's account and certificate,
 * the EIP-712 digest recomputed from the ledger's own data, the identity's anchor, and the anchor's
 * status in the Trust Store at the time of the signature. A party's RFC 3161 signature timestamp (AD-RT),
 * when its .p7s carries one, is checked too; --tsa-anchor FILE names the TSA roots to require. One line
 * per check; exit 0 when all hold.
 */
import { readFileSync } from 'node:fs';
import { createPublicClient, http, type Address, type Hex, type PublicClient } from 'viem';
import { getChainId, readContract } from 'viem/actions';
import { identityRegistryAbi } from '../../contracts-abi/IdentityRegistry';
import { transactionRegistryAbi } from '../../contracts-abi/TransactionRegistry';
import { trustStoreAbi } from '../../contracts-abi/TrustStore';
import { signDigestOf, signTypedDataOf } from '../../app/ledger/transactions/typedData';
import { evidenceFiles, readCertificates, readEvidenceBundle, verifyEvidenceBundle, type EvidenceBundle, type EvidenceCheck } from '../../app/pki/index';

const usage = 'usage: pki evidence verify BUNDLE [--rpc URL] [--tsa-anchor FILE]...';

/** The checks against the ledger, read at the block the bundle records. */
export async function verifyEvidenceOnLedger(client: PublicClient, bundle: EvidenceBundle): Promise<EvidenceCheck[]> {
  const { record, files } = bundle;
  const blockNumber = BigInt(record.block);
  const checks: EvidenceCheck[] = [];
  const check = (name: string, ok: boolean, yes: string, no: string) => checks.push({ name, ok, detail: ok ? yes : no });
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const chainId = await getChainId(client);
  check('ledger chain', chainId === record.chainId, `the node serves chain ${chainId}`, `the node serves chain ${chainId}, the bundle records ${record.chainId}`);
  if (chainId !== record.chainId) return checks;
  const transaction = await readContract(client, { abi: transactionRegistryAbi, address: record.transactionRegistry as Address, functionName: 'transaction', args: [BigInt(record.transactionId)], blockNumber });
  check(
    'ledger payload hash',
    same(transaction.payloadHash, record.payloadHash),
    `transaction ${record.transactionId} records payload hash ${record.payloadHash} at block ${record.block}`,
    `the ledger records payload hash ${transaction.payloadHash} at block ${record.block}, the bundle ${record.payloadHash}`,
  );
  for (const party of record.parties) {
    const at = `party ${party.partyIndex + 1}`;
    const signature = await readContract(client, { abi: transactionRegistryAbi, address: record.transactionRegistry as Address, functionName: 'signatureOf', args: [BigInt(record.transactionId), BigInt(party.partyIndex)], blockNumber });
    check(`${at} ledger party`, same(signature.account, party.account), `signed by ${party.account}`, `the ledger records signer ${signature.account}, the bundle ${party.account}`);
    check(`${at} ledger certificate`, same(signature.certificateHash, party.certificateHash), `with certificate ${party.certificateHash}`, `the ledger records certificate ${signature.certificateHash}, the bundle ${party.certificateHash}`);
    const digest = signDigestOf(
      signTypedDataOf({
        chainId,
        verifyingContract: record.transactionRegistry as Address,
        transactionId: BigInt(record.transactionId),
        partyIndex: BigInt(party.partyIndex),
        wallet: signature.account,
        transaction,
        identity: signature.certificateHash,
        nonce: BigInt(party.nonce),
      }),
    );
    check(`${at} ledger digest`, same(digest, party.digest), `the ledger's transaction hashes to the signed digest`, `the ledger's transaction hashes to ${digest}, the bundle's content is ${party.digest}`);
    const identity = await readContract(client, { abi: identityRegistryAbi, address: record.identityRegistry as Address, functionName: 'identityOf', args: [party.account as Address], blockNumber });
    const anchorPem = files.get(evidenceFiles.anchor(party.partyIndex + 1));
    const anchor = anchorPem ? (await readCertificates(anchorPem))[0] : undefined;
    const anchorHash: Hex = `0x${anchor?.identity ?? ''}`;
    check(
      `${at} ledger identity`,
      same(identity.certificateHash, party.certificateHash) && same(identity.anchorHash, anchorHash),
      `${party.account} is bound to the certificate under the bundled anchor ${anchorHash}`,
      `${party.account} is bound to certificate ${identity.certificateHash} under anchor ${identity.anchorHash}, the bundle names ${party.certificateHash} under ${anchorHash}`,
    );
    const time = BigInt(Math.floor(new Date(party.signedAt).getTime() / 1000));
    const trusted = anchor ? await readContract(client, { abi: trustStoreAbi, address: record.trustStore as Address, functionName: 'wasTrustedAt', args: [anchorHash, time], blockNumber }) : false;
    check(`${at} ledger anchor status`, trusted, `the Trust Store trusted the anchor at ${party.signedAt}`, `the Trust Store did not trust the anchor ${anchorHash} at ${party.signedAt}`);
  }
  return checks;
}

export async function evidenceCommand(args: readonly string[], out: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Promise<number> {
  const [verb, file, ...rest] = args;
  let rpc: string | undefined;
  const tsaAnchorFiles: string[] = [];
  for (let i = 0; i < rest.length; i += 2) {
    const [flag, value] = [rest[i], rest[i + 1]];
    if (flag === '--rpc' && value && rpc === undefined) rpc = value;
    else if (flag === '--tsa-anchor' && value) tsaAnchorFiles.push(value);
    else rpc = '\0';
  }
  if (verb !== 'verify' || !file || rpc === '\0') {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  let bundle: EvidenceBundle;
  try {
    bundle = readEvidenceBundle(readFileSync(file));
  } catch (error) {
    out(`FAIL bundle: ${file} cannot be read as an evidence bundle (${(error as Error).message})`);
    return 1;
  }
  // The time-stamping authorities the verifier trusts (AD-RT): without them a timestamp is checked by its own form.
  const tsaAnchors = tsaAnchorFiles.length ? (await Promise.all(tsaAnchorFiles.map((f) => readCertificates(readFileSync(f))))).flat() : undefined;
  const checks = await verifyEvidenceBundle(bundle, tsaAnchors ? { tsaAnchors } : {});
  if (rpc) {
    try {
      checks.push(...(await verifyEvidenceOnLedger(createPublicClient({ transport: http(rpc) }), bundle)));
    } catch (error) {
      checks.push({ name: 'ledger', ok: false, detail: `the node at ${rpc} did not answer the checks (${(error as Error).message.split('\n')[0]})` });
    }
  }
  for (const c of checks) out(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
  return checks.every((c) => c.ok) ? 0 : 1;
}
