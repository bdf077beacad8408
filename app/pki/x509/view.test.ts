import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import { describe, expect, it } from 'vitest';
import { KEY_USAGE, certificateDer, generateDemoKeyPair, issueCertificate } from '../demo/issue';
import { fromPem } from '../bytes';
import { encodePersonData, ICP_BRASIL_OIDS, isValidCnpj, isValidCpf } from '../profiles/icpBrasil';
import { CertificateParseError } from '../errors';
import { certificateView } from './view';
import { parseCertificate } from './certificate';

const fixtures = join(import.meta.dirname, '..', '__fixtures__', 'keys');
const load = (relative: string) => fromPem(readFileSync(join(fixtures, relative), 'utf8'), 'CERTIFICATE');

/** OpenSSL's fingerprint of a fixture, as lower-case hex without colons (an independent reference). */
function opensslFingerprint(relative: string, hash: 'sha256' | 'sha1'): string {
  const out = spawnSync('openssl', ['x509', '-in', join(fixtures, relative), '-noout', '-fingerprint', `-${hash}`], { encoding: 'utf8' }).stdout;
  return out.split('=')[1]!.trim().replace(/:/g, '').toLowerCase();
}

describe('certificateView of real ICP-Brasil certificates', () => {
  it('shows the v5 root: names, RSA-4096, sha512WithRSAEncryption, fingerprints, CA constraints', async () => {
    const view = await certificateView(load('view/icp-brasil_raiz_v5_rsa4096-sha512.pem'));
    expect(view.subject.text).toBe(
      'CN=Autoridade Certificadora Raiz Brasileira v5, OU=Instituto Nacional de Tecnologia da Informacao - ITI, O=ICP-Brasil, C=BR',
    );
    expect(view.subject.attributes[0]).toEqual({ oid: '2.5.4.6', shortName: 'C', value: 'BR' });
    expect(view.selfIssued).toBe(true);
    expect(view.serialNumber).toBe('01');
    expect(view.notBefore.toISOString()).toBe('2016-03-02T13:01:38.000Z');
    expect(view.notAfter.toISOString()).toBe('2029-03-02T23:59:38.000Z');
    expect(view.publicKey).toMatchObject({ algorithm: 'RSA', size: 4096, explicitParameters: false });
    expect(view.signatureAlgorithm.name).toBe('sha512WithRSAEncryption');
    // Published in the sample set's INDEX.md.
    expect(view.fingerprints.sha256).toBe('caa53fc6091c6951887c976e378f6ef89aa6377c55d97b6475422b71ed7e9b17');
    expect(view.fingerprints.sha1).toBe(opensslFingerprint('view/icp-brasil_raiz_v5_rsa4096-sha512.pem', 'sha1'));
    expect(view.basicConstraints?.ca).toBe(true);
    expect(view.keyUsage).toEqual(expect.arrayContaining(['keyCertSign', 'cRLSign']));
  });

  it('shows an SSL EV end-entity certificate: SAN, EKU, A1 policy type, AIA and two CRL points', async () => {
    const view = await certificateView(load('view/ssl-ev_nfce.fazenda.mg.gov.br_2024-2025.pem'));
    expect(view.subject.commonName).toBe('nfce.fazenda.mg.gov.br');
    expect(view.subject.attributes.find((a) => a.shortName === 'jurisdictionC')?.value).toBe('BR');
    expect(view.subjectAltName.dnsNames).toEqual(['nfce.fazenda.mg.gov.br']);
    expect(view.keyUsage).toEqual(['digitalSignature', 'keyEncipherment', 'keyAgreement']);
    expect(view.extendedKeyUsage?.map((usage) => usage.name)).toEqual(['serverAuth', 'clientAuth']);
    expect(view.policies).toEqual([
      { oid: '2.16.76.1.2.1.106', icpBrasilType: 'A1' },
      { oid: '2.23.140.1.2.2', icpBrasilType: undefined },
    ]);
    expect(view.icpBrasil?.policyType).toBe('A1');
    expect(view.authorityInfoAccess).toEqual([
      { method: 'caIssuers', uri: 'http://icp-brasil.certisign.com.br/repositorio/certificados/AC_Certisign_Icp_Br_Ssl_EV_G4.p7c' },
      { method: 'ocsp', uri: 'http://ocsp-ac-certisign-icp-br-ssl.certisign.com.br' },
    ]);
    expect(view.crlDistributionPoints).toEqual([
      'http://icp-brasil.certisign.com.br/repositorio/lcr/ACCertisignICPBRSSLEVG4/LatestCRL.crl',
      'http://icp-brasil.outralcr.com.br/repositorio/lcr/ACCertisignICPBRSSLEVG4/LatestCRL.crl',
    ]);
    expect(view.fingerprints.sha256).toBe('a87f04bbfcc8c07c8694b4319f59be4834e7e0d82357b707f0c65e6dfc891bb0');
  });

  it('reads A1 and A3 policy types of an RFB CA and the unusual key algorithms of other roots', async () => {
    const safeweb = await certificateView(load('view/v5_rfbv4__ac-safeweb-rfb-v5.pem'));
    expect(safeweb.policies.map((policy) => policy.icpBrasilType)).toEqual(['A1', 'A3']);
    expect(safeweb.crlDistributionPoints).toEqual(['http://www.receita.fazenda.gov.br/acrfb/acrfbv4.crl']);

    const v13 = await certificateView(load('view/icp-brasil_raiz_v13_ecdsa-brainpoolP512r1-explicit-params.pem'));
    expect(v13.publicKey).toMatchObject({ algorithm: 'EC', size: 512, explicitParameters: true });
    expect(v13.signatureAlgorithm.name).toBe('ecdsa-with-SHA512');
    expect((await certificateView(load('view/icp-brasil_raiz_v6_ed448.pem'))).publicKey.algorithm).toBe('Ed448');
    const v7 = await certificateView(load('view/icp-brasil_raiz_v7_ed521-oid-1.3.6.1.4.1.44588.2.1.pem'));
    expect(v7.publicKey).toMatchObject({ algorithm: 'unknown', algorithmOid: '1.3.6.1.4.1.44588.2.1' });
    expect(v7.signatureAlgorithm.name).toBe('1.3.6.1.4.1.44588.2.1');
  });
});

