"""Real servers for fault tests: an SMTP server on loopback, a port where nobody listens, a
server that accepts connections and never answers."""

import contextlib
import smtplib
import socket
import socketserver
import threading

import pytest
from django.core.mail.backends.locmem import EmailBackend


class FailingBackend(EmailBackend):
    """A mail backend whose server hangs up on every message."""

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("mail server gone")


class SMTPHandler(socketserver.StreamRequestHandler):
    """Speaks just enough SMTP for Django's backend; records envelopes and messages."""

    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        server = self.server
        self.reply("220 localhost Test-SMTP")
        envelope = {"from": None, "to": []}
        while line := self.rfile.readline():
            command = line.decode().rstrip("\r\n")
            verb = command.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250-localhost")
                self.reply("250 8BITMIME")
            elif verb == "MAIL":
                envelope = {"from": command[10:].strip("<>").split(">")[0], "to": []}
                self.reply("250 OK")
            elif verb == "RCPT":
                if server.refuse_recipients:
                    self.reply("554 5.7.1 Relay access denied")
                else:
                    envelope["to"].append(command[8:].strip("<>"))
                    self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                data = b""
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    data += chunk[1:] if chunk.startswith(b"..") else chunk
                server.messages.append({**envelope, "data": data})
                self.reply("250 OK: queued")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            elif verb in ("RSET", "NOOP"):
                self.reply("250 OK")
            else:
                self.reply("502 Command not implemented")


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback, with Django's SMTP backend pointed at it."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), SMTPHandler)
    server.daemon_threads = True
    server.messages = []
    server.refuse_recipients = False
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    use_smtp(settings, server.server_address[1])
    yield server
    server.shutdown()
    server.server_close()


def use_smtp(settings, port):
    """Point Django's SMTP backend at a loopback `port`, without TLS or login."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5


def closed_port():
    """Return a local port that refuses connections (bound once, then closed)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def silent_server():
    """Yield the port of a server that accepts connections and never reads or answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    listener.settimeout(0.05)
    accepted = []
    stop = threading.Event()

    def accept_until_stopped():
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            accepted.append(connection)  # kept open, never read

    thread = threading.Thread(target=accept_until_stopped, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join(timeout=1)
        listener.close()
        for connection in accepted:
            connection.close()
