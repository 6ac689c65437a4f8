"""The web chat in a real browser: Debian's Chromium driven by Playwright (never a downloaded one).

One walk through the page: ask, see the short answer in bold and the quote highlighted (the short
answer marked inside it) in the chat and the sources panel, ask about an article
full of markup and check nothing of it runs, vote, rebuild with a new article, ask again. The
screenshot lands in test-artifacts/ (ignored by git). Without Chromium this FAILS: `make test`
installs it (scripts/need-chromium.sh), so a skip would hide a broken setup. $CHROMIUM names another binary.
"""

from __future__ import annotations

import json
import os
import re
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import expect

from bot.store.folder import layout as store
from bot.web.page import EMPTY_QUESTION
from testkit.docgen import write_pdf
from testkit.server import TENTATIVE_QUESTION, running_app

pytestmark = pytest.mark.browser

CHROMIUM = Path(os.environ.get("CHROMIUM") or "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
WAIT_MS = 20_000


PDF_FACT = "The tide gauge of Port Elsby was installed by engineer Ruth Okafor in 1998."


def add_pdf(seeds: Path) -> None:
    """A three-page PDF whose one fact is on page 2."""
    filler = ["The council reviewed the maintenance schedule of the northern warehouses in spring. " * 4] * 14
    write_pdf(seeds / "tide-report.pdf", "Tide Report", filler + [PDF_FACT] + filler)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("browser"), add=add_pdf) as running:
        yield running


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    """Screenshots, to look at when a test fails (pytest's temporary folder; --basetemp DIR keeps them)."""
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs it, or run `sudo apt-get install -y chromium`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield browser
        browser.close()


@contextmanager
def opened(browser, url: str, **context_options):
    """The chat page at `url`, loaded (its question box shown), in a context of its own; dialogs it
    opens are dismissed and kept in `page.dialogs`."""
    context = browser.new_context(**{"viewport": {"width": 1400, "height": 1000}, **context_options})
    try:
        page = context.new_page()
        page.dialogs = []
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
        page.set_default_timeout(WAIT_MS)
        page.goto(url)
        page.wait_for_selector("#question textarea")
        yield page
    finally:
        context.close()


@pytest.fixture()
def page(browser, server):
    with opened(browser, server.url) as page:
        yield page


def ask(page, question: str, expect_in_mark: str):
    """Type a question, press Enter, wait for the sources panel to highlight `expect_in_mark`."""
    box = page.locator("#question textarea")
    box.fill(question)
    box.press("Enter")
    mark = page.locator("#sources mark", has_text=expect_in_mark).first
    mark.wait_for()
    return mark


