"""The job's summary email: plain text, one message per run with something new, sent by SMTP.

Credentials come only from the environment (RLWCHECK_SMTP_USER, RLWCHECK_SMTP_PASSWORD); the
config file names the server and the people, never a password.
"""

import smtplib
from email.message import EmailMessage
from typing import TYPE_CHECKING

from rlwcheck.dates import long_date
from rlwcheck.jobconfig import EmailSettings

if TYPE_CHECKING:
    from rlwcheck.job import JobRun

SECTIONS = ("New rates", "Rises due soon", "Network actions", "Problems")


def compose_summary(run: "JobRun") -> tuple[str, str]:
    """Subject and body: the new notices by section, then the re-check results."""
    count = len(run.new_notices)
    subject = f"rlwcheck: {count} new item{'s' if count != 1 else ''} on {long_date(run.run_on)}"
    lines = [f"rlwcheck daily job, {long_date(run.run_on)}.", ""]
    for section in SECTIONS:
        notices = [n for n in run.new_notices if n.section == section]
        if notices:
            lines += [f"{section}:", *(f"  - {n.text}" for n in notices), ""]
    if run.report_lines:
        lines += [
            "Payroll re-checked against the coming rates:",
            *(f"  - {line}" for line in run.report_lines),
            "",
        ]
    lines += [
        f"Network: {run.network}." if run.network else "",
        "Sent by `rlwcheck job run`; it mails each item once.",
    ]
    return subject, "\n".join(lines).strip() + "\n"


def send_summary(settings: EmailSettings, subject: str, body: str) -> None:
    """Send one message to every recipient; OSError or smtplib errors propagate to the caller."""
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = settings.sender
    message["To"] = ", ".join(settings.recipients)
    message.set_content(body)
    with smtplib.SMTP(
        settings.smtp_host, settings.smtp_port, timeout=settings.timeout_seconds
    ) as smtp:
        if settings.starttls:
            smtp.starttls()
        if settings.credentials:
            smtp.login(*settings.credentials)
        smtp.send_message(message)
