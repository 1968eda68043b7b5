"""Line protocol front end to impacket's NTLM client code, driven by org.openlsa.peers.Impacket.

One request per line on stdin, one reply per line on stdout. Every argument is hex: byte strings as they are,
text as its UTF-8 encoding, numbers as the UTF-8 encoding of their decimal form; "-" stands for an empty value. Replies are "ok" followed by hex
fields, or "err" followed by the hex of a UTF-8 message. The process serves many requests so the JVM pays for the
interpreter and the impacket import once.

Commands:
  ntlmv2 USER PASSWORD DOMAIN SERVER_CHALLENGE CLIENT_CHALLENGE FILETIME TARGET_INFO -> ok NT LM SESSION_BASE_KEY
  ntlmv2id IDENTITY PASSWORD SERVER_CHALLENGE CLIENT_CHALLENGE FILETIME TARGET_INFO   -> ok NT LM SESSION_BASE_KEY
    (as ntlmv2, with NTOWFv2 keyed over IDENTITY, the upper-cased user and the domain, exactly as given)
  client ID USER PASSWORD DOMAIN WORKSTATION                                  -> ok
  negotiate ID SPNEGO(0|1)                                                    -> ok TOKEN
  authenticate ID SPNEGO(0|1) CHALLENGE_TOKEN                                 -> ok TOKEN EXPORTED_SESSION_KEY
  forget ID                                                                   -> ok
"""
import struct
import sys
import traceback

from impacket import ntlm
from impacket.spnego import SPNEGO_NegTokenInit, SPNEGO_NegTokenResp, TypesMech

NTLMSSP_MECH = 'NTLMSSP - Microsoft NTLM Security Support Provider'


def raw(h):
    return b'' if h == '-' else bytes.fromhex(h)


def text(h):
    return raw(h).decode('utf-8')


def ntlmv2(user, password, domain, server_challenge, client_challenge, filetime, target_info):
    server_challenge = raw(server_challenge)
    client_challenge = raw(client_challenge)
    filetime = int(text(filetime))
    target_info = raw(target_info)
    saved = ntlm.TEST_CASE
    try:
        if filetime == 0:
            # impacket's test mode: time 0 and the target info exactly as given (MS-NLMP 4.2.4).
            ntlm.TEST_CASE = True
        else:
            # impacket's client mode takes the time from the MsvAvTimestamp pair and appends a MsvAvTargetName.
            ntlm.TEST_CASE = False
            pairs = ntlm.AV_PAIRS(target_info)
            pairs[ntlm.NTLMSSP_AV_TIME] = struct.pack('<q', filetime)
            target_info = pairs.getData()
        nt, lm, key = ntlm.computeResponseNTLMv2(0, server_challenge, client_challenge, target_info,
                                                 text(domain), text(user), text(password))
    finally:
        ntlm.TEST_CASE = saved
    return [nt, lm, key]


def ntlmv2_identity(identity, password, server_challenge, client_challenge, filetime, target_info):
    # impacket's NTOWFv2 upper-cases the user with str.upper(), Unicode's full mapping ("straße" -> "STRASSE");
    # Windows and Samba upper-case one UTF-16 code unit at a time ("STRAßE"). The caller says which identity to
    # key with; the response is still impacket's arithmetic (hmac_md5, compute_nthash, computeResponseNTLMv2).
    identity = text(identity)
    original = ntlm.NTOWFv2
    ntlm.NTOWFv2 = lambda user, password, domain, hash='': ntlm.hmac_md5(ntlm.compute_nthash(password),
                                                                        identity.encode('utf-16le'))
    try:
        return ntlmv2('-', password, '-', server_challenge, client_challenge, filetime, target_info)
    finally:
        ntlm.NTOWFv2 = original


class Client:
    def __init__(self, user, password, domain, workstation):
        self.user, self.password, self.domain, self.workstation = user, password, domain, workstation
        self.type1 = None

    def negotiate(self, spnego):
        self.type1 = ntlm.getNTLMSSPType1(self.workstation, self.domain)
        token = self.type1.getData()
        if spnego:
            init = SPNEGO_NegTokenInit()
            init['MechTypes'] = [TypesMech[NTLMSSP_MECH]]
            init['MechToken'] = token
            token = init.getData()
        return [token]

    def authenticate(self, spnego, challenge):
        if self.type1 is None:
            raise ValueError('authenticate before negotiate')
        if spnego:
            challenge = SPNEGO_NegTokenResp(challenge)['ResponseToken']
        type3, exported = ntlm.getNTLMSSPType3(self.type1, challenge, self.user, self.password, self.domain)
        token = type3.getData()
        if spnego:
            resp = SPNEGO_NegTokenResp()
            resp['ResponseToken'] = token
            token = resp.getData()
        self.type1 = None
        return [token, exported]


def main():
    clients = {}
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        try:
            command, args = words[0], words[1:]
            if command == 'ntlmv2':
                fields = ntlmv2(*args)
            elif command == 'ntlmv2id':
                fields = ntlmv2_identity(*args)
            elif command == 'client':
                clients[args[0]] = Client(*(text(a) for a in args[1:]))
                fields = []
            elif command == 'negotiate':
                fields = clients[args[0]].negotiate(args[1] == '1')
            elif command == 'authenticate':
                fields = clients[args[0]].authenticate(args[1] == '1', raw(args[2]))
            elif command == 'forget':
                clients.pop(args[0], None)
                fields = []
            else:
                raise ValueError('unknown command ' + command)
            reply = 'ok' + ''.join(' ' + (f.hex() if f else '-') for f in fields)
        except Exception as e:
            detail = '%s: %s' % (type(e).__name__, e)
            traceback.print_exc(file=sys.stderr)
            reply = 'err ' + detail.encode('utf-8').hex()
        sys.stdout.write(reply + '\n')
        sys.stdout.flush()


if __name__ == '__main__':
    main()