describe('certificateView of real Chinese SM2 certificates', () => {
  it('names the SM2 key and SM2-with-SM3 signature of the national root', async () => {
    const view = await certificateView(load('sm2/cn_nrcac_ROOTCA_sm2_national-root.pem'));
    expect(view.subject.commonName).toBe('ROOTCA');
    expect(view.publicKey).toMatchObject({ algorithm: 'SM2', curve: 'SM2', size: 256, explicitParameters: false });
    expect(view.signatureAlgorithm).toEqual({ oid: '1.2.156.10197.1.501', name: 'SM2-with-SM3' });
    expect(view.fingerprints.sha256).toBe('9c28d3847414bfff1a5749e7e2381146f82842083e8c592e16a612d04a5ba8cd');
    expect(view.icpBrasil).toBeUndefined();
  });

  it('recognises SM2 given as explicit curve parameters, and UTF-8 names', async () => {
    const view = await certificateView(load('sm2/test_selfsigned_chenglitong-eseal_sm2-explicit-params.pem'));
    expect(view.publicKey).toMatchObject({ algorithm: 'SM2', curve: 'SM2', explicitParameters: true });
    expect(view.subject.attributes.find((a) => a.shortName === 'O')?.value).toBe('电子印章平台');
    expect(view.serialNumber).toBe('3a61ad4b2a154b85');
    // As printed by openssl x509 -text: C8:E8:61:09:... for both identifiers of this self-signed certificate.
    expect(view.subjectKeyIdentifier).toBe('c8e86109a142b4750976f230a43815592a844edc');
    expect(view.authorityKeyIdentifier).toBe(view.subjectKeyIdentifier);
  });
});

