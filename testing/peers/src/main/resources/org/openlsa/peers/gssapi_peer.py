"""Line protocol front end to python3-gssapi (MIT libgssapi_krb5), driven by org.openlsa.peers.GssapiPeer.

One request per line on stdin, one reply per line on stdout. Every argument and reply field is hex (text as its
UTF-8 encoding); "-" stands for an empty value. Replies are "ok" followed by fields, "no" followed by the hex of a
GSS-API failure (the peer's verdict: a token refused, a ticket not obtained), or "err" followed by the hex of a
message (a broken request). Credentials are named explicitly through MIT's credential store extension, so the
default ccache and keytab are never used.

Commands:
  hello                                           -> ok
  init ID CCACHE TARGET NAMETYPE FLAGS            -> ok TOKEN COMPLETE        (NAMETYPE hostbased|principal;
                                                                               FLAGS comma-separated names)
  step ID TOKEN                                   -> ok TOKEN COMPLETE
  accept KEYTAB TOKEN DELEGATED_CCACHE            -> ok COMPLETE INITIATOR ACCEPTOR MECH DELEGATED DELEGATED_NAME
                                                        FLAGS TOKEN
  forget ID                                       -> ok
COMPLETE and DELEGATED are "1" or "0"; MECH is the dotted OID; FLAGS comma-separated RequirementFlag names.
"""
import sys
import traceback

import gssapi
import gssapi.exceptions

NAME_TYPES = {
    'hostbased': gssapi.NameType.hostbased_service,
    'principal': gssapi.NameType.kerberos_principal,
}


def raw(h):
    return b'' if h == '-' else bytes.fromhex(h)


def text(h):
    return raw(h).decode('utf-8')


def enc(s):
    return s.encode('utf-8')


def flag_names(flags):
    return ','.join(sorted(f.name for f in flags))


def init(contexts, ctx_id, ccache, target, name_type, flags):
    creds = gssapi.Credentials(usage='initiate', store={'ccache': text(ccache)})
    wanted = [gssapi.RequirementFlag[name] for name in filter(None, text(flags).split(','))]
    if not wanted:
        # python-gssapi turns an empty request into its defaults (mutual + sequence); integrity alone is what
        # MIT grants anyway, so it stands for "nothing extra".
        wanted = [gssapi.RequirementFlag.integrity]
    ctx = gssapi.SecurityContext(name=gssapi.Name(text(target), NAME_TYPES[text(name_type)]), creds=creds,
                                 usage='initiate', flags=wanted)
    contexts[text(ctx_id)] = ctx
    token = ctx.step()
    return [token or b'', b'1' if ctx.complete else b'0']


def step(contexts, ctx_id, token):
    ctx = contexts[text(ctx_id)]
    out = ctx.step(raw(token))
    return [out or b'', b'1' if ctx.complete else b'0']


def accept(keytab, token, delegated_ccache):
    creds = gssapi.Credentials(usage='accept', store={'keytab': text(keytab)})
    ctx = gssapi.SecurityContext(creds=creds, usage='accept')
    out = ctx.step(raw(token))
    delegated = ctx.delegated_creds
    delegated_name = b''
    if delegated is not None:
        delegated_name = enc(str(delegated.name))
        if delegated_ccache != '-':
            delegated.store(store={'ccache': text(delegated_ccache)}, overwrite=True)
    return [b'1' if ctx.complete else b'0', enc(str(ctx.initiator_name)), enc(str(ctx.target_name)),
            enc(ctx.mech.dotted_form), b'1' if delegated is not None else b'0', delegated_name,
            enc(flag_names(ctx.actual_flags)), out or b'']


def main():
    contexts = {}
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        command, args = words[0], words[1:]
        try:
            if command == 'hello':
                fields = []
            elif command == 'init':
                fields = init(contexts, *args)
            elif command == 'step':
                fields = step(contexts, *args)
            elif command == 'accept':
                fields = accept(*args)
            elif command == 'forget':
                contexts.pop(text(args[0]), None)
                fields = []
            else:
                raise ValueError('unknown command ' + command)
            reply = 'ok' + ''.join(' ' + (f.hex() if f else '-') for f in fields)
        except gssapi.exceptions.GSSError as e:
            # A GSS-API verdict (MIT's major and minor status texts): the caller gets it as a result.
            reply = 'no ' + ('%s: %s' % (type(e).__name__, e)).encode('utf-8').hex()
        except Exception as e:
            traceback.print_exc(file=sys.stderr)
            reply = 'err ' + ('%s: %s' % (type(e).__name__, e)).encode('utf-8').hex()
        sys.stdout.write(reply + '\n')
        sys.stdout.flush()


if __name__ == '__main__':
    main()
