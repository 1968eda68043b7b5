#!/bin/sh
# Records the Kerberos messages of one MIT kinit (with PA-ENC-TIMESTAMP) and one kvno against a throwaway MIT KDC
# on loopback, through relay.py. Usage: capture.sh OUT_DIR  (OUT_DIR must not exist). Needs krb5-kdc, krb5-user.
set -eu
OUT=$1
RELAY_PORT=${RELAY_PORT:-61388}
KDC_PORT=${KDC_PORT:-61389}
HERE=$(cd "$(dirname "$0")" && pwd)
D=$(mktemp -d /tmp/krb5-capture.XXXXXX)
mkdir "$OUT"
cat > "$D/krb5.conf" <<CONF
[libdefaults]
  default_realm = TEST.LOCAL
  dns_lookup_kdc = false
  dns_lookup_realm = false
  rdns = false
  dns_canonicalize_hostname = false
  forwardable = true
  udp_preference_limit = 1
[realms]
  TEST.LOCAL = {
    kdc = 127.0.0.1:$RELAY_PORT
  }
CONF
cat > "$D/kdc.conf" <<CONF
[kdcdefaults]
  kdc_listen = 127.0.0.1:$KDC_PORT
  kdc_tcp_listen = 127.0.0.1:$KDC_PORT
[realms]
  TEST.LOCAL = {
    database_name = $D/principal
    key_stash_file = $D/stash
    acl_file = $D/kadm5.acl
    supported_enctypes = aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha1-96:normal aes256-cts-hmac-sha384-192:normal aes128-cts-hmac-sha256-128:normal
  }
[logging]
  kdc = FILE:$D/kdc.log
CONF
touch "$D/kadm5.acl"
export KRB5_CONFIG=$D/krb5.conf KRB5_KDC_PROFILE=$D/kdc.conf KRB5CCNAME=FILE:$D/ccache
kdb5_util create -s -r TEST.LOCAL -P masterpw > /dev/null
kadmin.local -q "addprinc +requires_preauth -pw alicepw alice" > /dev/null
kadmin.local -q "addprinc -randkey +ok_to_auth_as_delegate host/svc.test.local" > /dev/null
kadmin.local -q "ktadd -k $D/svc.keytab host/svc.test.local" > /dev/null
krb5kdc -n -r TEST.LOCAL & KDC_PID=$!
/usr/bin/python3 "$HERE/relay.py" "$RELAY_PORT" "$KDC_PORT" "$OUT" & RELAY_PID=$!
trap 'kill $KDC_PID $RELAY_PID; rm -rf "$D"' EXIT
sleep 1
# 1, 2: AS-REQ without pre-authentication -> KRB-ERROR PREAUTH_REQUIRED; AS-REQ with PA-ENC-TIMESTAMP -> AS-REP
echo alicepw | kinit -r 1d alice > /dev/null
# 3: TGS-REQ for a service -> TGS-REP
kvno host/svc.test.local@TEST.LOCAL
# 4: AS-REQ for an unknown client -> KRB-ERROR C_PRINCIPAL_UNKNOWN
kinit nobody < /dev/null > /dev/null 2>&1 || true
# 5: the service's own AS exchange from its keytab (no pre-authentication required)
kinit -k -t "$D/svc.keytab" host/svc.test.local
# 6: kvno -U first looks up the user's realm: an AS-REQ with an NT-ENTERPRISE cname -> KRB-ERROR PREAUTH_REQUIRED
# 7: S4U2Self: TGS-REQ with PA-FOR-USER and PA-S4U-X509-USER -> TGS-REP
kvno -U alice host/svc.test.local
sleep 0.5
cd "$OUT"
mv 01-req.der as-req-no-preauth.der; mv 01-rep.der krb-error-preauth-required.der
mv 02-req.der as-req-enc-timestamp.der; mv 02-rep.der as-rep.der
mv 03-req.der tgs-req.der; mv 03-rep.der tgs-rep.der
mv 04-req.der as-req-unknown-client.der; mv 04-rep.der krb-error-client-unknown.der
mv 05-req.der as-req-keytab.der; mv 05-rep.der as-rep-keytab.der
mv 06-req.der as-req-enterprise.der; mv 06-rep.der krb-error-enterprise.der
mv 07-req.der tgs-req-s4u2self.der; mv 07-rep.der tgs-rep-s4u2self.der
