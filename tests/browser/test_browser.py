"""The dashboard in a real browser: every page opened by its URL in both languages, and Compare used.

Runs ``streamlit run dashboard/app.py`` on a free localhost port over a copy of the seeds (see
conftest.py) and drives headless Chromium with selenium. A page fails on Streamlit's "Page not found"
or on any exception shown. Screenshots of every page go to a temporary folder (``LEDGER_SCREENSHOTS``
to keep them); ``LEDGER_README_SCREENSHOT=docs/screenshot.png`` refreshes the README's picture.
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.browser.conftest import README_SHOT_ENV, ROOT

pytestmark = pytest.mark.browser
WAIT = 60  # seconds a step may take on a slow machine before the test gives up (not a speed check)
#: url path → its title in (zh, en); the first is the default page.
PAGES = {
    "overview": ("概览", "Overview"),
    "compare": ("城区对比", "Compare"),
    "claims": ("声明明细", "Claims explorer"),
    "report": ("报道原文", "Report view"),
    "checks": ("检查", "Checks"),
    "add_report": ("添加报道", "Add a report"),
}


def wait_for(driver, css: str, *, count: int = 1):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, WAIT).until(
        lambda d: (found := d.find_elements(By.CSS_SELECTOR, css)) and len(found) >= count and found
    )


def wait_text(driver, text: str) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, WAIT).until(lambda d: text in d.find_element("tag name", "body").text)


def settle(driver) -> None:
    """Wait until Streamlit has finished running the script (no status widget saying "running")."""
    import time

    from selenium.webdriver.support.ui import WebDriverWait

    time.sleep(0.5)
    WebDriverWait(driver, WAIT).until(lambda d: not d.find_elements(
        "css selector", '[data-testid="stStatusWidget"] [data-testid="stStatusWidgetRunningIcon"]'))


def healthy(driver, what: str) -> str:
    """The page's text, after checking it shows no "Page not found" and no exception."""
    from selenium.webdriver.common.by import By

    body = driver.find_element(By.TAG_NAME, "body").text
    assert "Page not found" not in body and "页面未找到" not in body, f"{what}: Streamlit's Page not found"
    errors = driver.find_elements(By.CSS_SELECTOR, '[data-testid="stException"], [data-testid="stAlertContentError"]')
    errors = [e.text for e in errors if "Traceback" in e.text or "Error" in e.text]
    assert not errors, f"{what}: {errors}"
    return body


def test_every_page_by_its_url_in_both_languages(fresh_server, browser, screenshots):
    """A fresh server, each page's URL typed in as a first visit, in Chinese and in English."""
    from selenium.webdriver.common.by import By

    for lang in ("zh", "en"):
        for path, titles in PAGES.items():
            title = titles[0 if lang == "zh" else 1]
            browser.get(f"{fresh_server}/{path}?lang={lang}")
            wait_for(browser, "h1")
            wait_text(browser, title)
            settle(browser)
            if path in ("overview", "compare"):
                wait_for(browser, ".js-plotly-plot svg.main-svg")
            if path == "report":
                wait_for(browser, "mark")
            settle(browser)
            body = healthy(browser, f"/{path}?lang={lang}")
            heading = browser.find_elements(By.CSS_SELECTOR, "h1")[0].text
            assert title in heading, (path, lang, heading)
            assert f"lang={lang}" in browser.current_url, browser.current_url
            if lang == "en":
                nav = " ".join(a.text for a in browser.find_elements(By.CSS_SELECTOR, '[data-testid="stSidebarNav"] a'))
                assert "Overview" in nav and "Compare" in nav and "概览" not in nav
            assert "Deploy" not in body, "the Deploy button is hidden"
            browser.execute_script("window.scrollTo(0, 0)")
            browser.save_screenshot(str(screenshots / f"{path}-{lang}.png"))


