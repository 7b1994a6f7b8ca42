"""Fixtures of the real-browser test: a Streamlit server over a copy of the seeds, and headless Chromium.

Chromium and its driver are the Debian packages ``chromium`` and ``chromium-driver``; fonts come from
``fonts-noto-cjk``. Without a browser the test is skipped, except under CI (``CI`` set), where a
missing browser is a failure.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
#: Where screenshots go: ``LEDGER_SCREENSHOTS`` when set, else a temporary folder of the test run.
SCREENSHOTS_ENV = "LEDGER_SCREENSHOTS"
#: Set to a path (docs/screenshot.png) to refresh the README's screenshot of the Compare page.
README_SHOT_ENV = "LEDGER_README_SCREENSHOT"


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives a real browser against a running server (slow)")


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory) -> Path:
    """The folder screenshots are saved in (``LEDGER_SCREENSHOTS``, else a temporary folder)."""
    wanted = os.environ.get(SCREENSHOTS_ENV)
    folder = Path(wanted) if wanted else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _require_browser() -> None:
    """Skip when there is no Chromium (outside CI); fail on anything else that is missing."""
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is absent (apt-get install chromium chromium-driver fonts-noto-cjk)"
        if _ci():
            pytest.fail(f"CI is set and the browser test cannot run: {reason}")
        pytest.skip(reason)
    if not CHROMEDRIVER.exists():
        pytest.fail(f"{CHROMIUM} is there but {CHROMEDRIVER} is not (apt-get install chromium-driver)")
    try:
        import selenium  # noqa: F401
    except ImportError:
        pytest.fail("selenium is not installed (pip install selenium, or the project's test extra)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(work: Path):
    """Run ``streamlit run dashboard/app.py`` over a copy of the seeds in ``work``; yield its base URL."""
    corpus = work / "corpus"
    shutil.copytree(ROOT / "seeds", corpus)
    for path in [corpus, *corpus.iterdir()]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    env = os.environ | {"LEDGER_CORPUS": str(corpus), "LEDGER_DATA": str(work / "data" / "claims.parquet")}
    port = _free_port()
    log_path = work / "streamlit.log"
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard" / "app.py"),
             "--server.headless", "true", "--server.port", str(port), "--server.address", "127.0.0.1",
             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                        if reply.status == 200:
                            break
                except OSError:
                    pass
                if server.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    pytest.fail("streamlit did not start:\n" + log_path.read_text(errors="replace"))
                time.sleep(0.3)
            yield url
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


@pytest.fixture(scope="session")
def ledger_server(tmp_path_factory):
    """Base URL of a server over a temporary copy of the seed corpus, shared by the tests."""
    _require_browser()
    with serve(tmp_path_factory.mktemp("browser")) as url:
        yield url


@pytest.fixture
def fresh_server(tmp_path):
    """Base URL of a server that has served no page yet (for first visits by a deep link)."""
    _require_browser()
    with serve(tmp_path) as url:
        yield url


@pytest.fixture
def browser():
    """Headless Chromium driven by selenium, with a fresh profile."""
    _require_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="ledger-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1440,1800",
                "--lang=zh-CN"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
