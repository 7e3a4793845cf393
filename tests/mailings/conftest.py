import re
import socket
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller


class Sink:
    """An SMTP server's handler that keeps what it accepts; it can refuse everything
    (`refusing`), or refuse once `refuse_after` messages have been accepted."""

    def __init__(self):
        self.messages = []
        self.raw = []
        self.refusing = False
        self.refuse_after = None
        self.rejected_recipients = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.rejected_recipients:
            return f"550 5.1.1 <{address}>: Recipient address rejected"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.refuse_after is not None and len(self.messages) >= self.refuse_after:
            self.refusing = True
        if self.refusing:
            return "421 4.3.2 Service not available"
        self.raw.append(envelope.original_content or envelope.content)
        self.messages.append(
            (list(envelope.rcpt_tos), message_from_bytes(envelope.content, policy=policy.default))
        )
        return "250 OK"

    def recipients(self):
        return [address for rcpt_tos, _ in self.messages for address in rcpt_tos]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server (aiosmtpd) in the test process; the worker delivers to it."""
    sink = Sink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    sink.port = port
    sink.controller = controller
    yield sink
    controller.stop()


@pytest.fixture
def fast_sending(settings):
    settings.MAILINGS_BATCH_SIZE = 3
    settings.MAILINGS_RATE_PER_SECOND = 0
    settings.MAILINGS_RETRY_SECONDS = 0
    settings.MAILINGS_MAX_ATTEMPTS = 3
    return settings


def link_in(text, name):
    match = re.search(rf"http://testserver(/mail/{name}/[^/\s]+/)", text)
    assert match, f"no {name} link in the message"
    return match.group(1)
