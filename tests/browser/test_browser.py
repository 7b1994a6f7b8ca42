"""The whole dashboard once in a real browser: load, go to Compare, pick a metric, see the chart.

Runs ``streamlit run dashboard/app.py`` on a free localhost port over a copy of the seeds (see
conftest.py) and drives headless Chromium with selenium. Screenshots go to tests/browser/screenshots/.
"""
from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser
WAIT = 60  # seconds a step may take on a slow machine before the test gives up (not a speed check)


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
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, WAIT).until(lambda d: not d.find_elements(
        "css selector", '[data-testid="stStatusWidget"] [data-testid="stStatusWidgetRunningIcon"]'))


def test_compare_page_in_a_real_browser(ledger_server, browser, screenshots):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(ledger_server)
    wait_text(browser, "概览")
    wait_for(browser, '[data-testid="stSidebarNav"] a')
    wait_for(browser, ".js-plotly-plot svg.main-svg")  # the overview's district × category matrix
    browser.save_screenshot(str(screenshots / "overview.png"))

    link = next(a for a in browser.find_elements(By.CSS_SELECTOR, '[data-testid="stSidebarNav"] a')
                if "城区对比" in a.text)
    link.click()
    wait_text(browser, "规范指标")
    body = browser.find_element(By.TAG_NAME, "body").text
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
    browser.save_screenshot(str(screenshots / "compare.png"))

    source = wait_for(browser, '[data-testid="stPageLink"] a')[0]
    source.click()
    wait_for(browser, "mark")
    wait_text(browser, "报道原文")
    assert "doc=" in browser.current_url
    browser.save_screenshot(str(screenshots / "report.png"))


def test_a_filtered_view_is_a_link_even_as_first_visit(fresh_server, browser, screenshots):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(f"{fresh_server}/claims?district=中原区&lang=en")
    wait_text(browser, "Claims explorer")
    settle(browser)
    wait_text(browser, " of ")
    body = browser.find_element(By.TAG_NAME, "body").text
    assert "Filters" in body and "Language" in body, "app.py ran: sidebar with its filters and language switch"
    assert "Page not found" not in body
    WebDriverWait(browser, WAIT).until(  # the district from the URL is chosen
        lambda d: "中原区" in " ".join(e.text for e in d.find_elements(By.CSS_SELECTOR, '[data-testid="stMultiSelect"]')))
    wait_text(browser, " of ")
    body = browser.find_element(By.TAG_NAME, "body").text
    shown, total = re.search(r"([\d,]+) of ([\d,]+) claims", body).groups()
    assert int(shown.replace(",", "")) < int(total.replace(",", ""))
    browser.save_screenshot(str(screenshots / "explorer.png"))
