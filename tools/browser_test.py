#!/usr/bin/python3
"""Drives camgap's HTML report in a real browser: headless Chromium through Selenium
(Debian's chromium, chromium-driver and python3-selenium).

    tools/browser_test.py --camgap BIN [--bundle DIR] [--plan-budget N] [--docs DIR]
                          [--name PREFIX] [--report FILE] [--max-bytes N] [--max-paint S]

Writes the report of BUNDLE (default geodata/pinghu), opens it and checks, as a planner
would use it: the map paints; clicking the first row of the gaps table flies the map to
that gap (its centroid inside the new bounds, at a higher zoom); switching the gaps layer
off removes its shapes and switching it on brings them back; a hostile name stays text;
the browser logged no error; printing gives one atlas page per zone below target. With
--docs, saves the screenshots the README shows (overview, zoomed gap, one atlas page as
PDF then PNG through pdftoppm). Prints one line of figures (bytes, first paint) and exits
non-zero on the first failed check.
"""

import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from PIL import Image
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By


def fail(msg):
    print("browser_test: FAIL: " + msg, flush=True)
    sys.exit(1)


def check(cond, msg):
    if not cond:
        fail(msg)
    print("browser_test: ok: " + msg, flush=True)


def run(cmd):
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        fail("%s exited %d: %s" % (" ".join(cmd), r.returncode, r.stderr.strip()))
    return r.stdout


def browser(profile, width, height):
    opts = webdriver.ChromeOptions()
    for name in ("/usr/lib/chromium/chromium", "/usr/bin/chromium"):
        if os.path.exists(name):
            opts.binary_location = name
            break
    # CI runs as root, where Chromium's sandbox cannot start.
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--hide-scrollbars", "--force-device-scale-factor=1", "--user-data-dir=" + profile,
              "--window-size=%d,%d" % (width, height), "--lang=zh-CN"):
        opts.add_argument(a)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(service=service, options=opts)


def wait(driver, script, timeout=20, what="condition"):
    end = time.time() + timeout
    while time.time() < end:
        v = driver.execute_script(script)
        if v:
            return v
        time.sleep(0.1)
    fail("timed out waiting for " + what)


def settle(driver):
    """Waits until the map has stopped moving (a fly-to takes under a second)."""
    time.sleep(0.2)
    wait(driver, "return window.camgap && !window.camgap.moving", what="the map to stop")
    time.sleep(0.3)


