#!/usr/bin/env bash
# SM2 fixtures of the contract tests (run from the repo root; needs openssl 3): a throwaway all-SM2 test
# PKI in contracts/test/fixtures/x509/sm2pki/ (root -> ca (pathlen 0) -> holder, holder2, SM2-with-SM3 with the
# default ID 1234567812345678; 10/10/5 years from the day it is made; keys committed so that tests sign
# with them), and real certificates of the shared national-PKI test data in contracts/test/fixtures/sm2/.
# OpenSSL 3.0's `verify` refuses these SM2 links (its verifier does not apply the default ID); the app's
# app/pki/crypto/sm2.ts and the contracts verify them.
set -euo pipefail
out=contracts/test/fixtures/x509/sm2pki
src="${NATIONAL_PKI:-/work/shared/testdata/national-pki}/china/sm2"
id=distid:1234567812345678
mkdir -p "$out"
cd "$out"
for k in root ca holder holder2; do openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:SM2 -out $k.key.pem; done
openssl req -x509 -new -key root.key.pem -sm3 -sigopt $id -subj "/C=CN/O=SM2 Test/CN=SM2 Test Root" -days 3650 -set_serial 1 \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -outform DER -out root.der
openssl req -new -key ca.key.pem -sm3 -sigopt $id -subj "/C=CN/O=SM2 Test/CN=SM2 Test CA" -out ca.csr
printf 'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n' > ca.ext
openssl x509 -req -in ca.csr -CA root.der -CAform DER -CAkey root.key.pem -sm3 -sigopt $id -vfyopt $id -days 3650 -set_serial 2 -extfile ca.ext -outform DER -out ca.der
openssl req -new -key holder.key.pem -sm3 -sigopt $id -subj "/C=CN/O=SM2 Test/CN=Zhang San" -out holder.csr
printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n' > holder.ext
openssl x509 -req -in holder.csr -CA ca.der -CAform DER -CAkey ca.key.pem -sm3 -sigopt $id -vfyopt $id -days 1825 -set_serial 3 -extfile holder.ext -outform DER -out holder.der
openssl req -new -key holder2.key.pem -sm3 -sigopt $id -subj "/C=CN/O=SM2 Test/CN=Li Si" -out holder2.csr
openssl x509 -req -in holder2.csr -CA ca.der -CAform DER -CAkey ca.key.pem -sm3 -sigopt $id -vfyopt $id -days 1825 -set_serial 4 -extfile holder.ext -outform DER -out holder2.der
rm -f ./*.csr ./*.ext
for k in root ca holder holder2; do
  printf '%s private scalar: ' $k
  openssl pkey -in $k.key.pem -text -noout | sed -n '/priv:/,/pub:/p' | grep -v 'priv:\|pub:' | tr -d ' :\n'
  echo
done
cd - > /dev/null
real=contracts/test/fixtures/sm2
openssl x509 -in "$src/cn_rootca__cfca-cs-sm2-ca.pem" -outform DER -out $real/rootca__cfca-cs-sm2-ca.der
openssl x509 -in "$src/cn_rootca__sheca-sm2.pem" -outform DER -out $real/rootca__sheca-sm2.der
openssl x509 -in "$src/test_selfsigned_chenglitong-eseal_sm2-explicit-params.pem" -outform DER -out $real/eseal-explicit-params.der
