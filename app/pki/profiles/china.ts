/** China (OSCCA "ShangMi") algorithm identifiers (GB/T 33560, GM/T 0006). */
export const CHINA_OIDS = {
  sm2Curve: '1.2.156.10197.1.301',
  sm3: '1.2.156.10197.1.401',
  sm2WithSm3: '1.2.156.10197.1.501',
  rsaWithSm3: '1.2.156.10197.1.504',
} as const;

/** GM/T 0009 default signer identity for SM2 signatures: "1234567812345678". */
export const SM2_DEFAULT_ID = '1234567812345678';
