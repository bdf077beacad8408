#!/bin/sh
# Regenerates the PKCS#12 fixtures of app/pki/pkcs12.test.ts with the openssl CLI (OpenSSL 3).
# A demo CA (P-256) issues an RSA-2048 and a P-256 holder; each holder is exported twice:
# modern (OpenSSL 3 default: AES-256-CBC with PBKDF2-HMAC-SHA256, HMAC-SHA256 MAC) and -legacy
# (key: pbeWithSHAAnd3-KeyTripleDES-CBC, certificates: pbeWithSHA1And40BitRC2-CBC, SHA-1 MAC),
# plus a Windows-style 3DES-only RSA file and a P-256 file without MAC.
# Usage: sh make-pkcs12.sh   (run in this folder; overwrites the files)
set -eu
PASSWORD='correct horse battery staple'
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
openssl ecparam -name prime256v1 -genkey -noout -out "$work/ca.key"
openssl req -new -x509 -key "$work/ca.key" -subj "/C=BR/O=PKCS12 Fixture/CN=PKCS12 Fixture CA" -days 36500 \
  -extensions ca -config pkcs12-ext.cnf -out "$work/ca.pem"
cp "$work/ca.pem" ca.pem
for holder in rsa p256; do
  if [ "$holder" = rsa ]; then
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/$holder.key"
  else
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/$holder.key"
  fi
  openssl req -new -key "$work/$holder.key" -subj "/C=BR/O=PKCS12 Fixture/CN=Holder $holder" -out "$work/$holder.csr"
  openssl x509 -req -in "$work/$holder.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -set_serial "0x$(openssl rand -hex 8)" \
    -days 36500 -extensions holder -extfile pkcs12-ext.cnf -out "$holder.pem"
  openssl pkcs12 -export -inkey "$work/$holder.key" -in "$holder.pem" -certfile "$work/ca.pem" -name "Holder $holder" \
    -passout "pass:$PASSWORD" -out "$holder-modern.p12"
  openssl pkcs12 -export -legacy -inkey "$work/$holder.key" -in "$holder.pem" -certfile "$work/ca.pem" -name "Holder $holder" \
    -passout "pass:$PASSWORD" -out "$holder-legacy.p12"
done
# Windows-style export: 3DES for certificates and key, SHA-1 MAC, 2000 iterations.
openssl pkcs12 -export -legacy -certpbe PBE-SHA1-3DES -keypbe PBE-SHA1-3DES -macalg sha1 -iter 2000 \
  -inkey "$work/rsa.key" -in rsa.pem -certfile "$work/ca.pem" -name "Holder rsa" -passout "pass:$PASSWORD" -out rsa-3des.p12
# A file without a MAC (some exporters omit it): a wrong password must still be detected.
openssl pkcs12 -export -nomac -inkey "$work/p256.key" -in p256.pem -passout "pass:$PASSWORD" -out p256-nomac.p12