describe('certificateView of ICP-Brasil otherNames', () => {
  it('decodes person data, CNPJ, CEI, voter id and names in OCTET STRING, PrintableString and UTF8String', async () => {
    const keys = await generateDemoKeyPair('p-256');
    const text = (value: string) => new asn1js.OctetString({ valueHex: new TextEncoder().encode(value) });
    const certificate = await issueCertificate({
      subject: [['C', 'BR'], ['O', 'ICP-Brasil'], ['CN', 'FULANO DE TAL:12345678909']],
      publicKey: keys.publicKey,
      selfSigningKey: keys.privateKey,
      serialNumber: '2a',
      notBefore: new Date('2026-01-01T00:00:00Z'),
      notAfter: new Date('2029-01-01T00:00:00Z'),
      keyUsage: KEY_USAGE.digitalSignature | KEY_USAGE.nonRepudiation,
      hash: 'SHA-256',
      policies: ['2.16.76.1.2.3.19'],
      subjectAltName: {
        email: 'fulano@example.invalid',
        otherNames: [
          { type: ICP_BRASIL_OIDS.personData, value: text(encodePersonData({ birthDate: '1980-07-15', cpf: '12345678909', nis: '12056412547', rg: '123456789', rgIssuer: 'SSPSP' })) },
          { type: ICP_BRASIL_OIDS.voterId, value: new asn1js.PrintableString({ value: '0123456789120010123SAO PAULO SP' }) },
          { type: ICP_BRASIL_OIDS.personCei, value: text('000000000000') },
          { type: ICP_BRASIL_OIDS.responsibleName, value: new asn1js.Utf8String({ value: 'JOÃO DA SILVA' }) },
          { type: ICP_BRASIL_OIDS.cnpj, value: new asn1js.PrintableString({ value: '11222333000181' }) },
          { type: ICP_BRASIL_OIDS.companyCei, value: text('123456789012') },
          { type: ICP_BRASIL_OIDS.companyName, value: new asn1js.Utf8String({ value: 'EMPRESA ÇÃO LTDA' }) },
        ],
      },
    });
    const view = await certificateView(certificateDer(certificate));
    expect(view.icpBrasil).toEqual({
      person: { birthDate: '1980-07-15', cpf: '12345678909', nis: '12056412547', rg: '000000123456789', rgIssuer: 'SSPSP' },
      voterId: { number: '012345678912', zone: '001', section: '0123', cityAndState: 'SAO PAULO SP' },
      personCei: undefined,
      responsibleName: 'JOÃO DA SILVA',
      cnpj: '11222333000181',
      companyCei: '123456789012',
      companyName: 'EMPRESA ÇÃO LTDA',
      policyType: 'A3',
    });
    expect(view.subjectAltName.emails).toEqual(['fulano@example.invalid']);
    expect(view.subjectAltName.otherNames).toHaveLength(7);
    expect(isValidCpf(view.icpBrasil!.person!.cpf!)).toBe(true);
    expect(isValidCnpj(view.icpBrasil!.cnpj!)).toBe(true);
    expect(isValidCpf('12345678900')).toBe(false);
    expect(isValidCnpj('11222333000180')).toBe(false);
  });

  it('computes the same view from the parsed model as from the DER, without a second parse', async () => {
    const der = load('view/ssl-ev_nfce.fazenda.mg.gov.br_2024-2025.pem');
    const model = await parseCertificate(der);
    expect(await certificateView(model)).toEqual(await certificateView(der));
    expect(await parseCertificate(der)).toBe(model); // the DER path reused the memoised model
  });

  it('rejects input that is not a certificate with a typed error', async () => {
    await expect(certificateView(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]))).rejects.toBeInstanceOf(CertificateParseError);
  });
});
