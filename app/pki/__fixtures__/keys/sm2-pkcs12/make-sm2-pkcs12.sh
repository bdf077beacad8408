#!/bin/sh
# Regenerates the SM2 PKCS#12 fixtures with the openssl CLI (OpenSSL 3.0), the way a person makes
# an SM2 software certificate: `openssl ecparam -genkey -name SM2` (a SEC1 "EC PRIVATE KEY" with the
# SM2 OID), an SM2-with-SM3 certificate signed with the default ID 1234567812345678, then
# `openssl pkcs12 -export` (PKCS#8 id-ecPublicKey + namedCurve SM2 inside). An SM2 CA issues the
# holder; the holder is exported modern (AES-256/PBKDF2, HMAC-SHA256) and -legacy (3DES/RC2, SHA-1).
# Also: a self-signed holder (`req -x509`), and the holder's key and public key (the tests build the
# other key encodings from them and cross-check signatures with `openssl dgst`).
# Usage: sh make-sm2-pkcs12.sh   (run in this folder; overwrites the files)
set -eu
PASSWORD='sm2 fixture password'
ID=1234567812345678
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
openssl ecparam -genkey -name SM2 -noout -out "$work/ca.key"
openssl req -x509 -new -key "$work/ca.key" -sm3 -sigopt "distid:$ID" -subj "/C=CN/O=SM2 PKCS12 Fixture/CN=SM2 Fixture CA" \
  -days 36500 -extensions ca -config ../pkcs12-ext.cnf -out ca.pem
openssl ecparam -genkey -name SM2 -noout -out "$work/holder.key"
# ecparam writes PKCS#8 ("PRIVATE KEY"); `openssl ec` gives the SEC1 form ("SM2 PRIVATE KEY", [0] SM2).
cp "$work/holder.key" holder.key.pem
openssl ec -in "$work/holder.key" -out holder-sec1.key.pem
openssl req -new -key "$work/holder.key" -sm3 -sigopt "distid:$ID" -subj "/C=CN/O=SM2 PKCS12 Fixture/CN=Zhang San" -out "$work/holder.csr"
openssl x509 -req -in "$work/holder.csr" -CA ca.pem -CAkey "$work/ca.key" -sm3 -sigopt "distid:$ID" -vfyopt "distid:$ID" \
  -set_serial "0x$(openssl rand -hex 8)" -days 36500 -extensions holder -extfile ../pkcs12-ext.cnf -out holder.pem
openssl pkcs12 -export -inkey "$work/holder.key" -in holder.pem -certfile ca.pem -name "Zhang San" -passout "pass:$PASSWORD" -out holder-modern.p12
openssl pkcs12 -export -legacy -inkey "$work/holder.key" -in holder.pem -certfile ca.pem -name "Zhang San" -passout "pass:$PASSWORD" -out holder-legacy.p12
# The brief's recipe as is: a self-signed SM2 certificate from `req -x509`.
openssl ecparam -genkey -name SM2 -out "$work/self.key"
openssl req -x509 -new -key "$work/self.key" -sm3 -sigopt "distid:$ID" -subj "/C=CN/O=SM2 PKCS12 Fixture/CN=Li Si (self-signed)" -days 36500 -out self.pem
openssl pkcs12 -export -inkey "$work/self.key" -in self.pem -passout "pass:$PASSWORD" -out self-signed.p12
openssl ec -in "$work/holder.key" -pubout -out holder-pub.pem 2>/dev/null
