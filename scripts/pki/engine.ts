/** The engine as the command line sees it (one import site for scripts/pki). */
export * from '../../app/pki/index';
import { EKU_NAMES } from '../../app/pki/oids';
export const EKU_NAMES_FOR_CLI: Record<string, string> = EKU_NAMES;
