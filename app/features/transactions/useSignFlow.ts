import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { bytesToHex, hexToBytes, type Address, type Hex } from 'viem';
import { waitForTransactionReceipt } from 'viem/actions';
import { useLedgerClient, useNetwork, useWriteClient } from '@/config';
import { getSignTypedData, getTransactionStatus, LedgerError, signTransaction, toLedgerError, type TransactionStatus } from '@/ledger';
import { createCmsSignature } from '@/pki';
import type { CertificateSigner } from '@/signers';
import { useLedgerKey } from './queries';

/** The steps a person sees while signing: the token signs, the wallet sends, the ledger mines and confirms. */
export type SignStep = 'token' | 'wallet' | 'mined' | 'confirmed';

export type SignFlowResult = { readonly contentInfo: Uint8Array; readonly status: TransactionStatus; readonly transactionHash: Hex };

/**
 * Signs the EIP-712 digest of transaction `id` with the national-PKI key (a CAdES-BES signature whose
 * content is the 32-byte digest), then submits the signed attributes and signature with the wallet.
 */
export function useSignFlow() {
  const network = useNetwork();
  const reader = useLedgerClient();
  const writer = useWriteClient();
  const queryClient = useQueryClient();
  const ledgerKey = useLedgerKey();
  const [step, setStep] = useState<SignStep>();
  const mutation = useMutation({
    mutationFn: async ({ id, partyIndex, signer, account }: { id: bigint; partyIndex: number; signer: CertificateSigner; account: Address }): Promise<SignFlowResult> => {
      const registry = network.contracts.transactionRegistry;
      if (!writer) throw new LedgerError('No wallet is connected.', { messageKey: 'wallet.required' });
      if (!registry) throw new LedgerError('No TransactionRegistry on this network.', { messageKey: 'ledger.failed' });
      setStep('token');
      // Read again right before signing: the nonce must be the current one.
      const { digest } = await getSignTypedData(reader, { address: registry, id, partyIndex, account });
      const cms = await createCmsSignature({ content: hexToBytes(digest), signerCertificate: signer.certificate, certificates: signer.chain, sign: signer.sign });
      try {
        setStep('wallet');
        const { hash } = await signTransaction(writer, {
          address: registry,
          id,
          partyIndex,
          signedAttributes: bytesToHex(cms.signedAttributes),
          signature: bytesToHex(cms.signature),
        });
        setStep('mined');
        const receipt = await waitForTransactionReceipt(reader, { hash });
        if (receipt.status !== 'success') throw new LedgerError('The transaction reverted.', { details: hash, messageKey: 'ledger.reverted' });
        const status = await getTransactionStatus(reader, { address: registry, id });
        setStep('confirmed');
        return { contentInfo: cms.contentInfo, status, transactionHash: hash };
      } catch (error) {
        throw toLedgerError(error);
      }
    },
    onMutate: () => setStep(undefined),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ledgerKey }),
  });
  return { ...mutation, step };
}
