"""`make run` starts the background worker beside the web server and stops both.

The Makefile's `run` recipe is run for real, with a stand-in for `.venv/bin/python` (BIN=…)
whose `manage.py run_worker` and `manage.py runserver` only wait and note their process id,
and without the demo set-up it depends on (`-o demo`). No database, under a second each.
"""

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs GNU make")

FAKE_PYTHON = """#!/bin/sh
# Stands in for .venv/bin/python: "$1" is manage.py, "$2" the command.
echo $$ > "$FAKE_DIR/$2.pid"
if [ "$2" = runserver ] && [ -n "$SERVER_STOPS" ]; then sleep 0.3; exit 1; fi
exec sleep 120
"""


def alive(pid):
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def wait_until(condition, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def make_run(tmp_path):
    """Start `make run` as a terminal would (its own process group, Ctrl-C not ignored)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python").write_text(FAKE_PYTHON)
    (bin_dir / "python").chmod(0o755)
    started = []

    def start(**env):
        process = subprocess.Popen(
            ["make", "--no-print-directory", "-o", "demo", "run", f"BIN={bin_dir}"],
            cwd=settings.BASE_DIR,
            env={**os.environ, "FAKE_DIR": str(tmp_path), **env},
            start_new_session=True,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        started.append(process)
        pid_files = [tmp_path / "run_worker.pid", tmp_path / "runserver.pid"]
        assert wait_until(lambda: all(f.exists() and f.read_text().strip() for f in pid_files))
        worker, server = (int(f.read_text()) for f in pid_files)
        return process, worker, server

    yield start
    for process in started:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    for name in ("run_worker", "runserver"):
        pid_file = tmp_path / f"{name}.pid"
        if pid_file.exists() and alive(pid := int(pid_file.read_text())):
            os.kill(pid, signal.SIGKILL)


def test_ctrl_c_stops_the_web_server_and_the_worker(make_run):
    process, worker, server = make_run()
    assert alive(worker) and alive(server)
    time.sleep(0.2)  # both are waiting, as a running site does
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C sends: the whole foreground group
    process.wait(timeout=10)
    assert wait_until(lambda: not alive(worker) and not alive(server), 5)


def test_sigterm_to_make_alone_stops_both(make_run):
    """A supervisor (or `kill <pid of make>`) sends SIGTERM to make only; make passes it on."""
    process, worker, server = make_run()
    time.sleep(0.2)
    process.terminate()
    process.wait(timeout=10)
    assert wait_until(lambda: not alive(worker) and not alive(server), 5)


def test_the_worker_stops_when_the_web_server_stops_on_its_own(make_run):
    process, worker, server = make_run(SERVER_STOPS="1")
    process.wait(timeout=10)
    assert wait_until(lambda: not alive(worker), 5)
