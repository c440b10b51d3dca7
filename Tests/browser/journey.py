#!/usr/bin/env python3
"""The workflow journey in a real headless Chromium (Selenium + Debian's chromedriver) against the
real `imdms serve` binary on a fresh SQLite data folder:

1. a producer logs in; malformed files (truncated workbook, zip bomb, .xls, ragged CSV) are each
   explained on the page and the server keeps answering; the Home Affairs workbook is uploaded,
   an unknown border post confirmed, the upload submitted;
2. the data manager returns it with a comment; the producer sees the comment and resubmits;
3. the data manager approves and publishes with a release time a little ahead;
4. the public sees nothing before the release time and the figures after it;
5. every page type is looked at as a person sees it: a screenshot of each (in the journey's work
   folder, removed when every step held, or `IMDMS_JOURNEY_SHOTS`) and computed styles asserted — the site's stylesheet on the
   catalogue, table builder, intake preview and submission pages, the report's own inline
   stylesheet (allowed by its hash in the CSP) on the bulletin and the scorecard; uploads are sent
   by the site's script with a progress bar;
6. a producer types a month into the data-entry form (keyboard: Tab to the next cell), submits it
   from the preview, the data manager approves and publishes it, the public table shows it;
7. the switch on the page turns it to Sesotho: the frame, catalogue, table builder, form,
   submissions, upload form, a submission, bulletin (with its narrative) and scorecard
   screenshot again in Sesotho, styles asserted.

Usage: journey.py IMDMS_BINARY   (exit 0 when every step held)
"""
import datetime
import io
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile
from zoneinfo import ZoneInfo

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException


def replaced(error):
    """Whether `error` means the element's page is being replaced: a stale reference, or what
    Chromium sometimes answers instead, "Node with given id does not belong to the document"
    (Selenium's own conditions let that through as an error)."""
    return isinstance(error, StaleElementReferenceException) or "does not belong to the document" in str(error)

def gone(element):
    """Waits for `element` to leave the document, as Selenium's `staleness_of`, also when Chromium
    answers that it does not belong to the document."""
    def check(_):
        try:
            element.is_enabled()
            return False
        except WebDriverException as error:
            if replaced(error):
                return True
            raise
    return check

