"""Ready-to-use instructions for running ``rlwcheck job run`` daily: cron, systemd, Windows.

Each recipe uses absolute paths (schedulers start in another folder, with a bare PATH) and
keeps SMTP credentials out of the unit files: an environment file readable only by the user.
"""

import datetime as dt
import shlex
import shutil
import sys
from pathlib import Path

from rlwcheck.errors import UsageError
from rlwcheck.jobconfig import SMTP_PASSWORD_ENV, SMTP_USER_ENV


def parse_time(text: str) -> dt.time:
    """'06:30' -> 06:30; the daily start time."""
    try:
        hours, minutes = (int(part) for part in text.split(":"))
        return dt.time(hours, minutes)
    except ValueError as exc:
        raise UsageError(f"time {text!r} is not HH:MM (24-hour), e.g. 06:30") from exc


def job_command(config: Path, db: Path | None = None) -> list[str]:
    """The command a scheduler runs: the installed script, else this Python with -m rlwcheck."""
    script = shutil.which("rlwcheck")
    program = [script] if script else [sys.executable, "-m", "rlwcheck"]
    database = ["--db", str(db.resolve())] if db else []
    return [*program, *database, "job", "run", "--config", str(config.resolve())]


def instructions(config: Path, at: dt.time, db: Path | None = None) -> str:
    command = job_command(config, db)
    return "\n".join(
        [
            _cron(command, config, at),
            _systemd(command, config, at),
            _windows(command, at),
        ]
    )


def _cron(command: list[str], config: Path, at: dt.time) -> str:
    log = config.resolve().parent / "rlwcheck-job.log"
    env = config.resolve().parent / "rlwcheck-smtp.env"
    line = (
        f"{at.minute} {at.hour} * * * set -a; [ -f {shlex.quote(str(env))} ] && . {shlex.quote(str(env))}; "
        f"{shlex.join(command)} >> {shlex.quote(str(log))} 2>&1"
    )
    return f"""# --- cron (Linux, macOS): run `crontab -e` and add this line ---------------------
# Runs daily at {at:%H:%M} in the machine's time zone. SMTP credentials, if your server needs them,
# go in {env} (chmod 600), one per line:
#   {SMTP_USER_ENV}=...
#   {SMTP_PASSWORD_ENV}=...
{line}
"""


def _systemd(command: list[str], config: Path, at: dt.time) -> str:
    folder = config.resolve().parent
    return f"""# --- systemd (Linux): two files in ~/.config/systemd/user/ -------------------------
# ~/.config/systemd/user/rlwcheck-job.service
[Unit]
Description=rlwcheck daily job: new wage rates, re-checks, network actions, summary email
Wants=network-online.target
After=network-online.target

[Service]
Type=oneshot
WorkingDirectory={folder}
# {SMTP_USER_ENV} and {SMTP_PASSWORD_ENV}, if needed, in this file (chmod 600):
EnvironmentFile=-%h/.config/rlwcheck/smtp.env
ExecStart={shlex.join(command)}

# ~/.config/systemd/user/rlwcheck-job.timer
[Unit]
Description=Run the rlwcheck job daily

[Timer]
OnCalendar=*-*-* {at:%H:%M}:00
Persistent=true
RandomizedDelaySec=10min

[Install]
WantedBy=timers.target

# Then: systemctl --user daemon-reload && systemctl --user enable --now rlwcheck-job.timer
#       loginctl enable-linger "$USER"   (so it runs when you are not logged in)
#       journalctl --user -u rlwcheck-job  (to read what it did)
"""


def _windows(command: list[str], at: dt.time) -> str:
    task = " ".join(f'\\"{part}\\"' if " " in part else part for part in command)
    return f"""# --- Windows Task Scheduler: in a Command Prompt -----------------------------------
# SMTP credentials, if needed, as user environment variables (once):
setx {SMTP_USER_ENV} "smtp-user"
setx {SMTP_PASSWORD_ENV} "smtp-password"
# The daily task:
schtasks /Create /TN "rlwcheck daily job" /SC DAILY /ST {at:%H:%M} /TR "{task}"
# Check it with: schtasks /Run /TN "rlwcheck daily job"   and   schtasks /Query /TN "rlwcheck daily job"
"""
