# A tiny service the edge runs in tests: listens on $PORT, answers with values from its environment, and ends
# cleanly (finishing requests under way) on SIGTERM. Prints nothing but its port: its log is checked for secrets.
import http.server
import json
import os
import signal
import sys
import threading


class Handler(http.server.BaseHTTPRequestHandler):
    def answer(self, status, body, content_type="text/plain"):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def do_GET(self):
        path, _, query = self.path.partition("?")
        if path == "/health":
            self.answer(200, "ok")
        elif path == "/version":
            self.answer(200, os.environ.get("APP_VERSION", "unset"))
        elif path.startswith("/env/"):
            name = path[len("/env/"):]
            self.answer(200, os.environ[name]) if name in os.environ else self.answer(404, "no variable " + name)
        elif path == "/envnames":
            self.answer(200, json.dumps(sorted(os.environ)), "application/json")
        elif path == "/session":
            self.answer(200, str(os.getsid(0)))
        else:
            self.echo()

    def do_POST(self):
        self.echo()

    do_PUT = do_POST
    do_DELETE = do_GET
    do_HEAD = do_GET

    def echo(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length).decode() if length else ""
        self.answer(200, json.dumps({
            "method": self.command,
            "path": self.path,
            "body": body,
            "headers": {k.lower(): v for k, v in self.headers.items()},
        }), "application/json")

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler)
signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
print("listening on", os.environ["PORT"], flush=True)
server.serve_forever(poll_interval=0.05)
server.server_close()
sys.exit(0)
