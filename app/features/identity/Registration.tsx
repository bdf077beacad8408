import { useState } from 'react';
import { bytesToHex, hexToBytes } from 'viem';
import { useConnection } from 'wagmi';
import { ErrorMessage, useLocale, useT } from '@/components';
import { QueryState } from '@/shared';
import { useLedgerWrite, useNetwork } from '@/config';
import { bytes2ToCountry, getRegistrationNonce, LedgerError, possessionDigestOf, possessionTypedDataOf, registerIdentity, toLedgerError } from '@/ledger';
import { createCmsSignature } from '@/pki';
import type { CertificateSigner } from '@/signers';
import { useRegisteredIdentity, type AssessIdentityReturnType } from '@/shared';

/** Where a registration is: the certificate's key proves possession, then the wallet sends. */
type RegistrationStep = 'proving' | 'sending';

/**
 * Binds the connected wallet to the certificate: the certificate's key first signs, as a CMS signer,
 * the registration digest (chain, registry, wallet, nonce), which proves possession; then the wallet
 * sends the path and that signature, and the contract verifies both on-chain.
 */
export function Registration({ result, signer }: { result: AssessIdentityReturnType; signer: CertificateSigner }) {
  const t = useT();
  const locale = useLocale();
  const network = useNetwork();
  const connection = useConnection();
  const registry = network.contracts.identityRegistry;
  const account = connection.status === 'connected' ? connection.address : undefined;
  const identity = useRegisteredIdentity(account);
  const [step, setStep] = useState<RegistrationStep>();
  const register = useLedgerWrite(registerIdentity, {
    prepare: async (_: void, { reader }) => {
      if (!account) throw new LedgerError('No wallet is connected.', { messageKey: 'wallet.required' });
      if (!registry || !result.path.valid) throw new LedgerError('Nothing to register.', { messageKey: 'ledger.failed' });
      const path = result.path.path.slice(0, -1).map((c) => bytesToHex(c.der));
      const anchorHash = result.certificateHashes[result.certificateHashes.length - 1]!;
      setStep('proving');
      // Read right before signing: the nonce must be the wallet's current one.
      const nonce = await getRegistrationNonce(reader, { address: registry, account }).catch((error: unknown) => {
        throw toLedgerError(error);
      });
      const typedData = possessionTypedDataOf({ chainId: network.chainId, verifyingContract: registry, wallet: account, identity: result.certificateHashes[0]!, nonce });
      const cms = await createCmsSignature({ content: hexToBytes(possessionDigestOf(typedData)), signerCertificate: signer.certificate, certificates: signer.chain, sign: signer.sign });
      setStep('sending');
      return { address: registry, path, anchorHash, signedAttributes: bytesToHex(cms.signedAttributes), signature: bytesToHex(cms.signature) };
    },
    onMutate: () => setStep(undefined),
    onSettled: () => setStep(undefined),
  });
  if (!registry) return null;
  const leafHash = result.certificateHashes[0];
  const bound = identity.data;
  const boundToThis = bound != null && leafHash !== undefined && bound.certificateHash.toLowerCase() === leafHash.toLowerCase();
  return (
    <section aria-labelledby="identity-registration-title" data-testid="registration">
      <h2 id="identity-registration-title">{t('identity.registration.title')}</h2>
      {!account ? <p>{t('identity.registration.connect')}</p> : null}
      <QueryState error={identity.error} />
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
      {account && identity.isSuccess && result.verdict.trusted && !boundToThis ? (
        <>
          <p>{t('identity.registration.possession')}</p>
          <button type="button" disabled={register.isPending} onClick={() => register.mutate()}>
            {step === 'proving' ? t('identity.registration.proving') : register.isPending ? t('identity.registration.registering') : t('identity.registration.register')}
          </button>
        </>
      ) : null}
      {register.error ? <ErrorMessage error={register.error} /> : null}
    </section>
  );
}
