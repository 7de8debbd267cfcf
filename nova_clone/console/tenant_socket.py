"""A socket-like view of the user's websocket, for protocol negotiation.

The security proxy speaks RFB with the user before relaying starts; the
user's bytes arrive in websocket frames of any size, so this buffers them
and hands out exactly the bytes asked for.
"""


class TenantSocket:
    """``recv_exactly``/``sendall`` over a websockify request handler."""

    def __init__(self, handler):
        self.handler = handler
        self._buffer = b''

    def recv_exactly(self, count):
        """:returns: ``count`` bytes; fewer only if the user hung up."""
        while len(self._buffer) < count:
            frames, closed = self.handler.recv_frames()
            self._buffer += b''.join(frames)
            if closed:
                break
        data, self._buffer = self._buffer[:count], self._buffer[count:]
        return data

    def sendall(self, data):
        """Send ``data`` to the user in one websocket frame."""
        pending = self.handler.send_frames([data])
        while pending:
            pending = self.handler.send_frames()

    def leftover(self):
        """:returns: bytes received beyond the negotiation (to relay)."""
        data, self._buffer = self._buffer, b''
        return data
