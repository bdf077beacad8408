import { useState } from 'react';
import { bytesToHex, hexToBytes, type Address, type Hex } from 'viem';
import { useLedgerWrite, useNetwork } from '@/config';
import { getSignTypedData, getTransactionStatus, LedgerError, signTransaction, type TransactionStatus } from '@/ledger';
import { buildP7s, createCmsSignature, parseCertificateSync, signaturePolicyFor } from '@/pki';
import { relayOffersTimestamps, timestampSignature, type SignatureTimestamp } from '@/shared';
import type { CertificateSigner } from '@/signers';
import { saveTimestamp } from './timestamps';

/** The steps a person sees while signing: the token signs, the TSA timestamps (when configured), the wallet sends, the ledger mines and confirms. */
export type SignStep = 'token' | 'timestamp' | 'wallet' | 'mined' | 'confirmed';

/** The signature timestamp: obtained and checked, or why not (the signature is recorded either way). */
export type SignTimestampOutcome = { readonly ok: true; readonly timestamp: SignatureTimestamp } | { readonly ok: false; readonly error: unknown };

export type SignFlowResult = {
  /** The .p7s, with the signature timestamp as unsigned attribute when one was obtained. */
  readonly contentInfo: Uint8Array;
  readonly status: TransactionStatus;
  readonly transactionHash: Hex;
  /** Undefined when no time-stamping authority is configured. */
  readonly timestamp: SignTimestampOutcome | undefined;
};

export type SignFlowInput = { readonly id: bigint; readonly partyIndex: number; readonly signer: CertificateSigner; readonly account: Address };

/**
 * Signs the EIP-712 digest of transaction `id` with the national-PKI key (a CAdES-BES signature whose
 * content is the 32-byte digest), then submits the signed attributes and signature with the wallet.
 */
export function useSignFlow() {
  const network = useNetwork();
  const [step, setStep] = useState<SignStep>();
  const [timestamping, setTimestamping] = useState(false);
  const registry = network.contracts.transactionRegistry;
  const mutation = useLedgerWrite(signTransaction, {
    prepare: async ({ id, partyIndex, signer, account }: SignFlowInput, { reader }) => {
      if (!registry) throw new LedgerError('No TransactionRegistry on this network.', { messageKey: 'ledger.failed' });
      setStep('token');
      // Read again right before signing: the nonce must be the current one.
      const { digest } = await getSignTypedData(reader, { address: registry, id, partyIndex, account });
      // The TSA is asked before signing: an ICP-Brasil signer's CAdES names its policy (DOC-ICP-15.03) among
      // the signed attributes, AD-RT when the signature will carry a timestamp, else AD-RB, and the
      // timestamp is over the signature value those attributes make.
      const timestamping = network.relayUrl !== undefined && (await relayOffersTimestamps(network.relayUrl));
      const signaturePolicy = signaturePolicyFor(parseCertificateSync(signer.certificate), { timestamped: timestamping });
      const signingTime = new Date();
      const cms = await createCmsSignature({ content: hexToBytes(digest), signerCertificate: signer.certificate, certificates: signer.chain, signingTime, sign: signer.sign, ...(signaturePolicy ? { signaturePolicy } : {}) });
      // AD-RT: a timestamp over the signature value, from the TSA the relay is configured with. It is an
      // unsigned attribute the contract never reads, so a TSA that fails costs the timestamp, not the signature.
      let timestamp: SignTimestampOutcome | undefined;
      let contentInfo = cms.contentInfo;
      if (timestamping && network.relayUrl) {
        setTimestamping(true);
        setStep('timestamp');
        try {
          const obtained = await timestampSignature({ relayUrl: network.relayUrl, signature: cms.signature, signingTime, ...(network.tsaRoots ? { tsaRoots: network.tsaRoots } : {}) });
          timestamp = { ok: true, timestamp: obtained };
          contentInfo = await buildP7s({ signedAttributes: cms.signedAttributes, signature: cms.signature, certificate: signer.certificate, certificates: signer.chain, signatureTimestamp: obtained.token });
          saveTimestamp({ chainId: network.chainId, registry, id, partyIndex }, obtained.token);
        } catch (error) {
          timestamp = { ok: false, error };
        }
      }
      setStep('wallet');
      return {
        timestamp,
        address: registry,
        id,
        partyIndex,
        signedAttributes: bytesToHex(cms.signedAttributes),
        signature: bytesToHex(cms.signature),
        contentInfo,
      };
    },
    onMutate: () => {
      setStep(undefined);
      setTimestamping(false);
    },
    onSent: () => setStep('mined'),
    confirm: async ({ hash }, params, { reader }): Promise<SignFlowResult> => {
      const status = await getTransactionStatus(reader, { address: params.address, id: params.id });
      setStep('confirmed');
      return { contentInfo: params.contentInfo, status, transactionHash: hash, timestamp: params.timestamp };
    },
  });
  return { ...mutation, step, timestamping };
}
