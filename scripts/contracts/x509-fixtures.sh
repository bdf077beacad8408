#!/usr/bin/env bash
# Generates the test PKI under contracts/test/fixtures/x509/ with the openssl CLI (3.0+):
#   an ICP-Brasil-shaped path: RSA-4096 root (SHA-512) -> RSA-4096 CA (pathlen 1) -> RSA-4096 CA
#     -> RSA-2048 holders (digitalSignature + nonRepudiation; one signed with SHA-384), and negative
#     cases under it;
#   a P-256 path: P-256 root (ecdsa-with-SHA256) -> P-256 holder.
# Validity is fixed (openssl ca -startdate/-enddate) so the tests can vm.warp to known times:
# CAs 2025-01-01..2035-01-01, holders 2026-01-01..2029-01-01.
# Keys are throwaway test keys, committed so the CMS fixtures can be regenerated against the same
# certificates (scripts/contracts/x509-cms-fixtures.ts). The outputs are committed: run this only to
# change the test PKI, then update the tests.
set -euo pipefail
out="$(cd "$(dirname "$0")/../.." && pwd)/contracts/test/fixtures/x509/pki"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
cd "$work"

CA_START=250101000000Z
CA_END=350101000000Z
EE_START=260101000000Z
EE_END=290101000000Z

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
organizationalUnitName = optional
commonName = supplied
[root]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[intermediate]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[intermediate_pathlen1]
basicConstraints = critical, CA:TRUE, pathlen:1
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[holder]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
certificatePolicies = 2.16.76.1.2.1.1
authorityKeyIdentifier = keyid
[holder_encipherment]
basicConstraints = critical, CA:FALSE
keyUsage = critical, keyEncipherment
authorityKeyIdentifier = keyid
[holder_unknown_critical]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
1.3.6.1.4.1.99999.1 = critical, ASN1:NULL
CNF
mkdir certs
touch index.txt
echo 1000 > serial

key() { # name kind
  case "$2" in
    rsa4096) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:4096 -out "$1.key" 2>/dev/null ;;
    rsa2048) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1.key" 2>/dev/null ;;
    p256) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -pkeyopt ec_param_enc:named_curve -out "$1.key" ;;
  esac
}
csr() { openssl req -new -key "$1.key" -subj "$2" -out "$1.csr"; }
issue() { # name issuer extensions md start end [selfsign]
  if [ "$2" = self ]; then
    openssl ca -batch -config ext.cnf -selfsign -keyfile "$1.key" -in "$1.csr" -extensions "$3" -md "$4" \
      -startdate "$5" -enddate "$6" -notext -out "$1.pem" 2>/dev/null
  else
    openssl ca -batch -config ext.cnf -cert "$2.pem" -keyfile "$2.key" -in "$1.csr" -extensions "$3" -md "$4" \
      -startdate "$5" -enddate "$6" -notext -out "$1.pem" 2>/dev/null
  fi
  openssl x509 -in "$1.pem" -outform DER -out "$out/$1.der"
}

key root rsa4096; csr root "/C=BR/O=ICP-Brasil Teste/OU=Instituto de Testes/CN=Raiz Teste v1"
issue root self root sha512 $CA_START $CA_END
key ca1 rsa4096; csr ca1 "/C=BR/O=ICP-Brasil Teste/OU=Raiz Teste v1/CN=AC Teste Nivel 1"
issue ca1 root intermediate_pathlen1 sha512 $CA_START $CA_END
key ca2 rsa4096; csr ca2 "/C=BR/O=ICP-Brasil Teste/OU=AC Teste Nivel 1/CN=AC Teste Final"
issue ca2 ca1 intermediate sha512 $CA_START $CA_END
key holder rsa2048; csr holder "/C=BR/O=ICP-Brasil Teste/OU=Pessoa Fisica A3/CN=FULANO DE TAL:12345678909"
issue holder ca2 holder sha512 $EE_START $EE_END
key holder2 rsa2048; csr holder2 "/C=BR/O=ICP-Brasil Teste/OU=Pessoa Fisica A3/CN=BELTRANA DE TAL:98765432100"
issue holder2 ca2 holder sha512 $EE_START $EE_END
key holder384 rsa2048; csr holder384 "/C=BR/O=ICP-Brasil Teste/OU=Pessoa Fisica A3/CN=SHA384 DE TAL:11122233396"
issue holder384 ca2 holder sha384 $EE_START $EE_END

# Negative cases.
key encipherment rsa2048; csr encipherment "/C=BR/O=ICP-Brasil Teste/CN=SEM ASSINATURA"
issue encipherment ca2 holder_encipherment sha512 $EE_START $EE_END
key unknowncritical rsa2048; csr unknowncritical "/C=BR/O=ICP-Brasil Teste/CN=EXTENSAO CRITICA"
issue unknowncritical ca2 holder_unknown_critical sha512 $EE_START $EE_END
key undernonca rsa2048; csr undernonca "/C=BR/O=ICP-Brasil Teste/CN=EMITIDO POR TITULAR"
issue undernonca holder holder sha256 $EE_START $EE_END
key ca3 rsa2048; csr ca3 "/C=BR/O=ICP-Brasil Teste/CN=AC Alem do Limite"
issue ca3 ca2 intermediate sha256 $CA_START $CA_END
key toodeep rsa2048; csr toodeep "/C=BR/O=ICP-Brasil Teste/CN=ALEM DO LIMITE"
issue toodeep ca3 holder sha256 $EE_START $EE_END

# A root with the test root's name and another key: its "signatures" on ca1 do not verify.
key impostor rsa2048; csr impostor "/C=BR/O=ICP-Brasil Teste/OU=Instituto de Testes/CN=Raiz Teste v1"
issue impostor self root sha256 $CA_START $CA_END

# P-256 path.
key ecroot p256; csr ecroot "/C=CN/O=Test National PKI/CN=Test EC Root"
issue ecroot self root sha256 $CA_START $CA_END
key echolder p256; csr echolder "/C=CN/O=Test National PKI/CN=EC HOLDER"
issue echolder ecroot holder sha256 $EE_START $EE_END

for k in root ca1 ca2 holder holder2 echolder ecroot; do cp "$k.key" "$out/$k.key.pem"; done
echo "Wrote $(ls "$out" | wc -l) files to $out"
