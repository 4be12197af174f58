"""An e-mail backend whose server is down: every send fails."""

from smtplib import SMTPServerDisconnected

from django.core.mail.backends.base import BaseEmailBackend


class FailingEmailBackend(BaseEmailBackend):
    attempts = 0

    def send_messages(self, email_messages):
        FailingEmailBackend.attempts += 1
        raise SMTPServerDisconnected("the mail server is down")
