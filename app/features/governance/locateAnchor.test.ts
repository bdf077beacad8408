import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bytesToHex, type Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { AnchorStatus, type Anchor } from '@/ledger';
import { readCertificates, type Certificate } from '@/pki';
import { locateAnchor } from './locateAnchor';

const read = async (file: string) => (await readCertificates(new Uint8Array(readFileSync(path.resolve(import.meta.dirname, '../../../fixtures/national-pki', file)))))[0]!;
const asAnchor = (certificate: Certificate, country: Hex): Anchor => ({
  hash: `0x${certificate.identity}`,
  country,
  spkiHash: `0x${certificate.keyHash}`,
  notBefore: 0n,
  notAfter: 0n,
  status: AnchorStatus.Active,
  proposalId: 1n,
  exceptions: 0,
  history: [],
  der: bytesToHex(certificate.der),
});
const BR = '0x4252';
const CN = '0x434e';

describe('locateAnchor', () => {
  it('finds the anchor an intermediate CA belongs to among several countries’ anchors', async () => {
    const v5 = await read('icp-brasil_raiz_v5_rsa4096-sha512.pem');
    const cnRoot = await read('cn_nrcac_ROOTCA_sm2_national-root.pem');
    const rfb = await read('v5__ac-secretaria-receita-federal-v4.pem');
    const anchors = [asAnchor(cnRoot, CN), asAnchor(v5, BR)];
    const { target, anchor } = await locateAnchor({ certificates: [rfb], anchors, time: new Date('2025-06-01T00:00:00Z') });
    expect(target).toBe(rfb);
    expect(anchor?.country).toBe(BR);
    expect(anchor?.hash).toBe(`0x${v5.identity}`);
  });

  it('goes through the issuers the file carries, and names the anchor of an expired path too', async () => {
    const v5 = await read('icp-brasil_raiz_v5_rsa4096-sha512.pem');
    const rfb = await read('v5__ac-secretaria-receita-federal-v4.pem');
    const safeweb = await read('v5_rfbv4__ac-safeweb-rfb-v5.pem');
    const { anchor } = await locateAnchor({ certificates: [safeweb, rfb], anchors: [asAnchor(v5, BR)], time: new Date('2045-01-01T00:00:00Z') });
    expect(anchor?.hash).toBe(`0x${v5.identity}`);
  });

  it('names no anchor when the certificate chains to none of them', async () => {
    const cnRoot = await read('cn_nrcac_ROOTCA_sm2_national-root.pem');
    const rfb = await read('v5__ac-secretaria-receita-federal-v4.pem');
    const { anchor } = await locateAnchor({ certificates: [rfb], anchors: [asAnchor(cnRoot, CN)], time: new Date('2025-06-01T00:00:00Z') });
    expect(anchor).toBeUndefined();
  });
});
