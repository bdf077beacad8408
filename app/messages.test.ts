// Every sentence an error can put in front of a person exists in every language, with every placeholder
// filled: the test enumerates each error class of the app (a new class without a sample here fails), every
// key each one can produce, the engine's path-failure codes and the revocation reasons.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TransactionReceipt } from 'viem';
import { describe, expect, it } from 'vitest';
import { identityRegistryAbi } from '@abi/IdentityRegistry';
import { pkiVerifierAbi } from '@abi/PkiVerifier';
import { rootCertificateReaderAbi } from '@abi/RootCertificateReader';
import { transactionRegistryAbi } from '@abi/TransactionRegistry';
import { trustStoreAbi } from '@abi/TrustStore';
import { errorText } from '@/components/errorText';
import * as environment from '@/config/env';
import * as network from '@/config/network';
import { BaseError } from '@/errors';
import * as certificateFile from '@/features/governance/certificateFile';
import { pathFailureText } from '@/features/identity/pathFailureText';
import { catalogues, locales, translate, type Locale } from '@/i18n';
import * as ledger from '@/ledger';
import * as interop from '@/ledger/interop';
import * as pki from '@/pki';
import * as asn1 from '@/pki/der/asn1';
import * as signers from '@/signers';
import * as fortify from '@/signers/fortify/errors';

const receipt: TransactionReceipt = {
  blockHash: `0x${'11'.repeat(32)}`,
  blockNumber: 1n,
  contractAddress: null,
  cumulativeGasUsed: 21_000n,
  effectiveGasPrice: 1n,
  from: '0x90F79bf6EB2c4f870365E785982E1f101E93b906',
  gasUsed: 21_000n,
  logs: [],
  logsBloom: `0x${'00'.repeat(256)}`,
  status: 'reverted',
  to: '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65',
  transactionHash: `0x${'22'.repeat(32)}`,
  transactionIndex: 0,
  type: 'eip1559',
};

const contractErrorNames = [identityRegistryAbi, pkiVerifierAbi, rootCertificateReaderAbi, transactionRegistryAbi, trustStoreAbi].flatMap((abi) =>
  abi.flatMap((item) => (item.type === 'error' ? [item.name] : [])),
);

