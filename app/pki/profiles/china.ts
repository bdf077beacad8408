export { CHINA_OIDS } from '../oids';
import type { ValidationProfile } from '../path/validation-types';

/** GM/T 0009 default signer identity for SM2 signatures: "1234567812345678". */
export const SM2_DEFAULT_ID = '1234567812345678';

/**
 * How China's national hierarchies are validated: RFC 5280 section 6 as written (the default). The
 * national ROOTCA and CAs under it mark basicConstraints non-critical, and real SM2 certificates (a CQC
 * organisation certificate, e-seals) spell the SM2 curve out as explicit parameters: both are CA-profile
 * rules of section 4 and RFC 5480, which section 6 does not refuse, so they are shown as warnings.
 */
export const chinaValidationProfile: ValidationProfile = {
  name: 'china',
  conformance: { profile: 'rfc5280' },
  rationale: 'RFC 5280 section 6; non-critical basicConstraints and explicit SM2 parameters are warnings',
};
