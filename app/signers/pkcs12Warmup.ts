// The PKCS#12 worker opens one known file when it starts, while the person is still choosing theirs: the
// whole opening path (BER parse, MAC key derivation, PBKDF2, AES, certificate parse, key import) then runs
// once in code the JavaScript engine has compiled and optimised. Run cold on the person's file, the same
// path cost about 100 ms of the trust verdict (measured in Chromium with the demo identities). The file
// and its answer are known, so the warm-up is also a self-test that this browser opens what OpenSSL makes.
import { base64Decode, openPkcs12, toHex } from '@/pki';

/**
 * Made with OpenSSL 3.0.19 (its defaults: PBES2 PBKDF2-HMAC-SHA256 AES-256-CBC, MAC SHA-256, 2048
 * iterations, the same shape as the demo identities and most exports), password "self-test":
 *   openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout k.pem -out c.pem \
 *     -subj "/CN=PKCS12 self-test/O=Reference implementation" -days 36500
 *   openssl pkcs12 -export -in c.pem -inkey k.pem -out st.p12 -passout pass:self-test -name self-test
 * A throw-away key made for this test alone; it signs nothing.
 */
export const WARMUP_PKCS12 =
  'MIIErwIBAzCCBGUGCSqGSIb3DQEHAaCCBFYEggRSMIIETjCCAuIGCSqGSIb3DQEHBqCCAtMwggLPAgEAMIICyAYJKoZIhvcNAQcB' +
  'MFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAi0txiSxqY5JAICCAAwDAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEN+s' +
  'qHBBwz4W2bTyuuBRJ8GAggJg34bSSx53qOSDRx7iH/u3rvxxaWCz8z2jBfkUUeAw/OQ/1pine/I5K8NBc/RTlv3en4Q7d6Ifl1cR' +
  'OnuoBqHAVgwJnAErhrK7ZfxbFue8XOwpUJp+gWX2TDlsL4qCnj9vBxNdUb2bmrKMCG0r/p/js5E/MOx0mTHSBEayf8/UQ5Ng+h5E' +
  '2z4+uyDAlYEqPBf44PjE+J4JlEl9cL5iV7C8VKTik6XQ9J44Ghc3Ck8eJUAw0pEiufVle9GM47M9JL847d7z48Z2cnYd+n0NndU5' +
  'NCnF9lDaFnI0hq4p1yGWzLgl3KqD67stsJhdzmlYLYrPDYCZq0UTP0kEjn74FTjYzFYsB/ZqP6KgxXWJXL1wV0/FREc4hK52646p' +
  'FDDV2+7mtwNqMfHaEslazvmG8GnL14DCdq/wEJDguMBIITK4XKw4tkJG8WgBDpJWamxJWDiuqvB/Ua5nUWRMCuPWhLtmcUjxODI9' +
  'P2UMrwtZx2iRRydVi/q72VdbSunpmiqy1ZfhTWd4Gf1D2I/N50Odfjpe4EpXzg5DL5CeJz4eZwN5VR6JyGAklezZsMgMYRtF26DI' +
  '8HYjVGHctPj1u71vl5MlQz6An+zXgA/DuQ3ZDefOKzmmadpUKdEXq2yFnCOxZin2Z2QmKdABCaxPWp1MLfVLsh0mqb3xA+3Z+RF+' +
  'kkff7aVH56KZNhn/jaYH+rrfRgTR/wQclnDvClqijrw16M7bAUddS4qCD4k/ihxuc8x+6C3LySOaQzg4qWYxIwpwilxl2WqVUf0M' +
  'ayLvaexo1vYdchJExAlsyEAnEoV1449XArcwggFkBgkqhkiG9w0BBwGgggFVBIIBUTCCAU0wggFJBgsqhkiG9w0BDAoBAqCB7zCB' +
  '7DBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQI/d5+g3JO1ucCAggAMAwGCCqGSIb3DQIJBQAwHQYJYIZIAWUDBAEqBBDn' +
  '2JdwUDcb+YxepDzm0bNfBIGQoK1Gi6crkwiC7Ru6YfkW81vGPdupseCQ+DkO8hwW1P7mwDeM7aiMu7ukiGKKWd75eHajTbB65fcf' +
  'W86PrcfXVoq1OCtLc0s3YB78noCFm/TzQQpSWYlWF/jOLdMr6dZjfiij1qRMpJEjafgYpmwuvSYbjNl9Tg2mNDqQJrjNXgmbJ/u6' +
  'uSSvbSC7snUeZDS8MUgwIQYJKoZIhvcNAQkUMRQeEgBzAGUAbABmAC0AdABlAHMAdDAjBgkqhkiG9w0BCRUxFgQUatMb1eMq9Amg' +
  '9C7teYQS7Jz9QEkwQTAxMA0GCWCGSAFlAwQCAQUABCAt///BE2r6JSeP4t8bb4VhBK3ERM4qUQeJZGQmlx2Q3gQIuex2f0V8bMEC' +
  'AggA';

export const WARMUP_PASSWORD = 'self-test';

/** SHA-256 of the certificate in WARMUP_PKCS12 (`openssl x509 -in c.pem -outform der | sha256sum`). */
export const WARMUP_CERTIFICATE_SHA256 = '00b70587839fd053018199e1653d769ad6de0e9f6055d2a2c83497e0f98f84be';

export type Pkcs12WarmupParameters = { readonly data?: Uint8Array; readonly password?: string };

/** Opens the warm-up file (or `data`) and checks its certificate: true when the known answer comes back. */
export async function warmPkcs12Opener(parameters: Pkcs12WarmupParameters = {}): Promise<boolean> {
  try {
    const data = parameters.data ?? base64Decode(WARMUP_PKCS12);
    const opened = await openPkcs12({ data, password: parameters.password ?? WARMUP_PASSWORD });
    if (opened.keyKind !== 'webcrypto') return false;
    const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', opened.leaf.slice()));
    return toHex(digest) === WARMUP_CERTIFICATE_SHA256;
  } catch {
    return false;
  }
}
