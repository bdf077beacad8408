/**
 * Caps on the work a file can ask of the engine. Each sits far above what real files use, so that
 * only a file made to exhaust the page meets one; each is checked before the work it bounds starts
 * and refused with `PkiLimitError` (errors.ts), whose sentence names the cap. Exported so callers (file inputs) share one number.
 */

/**
 * Key-derivation rounds one PKCS#12 derivation (PBKDF2, the PKCS#12 KDF, the MAC key) may ask for.
 * Real files: OpenSSL 3 writes 2048 (PKCS12_DEFAULT_ITER), Windows 2000, the JDK 10,000 (50,000 and a
 * 100,000 MAC before JDK 12); OWASP's 2023 advice for PBKDF2-HMAC-SHA256 is 600,000. The same cap as
 * Go's x/crypto pkcs12 (golang/crypto#343); .NET refuses files over 600,000 in all (KB5025823).
 */
export const PKCS12_MAX_ITERATIONS = 1_000_000;

/**
 * Rounds of every derivation of one file together (MAC, each encrypted safe, each shrouded key; the
 * legacy PKCS#12 KDF derives key and IV separately). A real file does three to five derivations.
 */
export const PKCS12_MAX_WORK = 6_000_000;
