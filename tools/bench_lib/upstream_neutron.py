"""A stand-in for the few Neutron reads upstream nova makes (bench only).

Servers booted with networks "none" have no ports, yet upstream nova still
asks Neutron: the API lists ports and security groups for the server views,
the compute host lists ports when it refreshes the info cache and when it
deletes a server. Every answer here is an empty collection, which is what a
real Neutron says for servers without ports. Writes are refused with 501 so
an unexpected one shows up in the log instead of silently "working".

Standard library only: it runs with any python3.
"""

import argparse
import json
import re
import sys
from http import server
from socketserver import ThreadingMixIn

_COLLECTION = re.compile(r'^/v2\.0/([a-z_-]+?)(\.json)?$')


def _body_for(path, port):
    """:returns: the JSON answer to ``GET path`` or None for a 404."""
    if path in ('', '/'):
        # Version discovery by keystoneauth/openstacksdk.
        href = 'http://127.0.0.1:%d/v2.0/' % port
        return {'versions': [{'id': 'v2.0', 'status': 'CURRENT',
                              'links': [{'href': href, 'rel': 'self'}]}]}
    match = _COLLECTION.match(path)
    if not match:
        return None
    # /v2.0/security-groups answers {"security_groups": [...]}.
    return {match.group(1).replace('-', '_'): []}


class _Handler(server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def _send(self, code, body):
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):  # noqa: N802 - http.server's naming
        body = _body_for(self.path.split('?', 1)[0].rstrip('/') or '/',
                         self.server.server_port)
        if body is None:
            self._send(404, {'NeutronError': {'type': 'NotFound',
                                              'message': self.path}})
        else:
            self._send(200, body)

    def _refuse(self):
        length = int(self.headers.get('Content-Length') or 0)
        self.rfile.read(length)
        self._send(501, {'NeutronError': {
            'type': 'NotImplemented',
            'message': 'bench stand-in: %s %s' % (self.command, self.path)}})

    do_POST = do_PUT = do_DELETE = _refuse  # noqa: N815


class _Server(ThreadingMixIn, server.HTTPServer):
    daemon_threads = True


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--port', type=int, default=29696)
    args = parser.parse_args(argv)
    httpd = _Server(('127.0.0.1', args.port), _Handler)
    print('neutron stand-in on 127.0.0.1:%d' % args.port, flush=True)
    httpd.serve_forever()


if __name__ == '__main__':
    sys.exit(main())