/** One instance of every error class, and as many as it takes to produce each key the class can produce. */
const samples: readonly BaseError[] = [
  new BaseError('Something happened.', { messageKey: 'error.unknown' }),
  // app/pki
  new pki.PkiError('The engine failed.', { messageKey: 'pki.cert.malformed' }),
  ...pki.certificateFileKinds.map((kind) => new pki.CertificateFormatError(kind)),
  new pki.CertificateParseError('bad DER'),
  new pki.CrlParseError('bad DER'),
  new pki.InvalidTimeError('got Invalid Date'),
  new pki.Pkcs12WrongPasswordError(),
  new pki.Pkcs12MalformedError(),
  new pki.Pkcs12UnsupportedError('RC5'),
  new pki.CmsMalformedError(),
  new pki.UnsupportedAlgorithmError('1.2.3'),
  new pki.Sm2InputError('short key'),
  new pki.RevocationSourceError('The source failed.', { url: 'http://crl.example/ca.crl', messageKey: 'pki.crl.fetchFailed', details: 'HTTP 404' }),
  new pki.CrlFetchError('http://crl.example/ca.crl', 'HTTP 404'),
  new pki.OcspError('http://ocsp.example/', 'HTTP 503'),
  new pki.Sm2KeyDestroyedError(),
  new pki.Pkcs12KeyMismatchError(),
  new pki.Sm2SigningUnsupportedError(),
  ...pki.pkiLimitKinds.map((kind) => new pki.PkiLimitError(kind, 1_000)),
  new asn1.Asn1Error('truncated length'),
  ...pki.timestampFailures.map((code) => new pki.TimestampError(code)),
  // app/ledger
  new ledger.LedgerError('The ledger call failed.', { messageKey: 'ledger.failed' }),
  ...ledger.refusalReasons.map((reason) => new ledger.ContractRefusedError(`Registry__${reason}`, [], undefined)),
  ...contractErrorNames.map((name) => new ledger.ContractRefusedError(name, [], undefined)),
  new ledger.ContractRefusedError('Future__Unknown', [], undefined),
  new ledger.LedgerUnavailableError('http://127.0.0.1:8545', undefined),
  new ledger.UserRejectedError(undefined),
  new ledger.TransactionRevertedError(receipt),
  new ledger.NetworkConfigError('chainId must be a positive integer'),
  new interop.QbftHeaderError('the header has 3 fields'),
  new interop.SealerError('http://127.0.0.1:1', 'HTTP 500'),
  new ledger.IndexerUnavailableError('http://127.0.0.1:42069', 'HTTP 503'),
  // app/signers
  new signers.SignerError('The token failed.', { messageKey: 'signers.unsupportedKey' }),
  new signers.SignerUnsupportedKeyError(),
  new signers.DemoIdentitiesUnavailableError(),
  new fortify.FortifyError('Fortify failed.'),
  new fortify.FortifyNotRunningError(),
  new fortify.FortifyNotApprovedError(),
  new fortify.FortifyTokenRemovedError('provider-1'),
  new fortify.FortifyUserCancelledError(),
  new fortify.FortifyKeyNotFoundError(),
  new fortify.FortifyConnectionClosedError(),
  new signers.SignerError('Forwarded.', { messageOf: new fortify.FortifyTokenRemovedError('provider-1') }),
  // app/config, app/features
  new environment.EnvironmentError('VITE_WALLETCONNECT_PROJECT_ID', 'not an id'),
  new network.NetworkUnavailableError('Could not load /network.json.'),
  new certificateFile.CertificateFileError('the file holds no certificate'),
];

const modulesWithErrors = { environment, network, certificateFile, ledger, interop, pki, asn1, signers, fortify };

function expectSentence(locale: Locale, key: string, text: string) {
  expect(text, `${locale} ${key}`).not.toBe('');
  expect(text, `${locale} ${key}: a placeholder left unfilled`).not.toMatch(/\{\w+\}/);
}