def shows(locator, text):
    """Waits for the element at `locator` to show `text`, as Selenium's `text_to_be_present_in_element`,
    also while the page is being replaced."""
    def check(driver):
        try:
            return text in driver.find_element(*locator).text
        except WebDriverException as error:
            if replaced(error):
                return False
            raise
    return check

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.join(HERE, "..", "IMDMSTestSupport", "Resources", "samples")
ZONE = "Africa/Maseru"
PASSWORDS = {"thabo": "maloti-river-7-bridge", "palesa": "senqu-valley-42-dam"}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def malformed_files(folder):
    """The intake issue's malformed inputs, written to files the browser can upload."""
    sample = open(os.path.join(SAMPLES, "police-tip-victims-2022.xlsx"), "rb").read()
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", '<worksheet><sheetData>' + "<row/>" * 3_000_000 + "</sheetData></worksheet>")
    files = {
        "truncated.xlsx": (sample[: len(sample) // 2], "incomplete or damaged"),
        "bomb.xlsx": (bomb.getvalue(), "zip bomb"),
        "old.xls": (bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + bytes(512), "Excel 97–2003"),
        "ragged.csv": (b"Year;Quarter;Country;Industry;Sex;No\n2022;Q1;RSA;Mining;M;5;extra\n", "fields where the header has"),
    }
    paths = {}
    for name, (data, message) in files.items():
        path = os.path.join(folder, name)
        with open(path, "wb") as f:
            f.write(data)
        paths[path] = message
    return paths


class Journey:
    def __init__(self, binary):
        self.binary = binary
        self.work = tempfile.mkdtemp(prefix="imdms-journey-")
        self.data = os.path.join(self.work, "data")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = dict(os.environ, IMDMS_TIMEZONE=ZONE)
        self.server = None
        self.browser = None

    def step(self, text):
        print(f"-- {text}", flush=True)

    def start(self):
        for user, role, org in [("thabo", "producer", "MOHA"), ("palesa", "data_manager", "BOS")]:
            subprocess.run([self.binary, "user", "add", user, "--role", role, "--org", org, "--data", self.data],
                           env=dict(self.env, IMDMS_NEW_PASSWORD=PASSWORDS[user]), check=True, stdout=subprocess.DEVNULL)
        self.log = open(os.path.join(self.work, "serve.log"), "w")
        self.server = subprocess.Popen([self.binary, "serve", "--data", self.data, "--port", str(self.port)],
                                       env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                raise SystemExit("imdms serve exited: " + open(self.log.name).read())
            try:
                if urllib.request.urlopen(self.base + "/healthz", timeout=2).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.5)  # waiting for the server to listen, not timing anything
        else:
            raise SystemExit("imdms serve did not answer /healthz")
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for arg in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,2000"]:
            options.add_argument(arg)
        self.browser = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        self.wait = WebDriverWait(self.browser, 60)

    def stop(self):
        if self.browser:
            self.browser.quit()
        if self.server:
            self.server.terminate()
            self.server.wait(timeout=30)

    # Helpers -----------------------------------------------------------------------------------
    def open(self, path):
        self.browser.get(self.base + path)

    def text(self):
        return self.browser.find_element(By.TAG_NAME, "body").text

    def expect(self, condition, message):
        if not condition:
            raise AssertionError(message + f"\n(page {self.browser.current_url}):\n" + self.text()[:3000])

    def styled(self, name, selector, prop, expected):
        """Screenshots the page as `name`.png and asserts that `selector`'s computed `prop` is `expected`."""
        shots = os.environ.get("IMDMS_JOURNEY_SHOTS", self.work)
        os.makedirs(shots, exist_ok=True)
        self.browser.save_screenshot(os.path.join(shots, name + ".png"))
        actual = self.browser.execute_script(
            "const e = document.querySelector(arguments[0]); return e ? getComputedStyle(e)[arguments[1]] : null;", selector, prop)
        self.expect(actual == expected, f"{name}: {selector} {prop} is {actual!r}, not {expected!r} (the stylesheet was not applied)")

    def report_styled(self, name):
        """The report stylesheet is inline: its rules show in the page's computed styles."""
        self.styled(name, "body", "maxWidth", "960px")
        self.styled(name, "h2", "borderBottomColor", "rgb(0, 114, 178)")

    def login(self, user):
        self.open("/login")
        self.browser.find_element(By.NAME, "username").send_keys(user)
        self.browser.find_element(By.NAME, "password").send_keys(PASSWORDS[user])
        self.browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        self.wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".who")))

    def logout(self):
        self.browser.find_element(By.CSS_SELECTOR, "form.logout button").click()
        self.wait.until(EC.presence_of_element_located((By.LINK_TEXT, "Log in")))

    def upload(self, path):
        self.open("/intake")
        self.browser.execute_script("sessionStorage.removeItem('imdms-upload-progress')")
        Select(self.browser.find_element(By.NAME, "dataset")).select_by_value("BORDER_CROSSINGS")
        self.browser.find_element(By.NAME, "file").send_keys(os.path.abspath(path))
        self.browser.find_element(By.CSS_SELECTOR, "form.upload button[type=submit]").click()
        self.wait.until(EC.presence_of_element_located((By.ID, "summary")))

    def healthy(self):
        return urllib.request.urlopen(self.base + "/healthz", timeout=10).read() == b"ok"

    def public_table(self):
        """The row labels of the public table of border crossings by post and direction."""
        self.browser.delete_all_cookies()
        self.open("/datasets/BORDER_CROSSINGS?rows=BORDER_POST&cols=DIRECTION")
        return [cell.text for cell in self.browser.find_elements(By.CSS_SELECTOR, "th[scope=row]")]

    # The journey -------------------------------------------------------------------------------
    def run(self):
        self.step("a producer logs in")
        self.open("/")
        self.styled("catalogue", "header.site", "backgroundColor", "rgb(0, 85, 140)")
        self.login("thabo")

        self.step("malformed files are explained and the server keeps answering")
        for path, message in malformed_files(self.work).items():
            self.upload(path)
            self.expect(message in self.text(), f"{os.path.basename(path)} should be explained with ‘{message}’")
            self.expect(not self.browser.find_elements(By.ID, "submit"), f"{os.path.basename(path)} must not be submittable")
            self.expect(self.healthy(), "the server stopped answering")

        self.step("the Home Affairs workbook is uploaded, an unknown post confirmed, the upload submitted")
        self.upload(os.path.join(SAMPLES, "moha-border-crossings-2022-11-12.xlsx"))
        self.expect("Ficksburg Bridge (Maputsoe)" in self.text(), "the unknown border post is shown")
        while buttons := self.browser.find_elements(By.CSS_SELECTOR, "form.alias button"):
            buttons[0].click()  # accept the preselected suggestion
            # The old page must be gone before the next look: its #summary would satisfy the wait.
            self.wait.until(gone(buttons[0]))
            self.wait.until(EC.presence_of_element_located((By.ID, "summary")))
        self.expect("192 observations would be stored" in self.text(), "the preview counts 192 observations")
        self.styled("intake-preview", "header.site", "backgroundColor", "rgb(0, 85, 140)")
        progress = self.browser.execute_script("return sessionStorage.getItem('imdms-upload-progress')")
        self.expect(progress == "100", f"the upload was sent with a progress bar that reached 100%, not {progress}")
        self.browser.find_element(By.ID, "submit").click()
        link = self.wait.until(EC.presence_of_element_located((By.ID, "submission-link")))
        self.expect("Stored 192 observations" in self.text(), "the upload is stored")
        submission = link.get_attribute("href").split("/submissions/")[1]
        self.submission = submission
        self.logout()

        self.step("the data manager sees it waiting and returns it with a comment")
        self.login("palesa")
        self.expect(submission in self.browser.find_element(By.ID, "attention").get_attribute("innerHTML"), "the submission is waiting on the home page")
        self.open(f"/submissions/{submission}")
        self.styled("submission", "header.site", "backgroundColor", "rgb(0, 85, 140)")
        self.browser.find_element(By.ID, "return-comment").send_keys("Please check the Maseru Bridge departures for December.")
        self.browser.find_element(By.ID, "action-return").click()
        self.wait.until(shows((By.ID, "status"), "returned"))
        self.logout()

        self.step("the producer reads the comment and resubmits")
        self.login("thabo")
        self.expect(submission in self.browser.find_element(By.ID, "attention").get_attribute("innerHTML"), "the returned submission is on the producer's home page")
        self.open(f"/submissions/{submission}")
        self.expect("Please check the Maseru Bridge departures for December." in self.browser.find_element(By.ID, "review-comment").text, "the comment is shown")
        self.browser.find_element(By.ID, "action-resubmit").click()
        self.wait.until(shows((By.ID, "status"), "submitted"))
        self.logout()

        self.step("the data manager approves and publishes with a release time")
        self.login("palesa")
        self.open(f"/submissions/{submission}")
        self.browser.find_element(By.ID, "action-approve").click()
        self.wait.until(shows((By.ID, "status"), "approved"))
        release = (datetime.datetime.now(ZoneInfo(ZONE)) + datetime.timedelta(seconds=40)).replace(microsecond=0)
        self.browser.find_element(By.ID, "release-time").send_keys(release.strftime("%Y-%m-%d %H:%M:%S"))
        self.browser.find_element(By.ID, "action-publish").click()
        self.wait.until(shows((By.ID, "status"), "published"))
        self.logout()

        self.step("the public sees nothing before the release time")
        before = self.public_table()
        checked_at = datetime.datetime.now(ZoneInfo(ZONE))
        self.expect(checked_at < release, "the check before the release came too late to mean anything")
        self.expect(before == [] and "No observations match" in self.text(), "nothing is public before the release")

        self.step("and the figures after it")
        deadline = time.monotonic() + 120
        while datetime.datetime.now(ZoneInfo(ZONE)) <= release and time.monotonic() < deadline:
            time.sleep(1)  # waiting for the embargo's wall-clock time to pass, not timing anything
        after = self.public_table()
        self.expect("Maseru Bridge" in after, "the published figures are public after the release")
        self.styled("table-builder", "table.data", "borderCollapse", "collapse")

        self.step("a producer types a month into the data-entry form, from draft to submitted")
        self.login("thabo")
        self.open("/intake/form?dataset=BORDER_CROSSINGS&period=2023-01")
        self.styled("entry-form", "table.data", "borderCollapse", "collapse")
        first = self.browser.find_element(By.NAME, "v.MSB.ARR.WORLD.F._T._T")
        first.send_keys("1204")
        first.send_keys(Keys.TAB)  # the next cell of the row: Maseru Bridge, arrivals, men
        self.browser.switch_to.active_element.send_keys("1,100")
        self.browser.find_element(By.ID, "entry-check").click()
        self.wait.until(EC.presence_of_element_located((By.ID, "summary")))
        self.expect("2 observations would be stored for 2023-01" in self.text(), "the typed month is previewed like an upload")
        self.browser.find_element(By.ID, "submit").click()
        entered = self.wait.until(EC.presence_of_element_located((By.ID, "submission-link"))).get_attribute("href").split("/submissions/")[1]
        self.logout()

        self.step("the data manager approves and publishes it; the public sees the typed figures")
        self.login("palesa")
        self.open(f"/submissions/{entered}")
        self.browser.find_element(By.ID, "action-approve").click()
        self.wait.until(shows((By.ID, "status"), "approved"))
        self.browser.find_element(By.ID, "action-publish").click()
        self.wait.until(shows((By.ID, "status"), "published"))
        self.logout()
        self.browser.delete_all_cookies()
        self.open("/datasets/BORDER_CROSSINGS?rows=BORDER_POST&cols=DIRECTION&start=2023-01&end=2023-01")
        row = [r.text for r in self.browser.find_elements(By.CSS_SELECTOR, "tr") if r.text.startswith("Maseru Bridge")]
        self.expect(row and "2,304" in row[0], f"the published month shows 1,204 + 1,100 arrivals at Maseru Bridge: {row}")

        self.step("the bulletin looks as designed in the browser, under the site's CSP")
        self.open("/reports/quarterly-bulletin?period=2022-Q4")
        self.expect("Border crossings" in self.text(), "the bulletin shows its border section")
        self.report_styled("bulletin")

        self.step("the data manager answers a governance assessment in the form, with an evidence file")
        self.login("palesa")
        self.open("/governance")
        self.browser.find_element(By.CSS_SELECTOR, "#new-assessment input[name=year]").send_keys("2022")
        self.browser.find_element(By.CSS_SELECTOR, "#new-assessment button").click()
        self.wait.until(EC.presence_of_element_located((By.ID, "answers")))
        for select in self.browser.find_elements(By.CSS_SELECTOR, "#answers select"):
            Select(select).select_by_index(2)  # "—", then yes/absent, then no/partial
        self.browser.find_element(By.NAME, "evidence[MGI-2.1.2]").send_keys("National Migration and Development Policy")
        self.browser.find_element(By.NAME, "file[MGI-2.1.2]").send_keys(os.path.abspath(os.path.join(SAMPLES, "mole-labour-migrants-2022.csv")))
        self.browser.find_element(By.CSS_SELECTOR, "#answers button[type=submit]").click()
        self.wait.until(EC.presence_of_element_located((By.ID, "saved")))
        # Partial scores 0.5, no 0: domains 25, 30 (MGI-2.1.1 weighs 2), 25, 25, 25, 25 → overall 25.8%.
        self.expect("24 answer(s) saved." in self.text() and "Overall score: 25.8%" in self.text(), "the assessment is saved and scored")
        self.expect("mole-labour-migrants-2022.csv" in self.text(), "the evidence file is listed with its answer")
        self.open("/reports/mgi-scorecard")
        self.report_styled("scorecard")

        self.step("the same pages in Sesotho, chosen with the switch on the page")
        self.open("/")
        self.browser.find_element(By.ID, "language-st").click()
        self.wait.until(lambda browser: browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "st")
        pages = [("catalogue", "/", "header.site"), ("table-builder", "/datasets/BORDER_CROSSINGS?rows=SEX&cols=DIRECTION&start=2022-11&end=2022-12", "header.site"),
                 ("entry-form", "/intake/form?dataset=BORDER_CROSSINGS&period=2023-02", "header.site"), ("submissions", "/submissions", "header.site"),
                 ("intake", "/intake", "header.site"), ("submission", f"/submissions/{self.submission}", "header.site"),
                 ("governance", "/governance", "header.site"), ("audit", "/audit", "header.site"), ("releases", "/releases", "header.site")]
        for name, path, selector in pages:
            self.open(path)
            self.expect(self.browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "st", f"{name} in Sesotho")
            self.expect("Litlaleho" in self.browser.find_element(By.CSS_SELECTOR, "header.site").text, f"{name}: the navigation in Sesotho")
            self.styled(name + "-st", selector, "backgroundColor", "rgb(0, 85, 140)")
        self.open("/datasets/BORDER_CROSSINGS?rows=SEX&cols=DIRECTION&start=2022-11&end=2022-12")
        self.expect("Ho tšela meeli" in self.text() and "Ho fihla" in self.text(), "dataset and code names in Sesotho")
        self.open(f"/submissions/{self.submission}")
        self.expect("Nalane" in self.text() and "Boemo:" in self.text(), "a submission's page in Sesotho")
        # The preview of an upload (the published months again: a preview with its problems, nothing stored).
        self.upload(os.path.join(SAMPLES, "moha-border-crossings-2022-11-12.xlsx"))
        self.expect("Tsamaiso ea faele" in self.text() and "Leqephe" in self.text(), "the upload preview in Sesotho")
        self.styled("intake-preview-st", "header.site", "backgroundColor", "rgb(0, 85, 140)")
        for name, path in [("bulletin-st", "/reports/quarterly-bulletin?period=2022-Q4"), ("scorecard-st", "/reports/mgi-scorecard")]:
            self.open(path)
            self.report_styled(name)
        self.open("/reports/quarterly-bulletin?period=2022-Q4")
        self.expect("Koranta ea kotara ea lipalo-palo tsa bojaki" in self.text(), "the bulletin's headings in Sesotho")
        self.expect("ho ngolisitsoe ba fihlileng" in self.text(), "the bulletin's narrative in Sesotho")
        print("journey passed", flush=True)


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    journey = Journey(sys.argv[1])
    passed = False
    try:
        journey.start()
        journey.run()
        passed = True
    finally:
        journey.stop()
        # A run that held leaves nothing behind (its data folder is a whole database); one that
        # failed keeps its screenshots and the server's log for whoever looks at it.
        if passed:
            shutil.rmtree(journey.work, ignore_errors=True)
        else:
            print(f"the journey's screenshots and serve.log are in {journey.work}", flush=True)


if __name__ == "__main__":
    main()
