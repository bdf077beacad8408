#!/usr/bin/env bash
# Adds to contracts/test/fixtures/x509/pki/, from the committed ecroot key (no other fixture changes):
#   ecca (P-256 CA under ecroot, ECDSA-signed) -> echolder2 (P-256 holder): an ECDSA-signed intermediate,
#     whose (r, n - s) twin the tests build, for the "revoked sub-CA keeps chaining" regression;
#   eccashort (P-256 CA under ecroot valid 2025-01-01..2027-01-01 only) -> echolder3: a holder whose
#     issuing CA expires before it, for the "path validity window at signing" regression;
#   eceku-server (holder with extendedKeyUsage serverAuth only), eceku-docsign (documentSigning,
#     1.3.6.1.5.5.7.3.36) and eceku-icp (clientAuth + emailProtection, as ICP-Brasil holders), under ecroot.
# Validity as in x509-fixtures.sh: CAs 2025-01-01..2035-01-01, holders 2026-01-01..2029-01-01.
set -euo pipefail
out="$(cd "$(dirname "$0")/../.." && pwd)/contracts/test/fixtures/x509/pki"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
cat > ext.cnf <<'CNF'
[ca]
default_ca = testca
[testca]
database = ./index.txt
new_certs_dir = ./certs
serial = ./serial
policy = anything
unique_subject = no
copy_extensions = none
[anything]
countryName = optional
organizationName = optional
commonName = supplied
[intermediate]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
[holder]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
[eku_server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = serverAuth
[eku_docsign]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = 1.3.6.1.5.5.7.3.36
[eku_icp]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = clientAuth, emailProtection
CNF
mkdir certs; touch index.txt; echo 2000 > serial
cp "$out/ecroot.key.pem" ecroot.key
openssl x509 -inform DER -in "$out/ecroot.der" -out ecroot.pem
p256() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -pkeyopt ec_param_enc:named_curve -out "$1.key"; }
issue() { # name issuer extensions start end subject
  openssl req -new -key "$1.key" -subj "$6" -out "$1.csr"
  openssl ca -batch -config ext.cnf -cert "$2.pem" -keyfile "$2.key" -in "$1.csr" -extensions "$3" -md sha256 \
    -startdate "$4" -enddate "$5" -notext -out "$1.pem" 2>/dev/null
  openssl x509 -in "$1.pem" -outform DER -out "$out/$1.der"
}
p256 ecca; issue ecca ecroot intermediate 250101000000Z 350101000000Z "/C=CN/O=Test National PKI/CN=Test EC Issuing CA"
p256 echolder2; issue echolder2 ecca holder 260101000000Z 290101000000Z "/C=CN/O=Test National PKI/CN=EC HOLDER TWO"
p256 eccashort; issue eccashort ecroot intermediate 250101000000Z 270101000000Z "/C=CN/O=Test National PKI/CN=Test EC Short CA"
p256 echolder3; issue echolder3 eccashort holder 260101000000Z 290101000000Z "/C=CN/O=Test National PKI/CN=EC HOLDER THREE"
for name in eceku-server:eku_server eceku-docsign:eku_docsign eceku-icp:eku_icp; do
  p256 "${name%%:*}"; issue "${name%%:*}" ecroot "${name##*:}" 260101000000Z 290101000000Z "/C=CN/O=Test National PKI/CN=${name%%:*}"
done
for k in ecca echolder2 eccashort echolder3 eceku-server eceku-docsign eceku-icp; do cp "$k.key" "$out/$k.key.pem"; done