describe('error messages', () => {
  it('has a sample of every error class the app exports', () => {
    const sampled = new Set(samples.map((error) => error.constructor));
    for (const [module, exports] of Object.entries(modulesWithErrors)) {
      for (const [name, value] of Object.entries(exports)) {
        if (typeof value === 'function' && value.prototype instanceof Error) {
          expect(value.prototype instanceof BaseError, `${module}.${name} descends from the error root`).toBe(true);
          expect(sampled.has(value), `${module}.${name} has a sample`).toBe(true);
          // Names are stated in the code, not read from the class, so a minified build keeps them too.
          expect(samples.find((error) => error.constructor === value)?.name, `${module}.${name} names itself`).toBe(name);
        }
      }
    }
  });

  it('translates every key every error class can produce, in every language, with its placeholders filled', () => {
    for (const error of samples) {
      for (const locale of locales) {
        expect(Object.hasOwn(catalogues[locale], error.messageKey), `${locale} lacks ${error.messageKey} (${error.name})`).toBe(true);
        expectSentence(locale, error.messageKey, translate(locale, error.messageKey, error.params));
      }
    }
  });

  it('gives each contract refusal its own sentence, and any other refusal a sentence that names it', () => {
    expect(new ledger.ContractRefusedError('TrustStore__AlreadyVoted', [], undefined).messageKey).toBe('ledger.refused.AlreadyVoted');
    const other = new ledger.ContractRefusedError('Future__Unknown', [], undefined);
    expect(translate('pt-BR', other.messageKey, other.params)).toContain('Future__Unknown');
  });

  it('translates every path failure code of the engine, naming the certificate, in every language', async () => {
    const pem = readFileSync(path.resolve(import.meta.dirname, '..', 'fixtures', 'national-pki', 'v5__ac-secretaria-receita-federal-v4.pem'));
    const certificates = await pki.readCertificates(new Uint8Array(pem));
    for (const locale of locales) {
      const t = (key: string, values?: Readonly<Record<string, string | number>>) => translate(locale, key, values);
      for (const code of pki.pathFailureCodes) {
        const key = `pki.path.${code}`;
        expect(Object.hasOwn(catalogues[locale], key), `${locale} lacks ${key}`).toBe(true);
        const text = pathFailureText({ code, messageKey: key, message: 'English detail', certificateIndex: 0 }, { certificates, t, formatDate: (d) => d.toISOString() });
        expectSentence(locale, key, text);
        expect(text, `${locale} ${key} is not the engine's English detail`).not.toContain('English detail');
      }
    }
  });

  it('dates a revocation by the day it was revoked, with its reason, not by the end of validity', async () => {
    const pem = readFileSync(path.resolve(import.meta.dirname, '..', 'fixtures', 'national-pki', 'v5__ac-secretaria-receita-federal-v4.pem'));
    const certificates = await pki.readCertificates(new Uint8Array(pem));
    const certificate = certificates[0]!;
    const revokedOn = new Date('2025-03-04T00:00:00Z');
    const report = { certificate, role: 'target', checked: [], failures: [], warnings: [], revocation: { status: 'revoked', source: 'crl:http://ca.example/ca.crl', revocationDate: revokedOn, reasonCode: 1 } } as const;
    const t = (key: string, values?: Readonly<Record<string, string | number>>) => translate('en', key, values);
    const text = pathFailureText(
      { code: 'revoked', messageKey: 'pki.path.revoked', message: 'English detail', certificateIndex: 0 },
      { certificates, reports: [report], t, formatDate: (d) => d.toISOString().slice(0, 10) },
    );
    expect(text).toBe(translate('en', 'pki.path.revoked', { certificate: pki.formatName(certificate.subject), date: '2025-03-04', reason: translate('en', 'crlReason.1') }));
  });

  it('translates every revocation reason the ledger records', () => {
    for (const reason of Object.values(ledger.RevocationReason)) {
      for (const locale of locales) expect(Object.hasOwn(catalogues[locale], `crlReason.${reason}`), `${locale} crlReason.${reason}`).toBe(true);
    }
  });

  it('says what happened for each error, and an honest generic sentence for an error it does not know', () => {
    const t = (key: string, values?: Readonly<Record<string, string | number>>) => translate('en', key, values);
    expect(errorText(new pki.CertificateParseError('bad DER'), t)).toBe(translate('en', 'pki.cert.malformed'));
    expect(errorText(new TypeError('x is undefined'), t)).toBe(translate('en', 'error.unknown'));
    expect(errorText('a string', t)).toBe(translate('en', 'error.unknown'));
    expect(errorText(new TypeError('x'), t)).not.toBe(translate('en', 'ledger.failed'));
  });
});

describe('message keys are typed by the English catalogue', () => {
  it('refuses, at typecheck, a key the catalogue lacks and a sentence without its parameters', () => {
    // @ts-expect-error: no such key in en.ts
    const unknownKey = new BaseError('x', { messageKey: 'ledger.noSuchSentence' });
    // @ts-expect-error: 'ledger.refused' needs its {error} parameter
    const missingParameter = new BaseError('x', { messageKey: 'ledger.refused' });
    // @ts-expect-error: 'error.environment' has {setting}, not {name}
    const wrongParameter = new BaseError('x', { messageKey: 'error.environment', params: { name: 'X' } });
    const typed = new BaseError('x', { messageKey: 'error.environment', params: { setting: 'VITE_X' } });
    expect([unknownKey, missingParameter, wrongParameter].map((e) => e.messageKey)).toEqual(['ledger.noSuchSentence', 'ledger.refused', 'error.environment']);
    expect(translate('zh-CN', typed.messageKey, typed.params)).toContain('VITE_X');
  });
});
