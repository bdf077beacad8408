import { useState } from 'react';
import { bytesToHex, hexToBytes, type Address, type Hex } from 'viem';
import { useLedgerWrite, useNetwork } from '@/config';
import { getSignTypedData, getTransactionStatus, LedgerError, signTransaction, type TransactionStatus } from '@/ledger';
import { createCmsSignature, parseCertificateSync, signaturePolicyFor } from '@/pki';
import type { CertificateSigner } from '@/signers';

/** The steps a person sees while signing: the token signs, the wallet sends, the ledger mines and confirms. */
export type SignStep = 'token' | 'wallet' | 'mined' | 'confirmed';

export type SignFlowResult = { readonly contentInfo: Uint8Array; readonly status: TransactionStatus; readonly transactionHash: Hex };

export type SignFlowInput = { readonly id: bigint; readonly partyIndex: number; readonly signer: CertificateSigner; readonly account: Address };

/**
 * Signs the EIP-712 digest of transaction `id` with the national-PKI key (a CAdES-BES signature whose
 * content is the 32-byte digest), then submits the signed attributes and signature with the wallet.
 */
export function useSignFlow() {
  const network = useNetwork();
  const [step, setStep] = useState<SignStep>();
  const registry = network.contracts.transactionRegistry;
  const mutation = useLedgerWrite(signTransaction, {
    prepare: async ({ id, partyIndex, signer, account }: SignFlowInput, { reader }) => {
      if (!registry) throw new LedgerError('No TransactionRegistry on this network.', { messageKey: 'ledger.failed' });
      setStep('token');
      // Read again right before signing: the nonce must be the current one.
      const { digest } = await getSignTypedData(reader, { address: registry, id, partyIndex, account });
      // An ICP-Brasil signer's CAdES names the AD-RB policy (DOC-ICP-15.03), which gives it legal weight in Brazil.
      const signaturePolicy = signaturePolicyFor(parseCertificateSync(signer.certificate));
      const cms = await createCmsSignature({ content: hexToBytes(digest), signerCertificate: signer.certificate, certificates: signer.chain, sign: signer.sign, ...(signaturePolicy ? { signaturePolicy } : {}) });
      setStep('wallet');
      return {
        address: registry,
        id,
        partyIndex,
        signedAttributes: bytesToHex(cms.signedAttributes),
        signature: bytesToHex(cms.signature),
        contentInfo: cms.contentInfo,
      };
    },
    onMutate: () => setStep(undefined),
    onSent: () => setStep('mined'),
    confirm: async ({ hash }, params, { reader }): Promise<SignFlowResult> => {
      const status = await getTransactionStatus(reader, { address: params.address, id: params.id });
      setStep('confirmed');
      return { contentInfo: params.contentInfo, status, transactionHash: hash };
    },
  });
  return { ...mutation, step };
}
