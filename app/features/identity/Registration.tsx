import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { bytesToHex, type Address } from 'viem';
import { waitForTransactionReceipt } from 'viem/actions';
import { useConnection } from 'wagmi';
import { ErrorMessage, useLocale, useT } from '@/components';
import { useLedgerClient, useNetwork, useWriteClient } from '@/config';
import { bytes2ToCountry, getIdentity, LedgerError, registerIdentity, toLedgerError } from '@/ledger';
import { trustStoreKey } from '@/features/trust-store';
import type { AssessIdentityReturnType } from './verdict';

/** The wallet's identity in the IdentityRegistry, refreshed with the Trust Store's reads on new blocks. */
export function useRegisteredIdentity(account: Address | undefined) {
  const network = useNetwork();
  const client = useLedgerClient();
  const registry = network.contracts.identityRegistry;
  return useQuery({
    queryKey: [...trustStoreKey(network.chainId, network.contracts.trustStore), 'identityOf', registry, account],
    enabled: registry !== undefined && account !== undefined,
    queryFn: () => getIdentity(client, { address: registry!, account: account! }),
  });
}

/** Binds the connected wallet to the certificate: the contract verifies the whole path on-chain. */
export function Registration({ result }: { result: AssessIdentityReturnType }) {
  const t = useT();
  const locale = useLocale();
  const network = useNetwork();
  const reader = useLedgerClient();
  const writer = useWriteClient();
  const connection = useConnection();
  const queryClient = useQueryClient();
  const registry = network.contracts.identityRegistry;
  const account = connection.status === 'connected' ? connection.address : undefined;
  const identity = useRegisteredIdentity(account);
  const register = useMutation({
    mutationFn: async () => {
      if (!writer) throw new LedgerError('No wallet is connected.', { messageKey: 'wallet.required' });
      if (!registry || !result.path.valid) throw new LedgerError('Nothing to register.', { messageKey: 'ledger.failed' });
      try {
        const path = result.path.path.slice(0, -1).map((c) => bytesToHex(c.der));
        const anchorHash = result.certificateHashes[result.certificateHashes.length - 1]!;
        // The proof of possession (the holder key's CMS signature over possessionTypedDataOf) comes with
        // the registration flow's rewrite; without it the contract refuses with PkiSignature__*.
        const { hash } = await registerIdentity(writer, { address: registry, path, anchorHash, signedAttributes: '0x', signature: '0x' });
        const receipt = await waitForTransactionReceipt(reader, { hash });
        if (receipt.status !== 'success') throw new LedgerError('The transaction reverted.', { details: hash, messageKey: 'ledger.reverted' });
        return receipt;
      } catch (error) {
        throw toLedgerError(error);
      }
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: trustStoreKey(network.chainId, network.contracts.trustStore) }),
  });
  if (!registry) return null;
  const leafHash = result.certificateHashes[0];
  const bound = identity.data;
  const boundToThis = bound !== undefined && leafHash !== undefined && bound.certificateHash.toLowerCase() === leafHash.toLowerCase();
  return (
    <section aria-labelledby="identity-registration-title" data-testid="registration">
      <h2 id="identity-registration-title">{t('identity.registration.title')}</h2>
      {!account ? <p>{t('identity.registration.connect')}</p> : null}
      {identity.error ? <ErrorMessage error={identity.error} /> : null}
      {bound ? (
        <p role="status" data-testid="binding">
          {t(boundToThis ? 'identity.registration.bound' : 'identity.registration.boundOther', {
            account: account ?? '',
            country: t(`country.${bytes2ToCountry(bound.country)}`),
            when: new Date(Number(bound.registeredAt) * 1000).toLocaleString(locale),
          })}{' '}
          <code className="fingerprint">{bound.certificateHash}</code>
        </p>
      ) : account && identity.isSuccess ? (
        <p>{t('identity.registration.none')}</p>
      ) : null}
      {account && result.verdict.trusted && !boundToThis ? (
        <button type="button" disabled={register.isPending} onClick={() => register.mutate()}>
          {register.isPending ? t('identity.registration.registering') : t('identity.registration.register')}
        </button>
      ) : null}
      {register.error ? <ErrorMessage error={register.error} /> : null}
    </section>
  );
}