def test_compare_page_in_a_real_browser(ledger_server, browser, screenshots):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(ledger_server)
    wait_text(browser, "概览")
    wait_for(browser, '[data-testid="stSidebarNav"] a')
    wait_for(browser, ".js-plotly-plot svg.main-svg")  # the overview's district × category matrix

    link = next(a for a in browser.find_elements(By.CSS_SELECTOR, '[data-testid="stSidebarNav"] a')
                if "城区对比" in a.text)
    link.click()
    wait_text(browser, "规范指标")
    body = healthy(browser, "compare")
    if "没有可比的规范指标" in body:
        pytest.fail("the seed table has no claim with a canonical metric, so Compare has nothing to plot")

    select = wait_for(browser, '[data-testid="stSelectbox"]')[0]
    select.click()
    options = wait_for(browser, '[role="option"]')
    choice = options[1] if len(options) > 1 else options[0]
    key = re.search(r"([A-Za-z0-9_]+) \([\d,]+\)$", choice.text).group(1)
    choice.click()
    settle(browser)
    WebDriverWait(browser, WAIT).until(lambda d: f"metric={key}" in d.current_url)  # the view is a link
    wait_text(browser, "原句")

    chart = wait_for(browser, '[data-testid="stPlotlyChart"] .js-plotly-plot svg.main-svg')[0]
    marks = browser.find_elements(By.CSS_SELECTOR, '[data-testid="stPlotlyChart"] g.point path')
    assert chart.is_displayed() and marks, "the chart has its bars"
    legend = " ".join(e.text for e in browser.find_elements(By.CSS_SELECTOR, '[data-testid="stPlotlyChart"] .legendtext'))
    assert "区" in legend, "district names (Chinese) in the legend"

    fonts = browser.execute_script(
        "return document.fonts.ready.then(() => document.fonts.check('16px \"Noto Sans CJK SC\"', '城区对比'))")
    assert fonts, "a CJK font is available to the page"
    widths = browser.execute_script("""
        const probe = (font) => { const s = document.createElement('span'); s.style.font = '32px ' + font;
          s.textContent = '城区对比'; document.body.appendChild(s); const w = s.getBoundingClientRect().width;
          s.remove(); return w; };
        return [probe('"Noto Sans CJK SC"'), probe('monospace')];""")
    assert widths[0] > 100, f"Chinese glyphs have width (rendered, not blank boxes): {widths}"

    browser.execute_script("window.scrollTo(0, 0)")
    browser.save_screenshot(str(screenshots / "compare-picked.png"))

    source = next(a for a in wait_for(browser, '[data-testid="stPageLink"] a') if "doc=" in (a.get_attribute("href") or ""))
    source.click()
    wait_for(browser, "mark")
    wait_text(browser, "报道原文")
    assert "doc=" in browser.current_url and "lang=zh" in browser.current_url
    healthy(browser, "report from compare")
    browser.save_screenshot(str(screenshots / "report-from-compare.png"))


def test_a_comparison_per_resident_is_a_link_and_a_table(ledger_server, browser, screenshots):
    """The newcomer's question: per 10,000 residents, one year, as a table with its sentences."""
    from selenium.webdriver.common.by import By

    browser.get(f"{ledger_server}/compare?metric=service_centers_over_1000sqm&per=capita&view=table&lang=en")
    wait_text(browser, "Per 10,000 residents")
    settle(browser)
    wait_for(browser, '[data-testid="stDataFrame"]')
    body = healthy(browser, "compare per capita")
    assert "Resident population (the denominator) and its source" in body
    assert "Download CSV" in body and "Download Excel" in body
    assert all(part in browser.current_url for part in ("per=capita", "view=table", "metric=service_centers_over_1000sqm"))
    browser.execute_script("window.scrollTo(0, 0)")
    browser.save_screenshot(str(screenshots / "compare-per-capita-en.png"))
    shot = os.environ.get(README_SHOT_ENV)
    if shot:
        browser.get(f"{ledger_server}/compare?metric=service_centers_over_1000sqm&lang=zh")
        wait_for(browser, ".js-plotly-plot svg.main-svg")
        settle(browser)
        browser.execute_script("window.scrollTo(0, 0)")
        target = Path(shot) if Path(shot).is_absolute() else ROOT / shot
        browser.save_screenshot(str(target))
    assert browser.find_elements(By.CSS_SELECTOR, "h1")


def test_a_filtered_view_is_a_link_even_as_first_visit(fresh_server, browser, screenshots):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(f"{fresh_server}/claims?district=中原区&lang=en")
    wait_text(browser, "Claims explorer")
    settle(browser)
    wait_text(browser, " of ")
    body = healthy(browser, "claims first visit")
    assert "Filters" in body and "Language" in body, "app.py ran: sidebar with its filters and language switch"
    WebDriverWait(browser, WAIT).until(  # the district from the URL is chosen
        lambda d: "Zhongyuan" in " ".join(e.text for e in d.find_elements(By.CSS_SELECTOR, '[data-testid="stMultiSelect"]')))
    wait_text(browser, " of ")
    body = browser.find_element(By.TAG_NAME, "body").text
    shown, total = re.search(r"([\d,]+) of ([\d,]+) claims", body).groups()
    assert int(shown.replace(",", "")) < int(total.replace(",", ""))
    browser.save_screenshot(str(screenshots / "explorer-filtered-en.png"))
