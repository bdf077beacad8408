import { hexToBytes } from 'viem';
import { buildAndValidatePath, parseCertificate, type Certificate } from '@/pki';
import type { Anchor } from '@/ledger';

export type LocateAnchorParameters = {
  /** The certificate to act on first, then any of its issuers the file carried. */
  readonly certificates: readonly Certificate[];
  /** Every anchor of the Trust Store. */
  readonly anchors: readonly Anchor[];
  readonly time: Date;
};

export type LocateAnchorReturnType = {
  readonly target: Certificate;
  /** The anchor the certificate's path ends in, if the engine built one (valid or not). */
  readonly anchor: Anchor | undefined;
};

/**
 * Finds the Trust Store anchor a certificate belongs to, by building its certification path to the
 * anchors: a revocation is recorded under that anchor, and only its country's authority may make it.
 * A path that fails validation (an expired or already revoked certificate) still names its anchor.
 */
export async function locateAnchor({ certificates, anchors, time }: LocateAnchorParameters): Promise<LocateAnchorReturnType> {
  const [target, ...others] = certificates;
  if (!target) throw new RangeError('No certificate given.');
  const anchorCertificates = await Promise.all(anchors.map((a) => parseCertificate(hexToBytes(a.der))));
  const result = await buildAndValidatePath({ target, intermediates: [...others, ...anchorCertificates], trustAnchors: anchorCertificates, time });
  const path = result.valid ? result.path : result.attempts[0]?.path;
  const top = path?.[path.length - 1];
  const anchor = top && top !== target ? anchors.find((a) => a.hash.toLowerCase() === `0x${top.identity}`) : undefined;
  return { target, anchor };
}
