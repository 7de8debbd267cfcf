"""A headless Chromium driven over the Chrome DevTools Protocol (CDP).

Just enough of the protocol for the browser test: start Debian's
``chromium`` with an ephemeral debugging port, attach to its page over a
websocket (websocket-client, already a test requirement), navigate,
evaluate JavaScript and capture a PNG. No Selenium or chromedriver: the
DevTools protocol is JSON over a websocket.
"""

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request

import websocket

START_TIMEOUT = 60
CALL_TIMEOUT = 60


class CDPError(AssertionError):
    """The browser failed to start or answered a command with an error."""


def find_browser():
    """:returns: the path of a Chromium binary, or None."""
    return shutil.which('chromium') or shutil.which('chromium-browser')


class Browser(object):
    """One headless Chromium process and a CDP session on its first page.

    Use as a context manager; the process and its profile directory are
    gone afterwards.

    :param binary: the chromium executable.
    :param width: the window's width in CSS pixels.
    :param height: the window's height.
    """

    def __init__(self, binary, width=1024, height=768):
        self.binary = binary
        self.width = width
        self.height = height
        self.proc = None
        self.profile = None
        self.ws = None
        self._next_id = 0
        self.stderr = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.close()

    # -- process -------------------------------------------------------------

    def start(self):
        self.profile = tempfile.mkdtemp(prefix='nova-cdp-')
        self.stderr = open(os.path.join(self.profile, 'stderr.log'), 'w+')
        # NOTE: --no-sandbox because the tests run as root (Chromium
        # refuses to sandbox then); port 0 lets Chromium pick a free port
        # and write it to DevToolsActivePort in the profile directory.
        self.proc = subprocess.Popen(
            [self.binary, '--headless', '--no-sandbox', '--disable-gpu',
             '--disable-dev-shm-usage', '--no-first-run',
             '--no-default-browser-check', '--remote-debugging-port=0',
             '--user-data-dir=%s' % self.profile,
             '--window-size=%d,%d' % (self.width, self.height),
             'about:blank'],
            stdout=subprocess.DEVNULL, stderr=self.stderr)
        port = self._wait_port()
        self.ws = websocket.create_connection(
            self._page_ws_url(port), timeout=CALL_TIMEOUT,
            # NOTE: Chromium refuses DevTools websockets that send an
            # Origin header it was not told to allow (--remote-allow-
            # origins); a client without one is accepted.
            suppress_origin=True)
        # NOTE: --window-size alone gave a 1024x625 viewport for 1024,768
        # (Chromium 156); pin the viewport so screenshots have the size
        # asked for.
        self.call('Emulation.setDeviceMetricsOverride', width=self.width,
                  height=self.height, deviceScaleFactor=1, mobile=False)

    def _wait_port(self):
        path = os.path.join(self.profile, 'DevToolsActivePort')
        deadline = time.time() + START_TIMEOUT
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise CDPError('chromium exited %s: %s'
                               % (self.proc.returncode, self.log_tail()))
            try:
                with open(path) as f:
                    first = f.readline().strip()
                if first:
                    return int(first)
            except OSError:
                pass
            time.sleep(0.2)
        raise CDPError('no %s after %ds: %s' % (path, START_TIMEOUT,
                                                self.log_tail()))

    def _page_ws_url(self, port):
        # The page target of about:blank; /json/list answers once the
        # port file exists.
        deadline = time.time() + START_TIMEOUT
        while True:
            with urllib.request.urlopen(
                    'http://127.0.0.1:%d/json/list' % port, timeout=10) as r:
                targets = json.load(r)
            pages = [t for t in targets if t.get('type') == 'page']
            if pages:
                return pages[0]['webSocketDebuggerUrl']
            if time.time() > deadline:
                raise CDPError('no page target in %s' % targets)
            time.sleep(0.2)

    def log_tail(self, size=2000):
        """:returns: the end of Chromium's stderr."""
        if not self.stderr:
            return ''
        self.stderr.flush()
        self.stderr.seek(0)
        return self.stderr.read()[-size:]

    def close(self):
        if self.ws is not None:
            try:
                self.call('Browser.close')
            except Exception:  # noqa: BLE001 - it may be gone already
                pass
            self.ws.close()
            self.ws = None
        if self.proc is not None:
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            self.proc = None
        if self.stderr is not None:
            self.stderr.close()
            self.stderr = None
        if self.profile:
            shutil.rmtree(self.profile, ignore_errors=True)
            self.profile = None

    # -- protocol ------------------------------------------------------------

    def call(self, method, **params):
        """Send one CDP command and wait for its answer.

        Events arriving in between are dropped (nothing here subscribes).

        :returns: the command's ``result`` object.
        :raises: CDPError if the browser answers with an error.
        """
        self._next_id += 1
        msg_id = self._next_id
        self.ws.send(json.dumps({'id': msg_id, 'method': method,
                                 'params': params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get('id') != msg_id:
                continue
            if 'error' in msg:
                raise CDPError('%s: %s' % (method, msg['error']))
            return msg.get('result', {})

    def navigate(self, url):
        result = self.call('Page.navigate', url=url)
        if result.get('errorText'):
            raise CDPError('navigating to %s: %s'
                           % (url, result['errorText']))
        return result

    def evaluate(self, expression):
        """Run JavaScript in the page.

        :returns: the expression's value (JSON-serialisable values only;
            promises are awaited).
        :raises: CDPError if it throws.
        """
        result = self.call('Runtime.evaluate', expression=expression,
                           returnByValue=True, awaitPromise=True)
        if 'exceptionDetails' in result:
            details = result['exceptionDetails']
            raise CDPError('%s: %s' % (
                details.get('text'),
                details.get('exception', {}).get('description')))
        return result['result'].get('value')

    def wait_for(self, expression, timeout, interval=1.0):
        """Evaluate ``expression`` until it is truthy.

        :returns: its last value.
        :raises: CDPError after ``timeout`` seconds, with the last value.
        """
        deadline = time.time() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.time() > deadline:
                raise CDPError('still %r after %ds: %s'
                               % (value, timeout, expression))
            time.sleep(interval)

    def screenshot(self):
        """:returns: the PNG bytes of the page's viewport."""
        result = self.call('Page.captureScreenshot', format='png')
        return base64.b64decode(result['data'])