def console_errors(driver):
    return [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


def not_blank(path, what):
    img = Image.open(path).convert("RGB")
    colours = img.getcolors(maxcolors=1 << 20)
    n = len(colours) if colours is not None else 1 << 20
    check(n > 50, "%s is a picture (%d colours)" % (what, n))
    return img


def reddish(img):
    """Pixels of the gap fill (#e34a33 at 45 % over the map)."""
    small = img.resize((img.width // 4, img.height // 4))
    return sum(1 for r, g, b in small.getdata() if r > 180 and g < 160 and b < 140 and r - g > 60)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--camgap", required=True)
    ap.add_argument("--bundle", default="geodata/pinghu")
    ap.add_argument("--plan-budget", type=int, default=0)
    ap.add_argument("--docs")
    ap.add_argument("--name", default="pinghu")
    ap.add_argument("--report", help="an already written report to open instead")
    ap.add_argument("--max-bytes", type=int, default=15_000_000)
    ap.add_argument("--max-paint", type=float, default=3.0)
    ap.add_argument("--hostile", action="store_true", help="also check a bundle with markup in its names")
    a = ap.parse_args()

    work = tempfile.mkdtemp(prefix="camgap-browser-")
    try:
        report = a.report or os.path.join(work, "report.html")
        if not a.report:
            cmd = [a.camgap, "audit", a.bundle, "--format", "html", "--out", report]
            if a.plan_budget > 0:
                plan = os.path.join(work, "plan.geojson")
                run([a.camgap, "plan", a.bundle, "--budget", str(a.plan_budget), "--format", "geojson",
                     "--out", plan])
                cmd += ["--plan", plan]
            t0 = time.time()
            run(cmd)
            print("browser_test: report written in %.1f s" % (time.time() - t0), flush=True)
        size = os.path.getsize(report)
        check(size <= a.max_bytes, "report is %d bytes (at most %d)" % (size, a.max_bytes))

        driver = browser(os.path.join(work, "profile"), 1400, 1000)
        try:
            figures = exercise(driver, report, a, work)
        finally:
            driver.quit()
        if a.hostile:
            hostile(a, work)
        figures["bytes"] = size
        print("browser_test: figures " + json.dumps(figures, sort_keys=True), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def exercise(driver, report, a, work):
    driver.get("file://" + os.path.abspath(report))
    painted = wait(driver, "return window.camgap && window.camgap.painted", 30, "the first paint")
    fcp = driver.execute_script(
        "var e = performance.getEntriesByName('first-contentful-paint'); return e.length ? e[0].startTime : null")
    paint = painted / 1000
    check(paint <= a.max_paint, "map painted %.2f s after navigation (at most %.1f s)" % (paint, a.max_paint))
    errors = console_errors(driver)
    check(not errors, "no console error on load %s" % errors)
    if a.docs:
        settle(driver)
        shot = os.path.join(a.docs, a.name + "-overview.png")
        driver.save_screenshot(shot)
        not_blank(shot, shot)

    # The first gap row flies the map to that gap.
    gaps = driver.execute_script("return JSON.parse(document.getElementById('camgap-data').textContent).gaps")
    zoom0 = driver.execute_script("return window.camgap.map.getZoom()")
    rows = driver.find_elements(By.CSS_SELECTOR, "tr[data-gap]")
    check(len(rows) > 0 and len(gaps["features"]) > 0, "%d gap rows" % len(rows))
    row = rows[0]
    index = int(row.get_attribute("data-gap"))
    lon, lat = gaps["features"][index]["properties"]["c"]
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", row)
    row.click()
    wait(driver, "return window.camgap.map.getZoom() > %f" % zoom0, 10, "the map to zoom in")
    settle(driver)
    zoom1 = driver.execute_script("return window.camgap.map.getZoom()")
    inside = driver.execute_script(
        "return window.camgap.map.getBounds().contains(L.latLng(arguments[0], arguments[1]))", lat, lon)
    check(inside and zoom1 > zoom0,
          "gap %d centroid (%.6f, %.6f) in view at zoom %.2f (was %.2f)" % (index, lon, lat, zoom1, zoom0))
    check("current" in row.get_attribute("class"), "the clicked row is marked")
    mapbox = driver.find_element(By.ID, "map")
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", mapbox)
    time.sleep(0.3)
    zoomed = os.path.join(a.docs or work, a.name + "-gap.png")
    driver.save_screenshot(zoomed)
    before = reddish(not_blank(zoomed, "zoomed screenshot"))
    check(before > 0, "the gap's fill is on screen (%d reddish samples)" % before)

    # A layer switched off is gone from the map and the page; on again, it is back.
    box = driver.find_element(By.CSS_SELECTOR, "input[data-layer='gaps']")
    shapes = driver.execute_script("return document.querySelectorAll('path.cg-gap').length")
    check(shapes > 0, "%d gap shapes drawn" % shapes)
    box.click()
    time.sleep(0.3)
    state = driver.execute_script(
        "return [window.camgap.map.hasLayer(window.camgap.groups.gaps),"
        " document.querySelectorAll('path.cg-gap').length]")
    check(state == [False, 0], "gaps layer off: on map %s, %d shapes" % (state[0], state[1]))
    hidden = os.path.join(work, "hidden.png")
    driver.save_screenshot(hidden)
    after = reddish(Image.open(hidden).convert("RGB"))
    check(after < before, "fewer gap-red pixels with the layer off (%d < %d)" % (after, before))
    box.click()
    time.sleep(0.3)
    check(driver.execute_script("return window.camgap.map.hasLayer(window.camgap.groups.gaps)"),
          "gaps layer on again")

    # Hover: a tooltip with the figures.
    driver.execute_script("window.camgap.showTip('gaps', arguments[0])", index)
    tip = driver.execute_script("var t = document.querySelector('.leaflet-tooltip'); return t && t.textContent")
    check(tip and "gap area" in tip, "tooltip reads %r" % tip)

    errors = console_errors(driver)
    check(not errors, "no console error after use %s" % errors)
    pages = atlas(driver, a, work)
    return {"first_paint_s": round(paint, 3), "fcp_ms": fcp, "atlas_pages": pages,
            "zoom": [zoom0, zoom1]}


def atlas(driver, a, work):
    """Prints the page as Chromium's print-to-PDF does and checks the atlas is in it."""
    expected = driver.execute_script("return document.querySelectorAll('.atlas-page').length")
    pdf = base64.b64decode(driver.execute_cdp_cmd(
        "Page.printToPDF", {"printBackground": True, "preferCSSPageSize": True})["data"])
    path = os.path.join(work, "report.pdf")
    with open(path, "wb") as f:
        f.write(pdf)
    info = run(["pdfinfo", path])
    pages = int([l for l in info.splitlines() if l.startswith("Pages:")][0].split()[1])
    check(expected == 0 or pages >= expected + 1,
          "PDF has %d pages for %d atlas pages and the summary" % (pages, expected))
    if a.docs and expected > 0:
        # The first zone with planned cameras, if any: each zone is one page after the summary.
        first = driver.execute_script(
            "var p = Array.prototype.slice.call(document.querySelectorAll('.atlas-page'));"
            " return Math.max(0, p.findIndex(function (a) { return +a.dataset.planned > 0; }))")
        page = str(first + 2)
        prefix = os.path.join(work, "atlas")
        run(["pdftoppm", "-png", "-r", "90", "-f", page, "-l", page, path, prefix])
        made = sorted(p for p in os.listdir(work) if p.startswith("atlas") and p.endswith(".png"))
        check(len(made) == 1, "pdftoppm wrote the first atlas page")
        out = os.path.join(a.docs, a.name + "-atlas.png")
        shutil.move(os.path.join(work, made[0]), out)
        not_blank(out, out)
    return expected


def hostile(a, work):
    """Markup in a zone's and a district's name, and a name that would end the data script,
    must stay text: nothing runs, the page still works and the tooltip shows the characters."""
    bundle = os.path.join(work, "hostile")
    tiny = os.path.join(os.path.dirname(os.path.abspath(a.bundle)), "tiny")
    shutil.copytree(tiny, bundle)
    evil = "</script><script>window.pwned=1</script><img src=x onerror=window.pwned=2>"
    for name, old in (("zones.geojson", "停车场"), ("districts.geojson", "试验街道")):
        p = os.path.join(bundle, name)
        with open(p, encoding="utf-8") as f:
            text = f.read()
        with open(p, "w", encoding="utf-8") as f:
            f.write(text.replace('"%s"' % old, json.dumps(evil)))
    report = os.path.join(work, "hostile.html")
    run([a.camgap, "audit", bundle, "--format", "html", "--out", report])
    driver = browser(os.path.join(work, "profile-hostile"), 1200, 900)
    try:
        driver.get("file://" + report)
        wait(driver, "return window.camgap && window.camgap.painted", 30, "the hostile report to paint")
        driver.execute_script("window.camgap.showTip('zones', 0)")
        time.sleep(0.3)
        pwned = driver.execute_script("return window.pwned === undefined ? null : window.pwned")
        check(pwned is None, "no script from a name ran")
        tip = driver.execute_script("return document.querySelector('.leaflet-tooltip').textContent")
        check("</script><script>" in tip, "the zone's name shows as text in its tooltip")
        label = driver.execute_script("return document.querySelector('.cg-label span').textContent")
        check(label == evil, "the district label is the name's text")
        errors = console_errors(driver)
        check(not errors, "no console error in the hostile report %s" % errors)
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
