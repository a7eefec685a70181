#!/usr/bin/env bash
# Makes an `openssl ca` PKI with CRLs in DIR, for the revocation tests:
#   ca.pem/ca.key            root CA (P-256, keyCertSign + cRLSign)
#   inter.pem/inter.key      intermediate CA issued by the root
#   server.pem/.key          localhost server (serverAuth) issued by the root
#   good.pem/.key            client (clientAuth) issued by the root, never revoked
#   revoked.pem/.key         client issued by the root, revoked (keyCompromise)
#   sub.pem/.key             client issued by the intermediate
#   crl-empty.pem            root CRL made before any revocation
#   crl.pem                  root CRL listing revoked.pem (keyCompromise)
#   crl-inter-revoked.pem    root CRL listing revoked.pem and the intermediate (cACompromise)
#   crl-expired.pem          root CRL whose nextUpdate has passed
#   inter-crl.pem            intermediate's (empty) CRL
#   x-SECTION.pem            root CRLs (listing revoked.pem) with the crlExtensions of
#                            SECTION: idp_dp idp_user idp_ca idp_reasons idp_indirect delta
#                            unknown_crit unknown_noncrit
#   ca-nocrlsign.pem         the root certificate re-issued with keyUsage keyCertSign only
# Usage: openssl_ca.sh DIR
set -euo pipefail
dir=$1
mkdir -p "$dir"
cd "$dir"

cat > ext.cnf <<'CNF'
[ca_ext]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ca_nocrlsign]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign
subjectKeyIdentifier = hash
[inter_ext]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[server_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[client_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[crl_ext]
authorityKeyIdentifier = keyid:always
CNF

# One `openssl ca` database per CA.
ca_conf() {  # name
  mkdir -p "db-$1"
  : > "db-$1/index.txt"
  echo 1000 > "db-$1/serial"
  echo 01 > "db-$1/crlnumber"
  cat > "$1.cnf" <<CNF
[ca]
default_ca = this
[this]
dir = db-$1
database = \$dir/index.txt
new_certs_dir = \$dir
serial = \$dir/serial
crlnumber = \$dir/crlnumber
certificate = $1.pem
private_key = $1.key
default_md = sha256
default_days = 30
default_crl_days = 7
policy = any
unique_subject = no
crl_extensions = crl_ext
[any]
commonName = supplied
organizationName = optional
[crl_ext]
authorityKeyIdentifier = keyid:always
[idp_dp]
issuingDistributionPoint = critical, @idp1
[idp1]
fullname = URI:http://example.com/ca.crl
[idp_user]
issuingDistributionPoint = critical, @idp2
[idp2]
onlyuser = TRUE
[idp_ca]
issuingDistributionPoint = critical, @idp3
[idp3]
onlyCA = TRUE
[idp_reasons]
issuingDistributionPoint = critical, @idp4
[idp4]
onlysomereasons = keyCompromise
[idp_indirect]
issuingDistributionPoint = critical, @idp5
[idp5]
indirectCRL = TRUE
[delta]
2.5.29.27 = critical, DER:02:01:03
[unknown_crit]
1.2.3.4 = critical, DER:05:00
[unknown_noncrit]
1.2.3.4 = DER:05:00
CNF
}

key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key" 2>/dev/null; }

issue() {  # ca name subject ext
  key "$2"
  openssl req -new -key "$2.key" -subj "$3" -out "$2.csr" 2>/dev/null
  openssl ca -batch -config "$1.cnf" -in "$2.csr" -out "$2.pem" -notext \
    -extfile ext.cnf -extensions "$4" 2>/dev/null
}

key ca
openssl req -x509 -new -key ca.key -subj "/O=glasstls tests/CN=Revocation Test CA" -days 30 \
  -config ext.cnf -extensions ca_ext -out ca.pem 2>/dev/null
openssl req -x509 -new -key ca.key -subj "/O=glasstls tests/CN=Revocation Test CA" -days 30 \
  -config ext.cnf -extensions ca_nocrlsign -out ca-nocrlsign.pem 2>/dev/null
ca_conf ca
issue ca inter "/O=glasstls tests/CN=Revocation Test Intermediate" inter_ext
ca_conf inter
issue ca server "/CN=localhost" server_ext
issue ca good "/O=glasstls tests/CN=good client" client_ext
issue ca revoked "/O=glasstls tests/CN=revoked client" client_ext
issue inter sub "/O=glasstls tests/CN=sub client" client_ext

openssl ca -batch -config ca.cnf -gencrl -out crl-empty.pem 2>/dev/null
openssl ca -batch -config ca.cnf -gencrl -crl_lastupdate 20200101000000Z \
  -crl_nextupdate 20200108000000Z -out crl-expired-empty.pem 2>/dev/null
openssl ca -batch -config ca.cnf -revoke revoked.pem -crl_reason keyCompromise 2>/dev/null
openssl ca -batch -config ca.cnf -gencrl -out crl.pem 2>/dev/null
openssl ca -batch -config ca.cnf -gencrl -crl_lastupdate 20200101000000Z \
  -crl_nextupdate 20200108000000Z -out crl-expired.pem 2>/dev/null
for s in idp_dp idp_user idp_ca idp_reasons idp_indirect delta unknown_crit unknown_noncrit; do
  openssl ca -batch -config ca.cnf -gencrl -crlexts "$s" -out "x-$s.pem" 2>/dev/null
done
openssl ca -batch -config ca.cnf -revoke inter.pem -crl_reason CACompromise 2>/dev/null
openssl ca -batch -config ca.cnf -gencrl -out crl-inter-revoked.pem 2>/dev/null
openssl ca -batch -config inter.cnf -gencrl -out inter-crl.pem 2>/dev/null
