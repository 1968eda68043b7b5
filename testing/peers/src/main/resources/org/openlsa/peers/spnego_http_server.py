"""An HTTP server that accepts SPNEGO (RFC 4559, "Authorization: Negotiate") with MIT's libgssapi through
python3-gssapi, for curl --negotiate and other HTTP clients. Its keytab is KRB5_KTNAME. It prints its port on the
first line, then serves until its standard input closes. A GET with a token that GSS accepts is answered 200 with the initiator's
principal name as the body; one without a token gets 401 and "WWW-Authenticate: Negotiate"; a token GSS refuses
gets 403 with the GSS error as the body.
"""
import base64
import http.server
import sys
import threading

import gssapi


class Handler(http.server.BaseHTTPRequestHandler):
    def reply(self, status, body, headers=()):
        data = body.encode("utf-8")
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        auth = self.headers.get("Authorization", "")
        if not auth.startswith("Negotiate "):
            self.reply(401, "negotiate\n", [("WWW-Authenticate", "Negotiate")])
            return
        try:
            ctx = gssapi.SecurityContext(usage="accept", creds=gssapi.Credentials(usage="accept"))
            out = ctx.step(base64.b64decode(auth[len("Negotiate "):]))
        except gssapi.exceptions.GSSError as e:
            self.reply(403, "gss: %s\n" % e)
            return
        if not ctx.complete:
            self.reply(401, "continue\n", [("WWW-Authenticate", "Negotiate " + base64.b64encode(out).decode())])
            return
        headers = [("WWW-Authenticate", "Negotiate " + base64.b64encode(out).decode())] if out else []
        self.reply(200, "%s\n" % ctx.initiator_name, headers)

    def log_message(self, fmt, *args):
        sys.stderr.write(fmt % args + "\n")


server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
sys.stdin.read()
