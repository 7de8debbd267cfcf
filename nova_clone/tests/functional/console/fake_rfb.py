"""A fake VNC server: speaks the RFB 3.8 handshake up to ServerInit."""

import socketserver
import struct
import threading

SERVER_NAME = b'fake-guest'
# width, height, then a 16-byte pixel format
SERVER_INIT = struct.pack('!HH', 640, 480) + bytes(16) + struct.pack(
    '!I', len(SERVER_NAME)) + SERVER_NAME


def recv_exactly(sock, count):
    data = b''
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            raise EOFError('peer closed after %r' % data)
        data += chunk
    return data


class _Handler(socketserver.BaseRequestHandler):

    def handle(self):
        server = self.server
        sock = self.request
        try:
            sock.sendall(b'RFB 003.008\n')
            server.events.append(('version', recv_exactly(sock, 12)))
            sock.sendall(bytes([len(server.security_types)]) +
                         bytes(server.security_types))
            chosen = recv_exactly(sock, 1)[0]
            server.events.append(('security', chosen))
            sock.sendall(struct.pack('!I', 0))
            server.events.append(('client_init', recv_exactly(sock, 1)))
            sock.sendall(SERVER_INIT)
            # NOTE: stay up until the client leaves, like a real server.
            while sock.recv(4096):
                pass
        except (EOFError, OSError) as e:
            server.events.append(('error', str(e)))


class FakeRFBServer(socketserver.ThreadingTCPServer):
    """Listens on 127.0.0.1 at a free port; ``events`` logs the handshake.
    """

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, security_types=(1,)):
        super().__init__(('127.0.0.1', 0), _Handler)
        self.security_types = list(security_types)
        self.events = []

    @property
    def port(self):
        return self.server_address[1]

    def start(self):
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def stop(self):
        self.shutdown()
        self.server_close()


def client_handshake(ws_recv, ws_send):
    """Be a VNC client over a websocket up to ServerInit.

    :param ws_recv: returns the next binary message.
    :param ws_send: sends one binary message.
    :returns: the ServerInit bytes.
    """
    buffer = b''

    def read(count):
        nonlocal buffer
        while len(buffer) < count:
            buffer += ws_recv()
        data, buffer = buffer[:count], buffer[count:]
        return data

    assert read(12) == b'RFB 003.008\n'
    ws_send(b'RFB 003.008\n')
    count = read(1)[0]
    types = list(read(count))
    assert 1 in types, types
    ws_send(bytes([1]))
    assert read(4) == struct.pack('!I', 0)
    ws_send(bytes([1]))  # ClientInit: shared
    return read(len(SERVER_INIT))

