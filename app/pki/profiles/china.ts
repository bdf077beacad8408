export { CHINA_OIDS } from '../oids';

/** GM/T 0009 default signer identity for SM2 signatures: "1234567812345678". */
export const SM2_DEFAULT_ID = '1234567812345678';