def test_first_use_examples_index_tab_long_question_and_votes(page, server, shots):
    """Issue 17: examples made from the articles, an Index tab that is not stuck greyed out and lists
    skipped files, an over-long question refused out loud
    (the box not grown past a few lines), an empty one told so, a vote confirmed and replaced."""
    (server.seeds / "cafe.txt").write_bytes("Caf\u00e9 au lait \u00e0 Paris.\n".encode("latin-1"))
    page.get_by_role("tab", name="Index").click()
    page.locator("#index-summary", has_text="cafe.txt").wait_for()
    page.wait_for_timeout(1500)
    assert page.locator("#index-summary .progress-text, #documents .progress-text").count() == 0
    assert "iconv" in page.locator("#index-summary").inner_text()
    page.get_by_role("tab", name="Chat").click()

    examples = page.locator("#examples button")
    examples.first.wait_for()
    texts = [examples.nth(i).inner_text() for i in range(examples.count()) if examples.nth(i).is_visible()]
    assert texts and all(t.startswith("What is known about ") for t in texts), texts
    assert "Who is Japan's defense minister?" not in texts
    examples.first.click()  # a click asks it
    page.locator("#chat [data-testid=user]", has_text=texts[0]).wait_for()
    page.locator("#chat [data-testid=bot]", has_text="[1]").first.wait_for()

    box = page.locator("#question textarea")
    box.fill("Who is Japan's defense minister? " + "x" * 2970)
    box.press("Enter")
    page.locator("#chat [data-testid=bot]", has_text="the limit is 2,000").wait_for()
    assert box.input_value().startswith("Who is Japan's defense minister? xxx")  # kept, to be shortened
    assert page.get_by_label("Question").count() >= 1  # the box has a name a screen reader says
    assert box.bounding_box()["height"] < 200  # it scrolls; it does not push the chat off the screen
    box.fill("   ")
    box.press("Enter")
    page.get_by_text(EMPTY_QUESTION).first.wait_for()  # an empty question is told so, not ignored
    box.fill("")

    page.locator("#chat button[aria-label=Like]").first.click()
    page.get_by_text("Thanks: saved to").first.wait_for()
    page.locator("#chat button[aria-label=Dislike]").first.click()
    feedback = server.index / "feedback.jsonl"
    for _ in range(WAIT_MS // 100):
        votes = [json.loads(line) for line in feedback.read_text().splitlines()] if feedback.exists() else []
        if [v["vote"] for v in votes] == ["down"]:
            break
        page.wait_for_timeout(100)
    assert [(v["question"], v["vote"]) for v in votes] == [(texts[0], "down")]
    page.screenshot(path=str(shots / "web-first-use.png"), full_page=True)
    (server.seeds / "cafe.txt").unlink()
    feedback.unlink()


def test_chat_sources_feedback_and_rebuild(page, server, shots):
    mark = ask(page, "Who is Japan's defense minister?", "Nobuo Kishi")
    assert "Defense Minister Nobuo Kishi" in mark.inner_text()
    reply = page.locator("#chat [data-testid=bot]").last
    assert "[1]" in reply.inner_text()
    # The short answer opens the reply in bold, then is marked inside its quote; the sources panel
    # marks it inside the highlighted sentence.
    assert reply.locator("strong").first.inner_text() == "Nobuo Kishi"
    assert reply.locator("mark").first.inner_text() == "Nobuo Kishi"
    assert reply.inner_text().index("Nobuo Kishi") < reply.inner_text().index("Kyodo News")
    short = page.locator("#sources .src-para mark mark.short").first
    assert short.inner_text() == "Nobuo Kishi" and short.is_visible()
    assert short.evaluate("e => getComputedStyle(e).fontWeight") == "700"
    card = page.locator("#sources .src-card").first
    assert "000_37c9385a86793e2f.txt" in card.inner_text()
    assert re.search(r"\b\d{2}% chance it answers", card.inner_text())
    card.locator("summary").click()  # the whole article, quote highlighted
    assert card.locator(".src-full > mark").is_visible()
    assert card.locator(".src-full mark.short").inner_text() == "Nobuo Kishi"

    # A PDF quote names its page; the whole article is the extracted text, the quote marked in it.
    mark = ask(page, "Who installed the tide gauge of Port Elsby?", "Ruth Okafor")
    assert mark.inner_text() == PDF_FACT
    card = page.locator("#sources .src-card").first
    assert "tide-report.pdf" in card.inner_text() and "Tide Report" in card.inner_text()
    assert card.locator(".src-page").inner_text() == "page 2"
    card.locator("summary").click()
    assert card.locator(".src-full > mark").inner_text() == PDF_FACT
    # The article opens scrolled to its quote, 15 paragraphs down, not at its top.
    full, quote = card.locator(".src-full"), card.locator(".src-full > mark")
    expect(full).not_to_have_js_property("scrollTop", 0)
    box, seen = full.bounding_box(), quote.bounding_box()
    assert box["y"] <= seen["y"] and seen["y"] + seen["height"] <= box["y"] + box["height"]
    assert card.locator(".src-full").inner_text().startswith("Tide Report\n")
    page.screenshot(path=str(shots / "web-pdf-quote.png"), full_page=True)

    # An article whose sentences hold <script> and onerror=: shown as text, nothing runs.
    mark = ask(page, "What did Marta Quill write in the logbook?", "Marta Quill")
    assert "<script>alert(1)</script>" in mark.inner_text()
    # The chat and the sources panel are two outputs of one event: wait for the chat's turn too.
    expect(page.locator("#chat [data-testid=bot]").last).to_contain_text("<script>alert(1)</script>")
    page.locator("#sources details summary").first.click()
    assert page.locator("#sources .src-full", has_text="onerror=alert(2)").first.is_visible()
    # No element that could run anything is on the page, so no dialog can come later either.
    assert page.locator("#sources script, #chat script, #sources img, #chat img[src=x]").count() == 0
    assert page.dialogs == []

    # Thumbs up on that answer: one line in index/feedback.jsonl.
    page.locator("#chat button[aria-label=Like]").last.click()
    feedback = server.index / "feedback.jsonl"
    for _ in range(WAIT_MS // 100):
        if feedback.exists() and feedback.read_text().strip():
            break
        page.wait_for_timeout(100)
    vote = json.loads(feedback.read_text().splitlines()[-1])
    assert vote["vote"] == "up" and vote["question"] == "What did Marta Quill write in the logbook?"

    # A declined question shows the closest passages, labelled as not an answer.
    box = page.locator("#question textarea")
    box.fill("What is the boiling point of mercury?")
    box.press("Enter")
    page.locator("#sources .src-declined").wait_for()
    assert "closest, not an answer" in page.locator("#sources").inner_text()
    # Three long passages are taller than the panel: it scrolls rather than running off the page.
    overflow, height, content = page.evaluate("() => { const el = document.querySelector('#sources'); "
                                              "return [getComputedStyle(el).overflowY, el.clientHeight, el.scrollHeight]; }")
    assert overflow == "auto" and height <= 640 < content

    # A tentative answer: in the chat column, flagged, its closest passage quoted; in the sources
    # panel, the passages labelled as possibly not answering.
    box.fill(TENTATIVE_QUESTION)
    box.press("Enter")
    page.locator("#sources .src-tentative").wait_for()
    reply = page.locator("#chat [data-testid=bot]").last
    expect(reply).to_contain_text("Tentative:")
    assert "may not answer this directly" in reply.inner_text() and reply.locator("blockquote").count() == 1
    assert reply.locator("strong").first.inner_text() == "Tentative:"  # no short answer in bold
    assert "closest, may not answer" in page.locator("#sources").inner_text()
    page.screenshot(path=str(shots / "web-tentative.png"), full_page=True)

    # The chat has scrolled: its own buttons (clear, copy all) stand above the messages, not over
    # the first visible one.
    buttons, messages = page.locator("#chat .top-panel").bounding_box(), page.locator("#chat .bubble-wrap").bounding_box()
    assert page.evaluate("() => { const w = document.querySelector('#chat .bubble-wrap'); return w.scrollHeight > w.clientHeight; }")
    assert buttons["y"] + buttons["height"] <= messages["y"]

    # Rebuild from the Index tab with a new article; the panel shows the new version.
    (server.seeds / "ferry.txt").write_text(
        "Ferry notes\n\nThe ferry to Lindholm island is run by captain Ilse Brandt since 2019.\n")
    page.get_by_role("tab", name="Index").click()
    page.locator("#refresh").click()
    page.locator("#index-summary", has_text="Stale").wait_for()
    page.locator("#rebuild").click()
    page.locator("#rebuild-status", has_text="Rebuilt").wait_for(timeout=60_000)
    version = store.current_build(server.index).name
    page.locator("#index-summary", has_text=version).wait_for()
    page.locator("#documents", has_text="ferry.txt").wait_for()
    page.screenshot(path=str(shots / "web-index.png"), full_page=True)
    page.locator("#refresh").click()  # refreshed, the panel shows the build served, and no older message
    expect(page.locator("#rebuild-status")).not_to_contain_text("Rebuilt", timeout=10_000)
    page.locator("#index-summary", has_text=version).wait_for()
    page.get_by_role("tab", name="Chat").click()
    ask(page, "Who runs the ferry to Lindholm island?", "Ilse Brandt")
    ask(page, "Who is Japan's defense minister?", "Nobuo Kishi")
    page.screenshot(path=str(shots / "web-chat.png"), full_page=True)
    assert page.dialogs == []


def test_a_reload_finds_the_chat_again_and_another_browser_does_not(browser, page, server):
    question = "Who is Japan's defense minister?"
    ask(page, question, "Nobuo Kishi")
    page.reload()
    page.locator("#chat [data-testid=user]", has_text=question).wait_for()
    expect(page.locator("#chat [data-testid=bot]").last.locator("strong").first).to_have_text("Nobuo Kishi")
    page.locator("#sources mark", has_text="Nobuo Kishi").first.wait_for()
    with opened(browser, server.url) as other:  # a browser of its own: its own, empty chat
        other.wait_for_timeout(1500)
        assert other.locator("#chat [data-testid=user]").count() == 0
    page.locator("#clear").click()
    expect(page.locator("#chat [data-testid=user]")).to_have_count(0)
    page.reload()
    page.wait_for_selector("#question textarea")
    page.wait_for_timeout(1500)
    assert page.locator("#chat [data-testid=user]").count() == 0  # cleared stays cleared


def test_page_loads(page, server):
    """How fast it loads is for benchmarks on an idle machine; here: that it does, with its parts."""
    # Gradio's page sets its title from the app's config once loaded, which may come after the box.
    page.wait_for_function("document.title.includes('seedbot')")
    assert re.search(r"seedbot", page.title())
    assert page.locator("#question textarea").is_visible() and page.locator("#sources").is_visible()


def test_on_a_phone_the_sources_are_below_and_the_intro_says_where(browser, server, shots):
    with opened(browser, server.url, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True) as page:
        expect(page.locator("#examples button").first).to_be_visible()
        ask(page, "Who is Japan's defense minister?", "Kishi")
        # Once asked, the example questions no longer stand between the answer and its sources.
        expect(page.locator("#examples")).to_be_hidden()
        chat, sources = page.locator("#chat").bounding_box(), page.locator("#sources").bounding_box()
        assert sources["y"] >= chat["y"] + chat["height"]  # stacked: below, not to the right
        intro = page.get_by_text("points to its passage under").inner_text()
        assert "Sources" in intro and "right" not in intro
        # The page scrolls to every card: the panel is no box of its own to scroll inside.
        assert page.locator("#sources").evaluate("e => e.scrollHeight <= e.clientHeight + 1")
        page.screenshot(path=str(shots / "web-phone.png"), full_page=True)
        # The Index tab's table is wider than a phone: it scrolls sideways in its box, not cut off.
        page.get_by_role("tab", name="Index").click()
        page.locator("#documents table").wait_for()
        assert page.locator("#documents").evaluate("e => getComputedStyle(e).overflowX") == "auto"


def test_an_article_edited_while_the_chat_is_open_is_answered_from_without_pressing_anything(browser, tmp_path, shots):
    with running_app(tmp_path, watch=True) as live, opened(browser, live.url) as page:
        ask(page, "Who is Japan's defense minister?", "Nobuo Kishi")
        expect(page.locator("#examples button", has_text="Taiwan Strait")).to_have_count(1)
        article = next(p for p in live.seeds.glob("*.txt") if "Nobuo Kishi" in p.read_text(encoding="utf-8"))
        article.write_text(article.read_text(encoding="utf-8").replace("Nobuo Kishi", "Taro Hanada")
                           .replace("Taiwan Strait", "Luzon Strait"), encoding="utf-8")
        expect(page.locator("#index-status")).to_contain_text(f"{article.name} changed", timeout=30_000)
        ask(page, "Who is Japan's defense minister?", "Taro Hanada")
        # The example questions follow the build: none asks about a name the edit took out.
        expect(page.locator("#examples button", has_text="Taiwan Strait")).to_have_count(0, timeout=30_000)
        page.screenshot(path=str(shots / "web-live-folder.png"), full_page=True)


def test_a_damaged_index_is_reported_in_the_chat_and_the_index_tab(page, server):
    """A damaged build becoming current (as a rebuild would swap it in): the chat's reply and the
    Index tab say so and name the fix; a good build again, and the chat answers again."""
    from tests.integration.test_hardening import damaged_current

    with damaged_current(server.index):
        box = page.locator("#question textarea")
        box.fill("Who is Japan's defense minister?")
        box.press("Enter")
        expect(page.locator("#chat [data-testid=bot]").last).to_contain_text("bot index --full")
        assert "damaged" in page.locator("#chat [data-testid=bot]").last.inner_text()
        page.get_by_role("tab", name="Index").click()
        page.locator("#refresh").click()
        page.locator("#index-summary", has_text="Index unavailable").wait_for()
        assert "damaged" in page.locator("#index-summary").inner_text()
        page.get_by_role("tab", name="Chat").click()
    ask(page, "Who is Japan's defense minister?", "Nobuo Kishi")


def test_rebuild_says_so_while_another_rebuild_holds_the_lock(page, server):
    """The Rebuild button while another rebuild (here: this test) holds the index's lock."""
    page.get_by_role("tab", name="Index").click()
    with store.build_lock(server.index):
        page.locator("#rebuild").click()
        status = page.locator("#rebuild-status", has_text="Not rebuilt")
        status.wait_for()
        assert "another rebuild" in status.inner_text() and f"pid {os.getpid()}" in status.inner_text()
    assert store.current_build(server.index) is not None
