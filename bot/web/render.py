"""Turn answers and index facts into the HTML and Markdown the web chat shows.

Everything taken from an article is *text*, never markup: it goes through `esc` (HTML escaping, plus
`$`, `{` and `}` as entities because Gradio's HTML component runs its value through JS-template and
Handlebars machinery) before it is placed in any HTML, and through `md_escape` before it is placed
in the chat's Markdown. An article holding `<script>` or `onerror=` is shown, never run.

A quote is shown inside its paragraph: the text between blank lines around the quote's offsets.
Scraped articles often use one line per paragraph with no blank lines at all, so when that block is
long the paragraph narrows to the lines holding the quote, then to a window of characters.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.core.manifest import Manifest

PARAGRAPH_MAX = 1200  # characters of context around a quote before narrowing
WINDOW = 400  # characters kept on each side of a quote when even its lines are too long
ARTICLE_MAX = 100_000  # characters of the whole article shown at most (around the quote)
# An opened article scrolls to its quote, a third of the box down: a quote on page 9 was otherwise
# behind a scroll from the top. `toggle` does not bubble, so the panel listens while it descends; the
# panel's element stays while its HTML is replaced at each answer. Our script, not article text.
OPEN_AT_QUOTE = """element.addEventListener('toggle', (event) => {
  const article = event.target;
  if (!article.open || !article.classList.contains('src-article')) return;
  const box = article.querySelector('.src-full'), quote = box && box.querySelector('mark');
  if (quote) box.scrollTop = Math.max(0, quote.offsetTop - box.clientHeight / 3);
}, true);"""
CHAT_SHOWN = 12  # turns the chat shows (hidden_turns)
CLOSEST_LABEL = "closest, not an answer"
TENTATIVE_LABEL = "closest, may not answer"
CHANCE_HELP = ("The models' estimate that this passage is the answer: the chance that the articles "
               "answer the question at all, times the chance that this sentence is the one among "
               "all the sentences considered.")


def chance(score: float) -> str:
    """A quote's score as a percentage a reader takes in at a glance."""
    return "<1%" if score < 0.005 else f"{score:.0%}"


def esc(text: str) -> str:
    """Escape text for HTML: tags become visible characters, and template syntax stays inert."""
    return (html.escape(text, quote=True)
            .replace("$", "&#36;").replace("{", "&#123;").replace("}", "&#125;"))


MD_SPECIAL = re.compile(r"([\\`*_\[\]~$|])")
MD_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])", re.MULTILINE)
MARKER = re.compile(r"\\\[(\d+)\\\]")


def md_escape(text: str) -> str:
    """Make article text inert in Markdown, keeping the answer's own [n] markers readable."""
    text = html.escape(text, quote=False)
    text = MD_SPECIAL.sub(r"\\\1", text)
    # "#", ">" or "-" opening a line would make a heading, a quote or a list: escaped. So would "6."
    # or "6)", whose escape goes before the punctuation ("6\\."): a backslash before a digit is shown.
    text = MD_LINE_START.sub(lambda m: m.group(1) + (m.group(2)[:-1] + "\\" + m.group(2)[-1]
                                                     if m.group(2)[0].isdigit() else "\\" + m.group(2)), text)
    return MARKER.sub(r"[\1]", text)


def readable_title(source: str, info: dict) -> str:
    """The index's title for a file, or its first line when the file name is only an id or hash."""
    title = (info or {}).get("title") or source
    looks_like_id = not re.search(r"[A-Za-z]{3,}", title) or re.fullmatch(r"[0-9a-fA-F_\- ]{8,}", title)
    if looks_like_id:
        first = " ".join((info or {}).get("text", "").strip().split("\n", 1)[0].split())
        if first:
            return first if len(first) <= 80 else first[:77].rsplit(" ", 1)[0] + "…"
    return title


def paragraph_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the paragraph around [start, end): blank lines, else lines, else a window."""
    blank = re.compile(r"\n[ \t]*\n")
    lo = max((m.end() for m in blank.finditer(text, 0, start)), default=0)
    found = blank.search(text, end)
    hi = found.start() if found else len(text)
    if hi - lo <= PARAGRAPH_MAX + (end - start):
        return lo, hi
    lo = max(lo, text.rfind("\n", 0, start) + 1)
    line_end = text.find("\n", end)
    hi = min(hi, line_end if line_end >= 0 else len(text))
    if hi - lo <= PARAGRAPH_MAX + (end - start):
        return lo, hi
    lo, hi = max(lo, start - WINDOW), min(hi, end + WINDOW)
    while lo > 0 and lo < start and not text[lo - 1].isspace():
        lo += 1  # start on a word
    while hi < len(text) and hi > end and not text[hi].isspace():
        hi -= 1
    return lo, hi


def marked(text: str, start: int, end: int, lo: int, hi: int, short: tuple[int, int] | None = None) -> str:
    """text[lo:hi] as HTML with the quote [start, end) inside <mark>, and the short answer inside
    it (`short`, document offsets) in a nested <mark class="short">; ellipses where it was cut."""
    before = ("…" if lo > 0 and text[lo - 1] not in "\n" else "") + text[lo:start]
    after = text[end:hi] + ("…" if hi < len(text) and text[hi] not in "\n" else "")
    quote = esc(text[start:end])
    if short and start <= short[0] < short[1] <= end:
        quote = (f'{esc(text[start:short[0]])}<mark class="short">{esc(text[short[0]:short[1]])}</mark>'
                 f"{esc(text[short[1]:end])}")
    return f"{esc(before.lstrip())}<mark>{quote}</mark>{esc(after.rstrip())}"


def locate(quote: dict, text: str) -> tuple[int, int] | None:
    """The quote's span in `text`: its own offsets, or where its text is now (the index may have
    been rebuilt since the answer was given); None when the article no longer holds it."""
    start, end = quote["start"], quote["end"]
    if text[start:end] == quote["text"]:
        return start, end
    at = text.find(quote["text"])
    return (at, at + len(quote["text"])) if at >= 0 and quote["text"] else None


def quote_card(quote: dict, documents: dict, label: str, kind: str = "answer", short: dict | None = None,
               show_chance: bool = True, shown: set | None = None) -> str:
    """One source: title, file, score (unless `show_chance` is False), the quote in its paragraph
    (with the short answer marked in it, when `short` lies in this quote), and the whole article to open.
    `shown` holds the (source, paragraph bounds) of the cards above: a paragraph two quotes share is
    shown once, and the later card shows its quote alone."""
    info = documents.get(quote["source"], {})
    text = info.get("text", "")
    where = locate(quote, text)
    at, to = where or (quote["start"], quote["end"])  # where the article as it is now holds it
    page = f'<span class="src-page">page {int(quote["page"])}</span> · ' if quote.get("page") else ""
    head = (f'<div class="src-head"><span class="src-n">{esc(label)}</span>'
            f'<span class="src-title">{esc(readable_title(quote["source"], info))}</span></div>'
            f'<div class="src-meta"><code>{esc(quote["source"])}</code> · {page}characters {at}–{to}'
            + (f' · <span class="src-chance" title="{esc(CHANCE_HELP)}">{esc(chance(quote["score"]))} chance it '
               'answers</span>' if show_chance else "") + '</div>')
    if where is None:
        body = f'<p class="src-para"><mark>{esc(quote["text"])}</mark></p>'
        note = '<p class="src-note">(the article has changed since)</p>'
        return f'<div class="src-card {kind}">{head}{body}{note}</div>'
    start, end = where
    moved = '<p class="src-note">(the article has changed since: the passage has moved)</p>' \
        if where != (quote["start"], quote["end"]) else ""
    span = None
    if short and short["quote"] == quote["n"]:  # offsets move with the quote if the article did
        at = short["start"] - quote["start"] + start
        span = (at, at + len(short["text"])) if text[at : at + len(short["text"])] == short["text"] else None
    bounds = paragraph_span(text, start, end)
    body = f'<p class="src-para">{marked(text, start, end, *bounds, span)}</p>'
    if shown is not None:
        if (quote["source"], bounds) in shown:
            body = (f'<p class="src-para">{marked(text, start, end, start, end, span)}</p>'
                    '<p class="src-note">(in the paragraph shown above)</p>')
        shown.add((quote["source"], bounds))
    lo = max(0, min(start - ARTICLE_MAX // 2, len(text) - ARTICLE_MAX))
    hi = min(len(text), lo + ARTICLE_MAX)
    article = (f'<details class="src-article"><summary>Open the whole article</summary>'
               f'<div class="src-full">{marked(text, start, end, lo, hi, span)}</div></details>')
    return f'<div class="src-card {kind}">{head}{body}{moved}{article}</div>'


def sources_html(answer: dict | None, documents: dict) -> str:
    """The sources panel for one answer: its quotes, or the closest passages of a declined one."""
    if not answer:
        return ('<div class="src-empty">Ask a question: the quotes that answer it appear here, '
                'highlighted in their paragraph.</div>')
    asked = f'<div class="src-q">For: “{esc(" ".join(str(answer.get("question", "")).split())[:300])}”</div>'
    shown: set = set()  # paragraphs shown by the cards so far
    if answer.get("answered"):
        quotes = answer.get("quotes", [])
        cards = [quote_card(q, documents, f'[{q["n"]}]', short=answer.get("short_answer"),
                            show_chance=chances_shown(quotes), shown=shown) for q in quotes]
        return '<div class="src-list">' + asked + "".join(cards) + "</div>"
    closest = answer.get("closest", [])
    if answer.get("tentative"):
        intro = ('<div class="src-tentative">The documents may not answer this directly. The closest '
                 'passages are below: check them before relying on them.</div>')
        # No chance shown: "may not answer" beside "98% chance it answers" reads as a contradiction.
        cards = [quote_card(q, documents, f'[{q["n"]}] {TENTATIVE_LABEL}', "closest", show_chance=False, shown=shown)
                 for q in closest]
        return '<div class="src-list">' + asked + intro + "".join(cards) + "</div>"
    intro = ('<div class="src-declined">The documents do not answer this question. '
             + ("The nearest passages are below, <b>not an answer</b>." if closest else "") + "</div>")
    # Nor for a decline: the marker may decline a question the refusal model let through ("How old
    # is the mayor?" against the sentence naming the mayor), and "92% chance it answers" beside "not
    # an answer" would contradict it.
    cards = [quote_card(q, documents, CLOSEST_LABEL, "closest", show_chance=False, shown=shown) for q in closest]
    return '<div class="src-list">' + asked + intro + "".join(cards) + "</div>"


def chances_shown(quotes: list[dict]) -> bool:
    """Whether a confident answer's quotes show their chances: they fall from [1] down, and [1]'s is
    at least even. The marker may settle a sentence the ranking scored lower as [1] (answer/ranking.py's
    settle_first), and it decides whether an answer is confident; then "[1] 37%, [2] 62%" would read
    as a mistake, and "32% chance it answers" beside an answer given as the answer as a
    contradiction, so no chance is shown for that answer: the order is the bot's estimate."""
    shown = [round(q["score"], 2) for q in quotes]  # as percentages show them
    return bool(shown) and shown[0] >= 0.5 and all(a >= b for a, b in zip(shown, shown[1:]))


def chat_markdown(answer: dict) -> str:
    """The assistant's chat message: the answer with its [n] markers, or a plain refusal. A short
    answer opens it in bold, then its quote with the short answer marked."""
    text = md_escape(answer["answer"])
    short = answer.get("short_answer")
    quote = next((q for q in answer.get("quotes", []) if short and q["n"] == short["quote"]), None)
    if answer.get("answered") and quote:
        at, to = short["start"] - quote["start"], short["end"] - quote["start"]
        one_line = lambda piece: md_escape(re.sub(r"\s+", " ", piece))
        lead = (f'{one_line(quote["text"][:at]).lstrip()}<mark>{one_line(quote["text"][at:to])}</mark>'
                f'{one_line(quote["text"][to:]).rstrip()} [{quote["n"]}]')
        support = answer["answer"].partition("\n\nOther passages: ")[2]
        text = (f"**{one_line(short['text'])}**\n\n{lead}"
                + (f"\n\nOther passages: {md_escape(support)}" if support else ""))
    if answer.get("tentative"):
        closest = answer["closest"][0]
        text = (f"⚠️ **Tentative:** {md_escape(answer['answer'].partition(chr(10))[0])}\n\n"
                f"> {md_escape(' '.join(closest['text'].split()))} [{closest['n']}]\n\n"
                f"*Not a confident answer: check the passage in the sources panel.*")
    elif not answer.get("answered"):
        text += ("\n\n*The closest passages are shown in the sources panel, marked "
                 f"“{CLOSEST_LABEL}”.*" if answer.get("closest") else "")
    if answer.get("resolved_question"):
        text += f"\n\n*Searched as a follow-up: “{md_escape(answer['resolved_question'])}”*"
    return text


def hidden_turns(turns: list[dict]) -> int:
    """How many of the oldest turns the chat does not show: the browser draws every message again at
    each answer, and a 35-turn chat took 12 s an answer. They still count for follow-ups."""
    return max(0, len(turns) - CHAT_SHOWN)


def turn_at(turns: list[dict], message: int) -> dict:
    """The turn of the chat's `message`-th message (the note on hidden turns first, then user and
    bot messages alternating); {} for the note."""
    hidden = hidden_turns(turns)
    position = message - (1 if hidden else 0)
    at = hidden + position // 2
    return turns[at] if position >= 0 and at < len(turns) else {}


def chat_messages(turns: list[dict]) -> list[dict]:
    """The Chatbot's value (messages format), rebuilt from a session's turns: the newest CHAT_SHOWN."""
    hidden = hidden_turns(turns)
    messages = [{"role": "assistant", "content": f"*{hidden} earlier question{'s are' if hidden > 1 else ' is'} "
                 "not shown, to keep the chat quick; follow-ups still use them.*"}] if hidden else []
    for turn in turns[hidden:]:
        question = turn["question"] if len(turn["question"]) <= 300 else turn["question"][:300] + "…"
        reply = (chat_markdown(turn["answer"]) if turn.get("answer")
                 else f"**Not answered:** {md_escape(turn['error'])}")
        if turn.get("note"):
            reply += f"\n\n*{md_escape(turn['note'])}*"
        messages += [{"role": "user", "content": md_escape(question)}, {"role": "assistant", "content": reply}]
    return messages


def index_summary(manifest: Manifest, version: str, changes: dict, watching: bool = False) -> str:
    """Markdown about the current build: model, backend, build time, and whether seeds/ changed."""
    model, counts = manifest.model, manifest.counts
    n = counts.documents
    lines = [
        f"**Version** `{version}` · built {manifest.built_at or '?'}",
        f"**Model** `{model.id}` ({model.dim} dimensions) · **backend** `{model.backend or '?'}`",
        f"**{n} document{'' if n == 1 else 's'}**, {counts.chunks} chunks, {counts.sentences} sentences",
    ]
    if changes.get("error"):
        lines.append(f"**Cannot check the seeds folder:** {md_escape(changes['error'])}")
    elif any(changes.get(k) for k in ("added", "changed", "removed")):
        parts = [f"{k}: {', '.join(md_escape(s) for s in changes[k][:5])}"
                 + (" …" if len(changes[k]) > 5 else "") for k in ("added", "changed", "removed") if changes[k]]
        lines.append("**Stale**: the seeds folder changed since this build (" + "; ".join(parts)
                     + ("). It is being rebuilt (the folder is watched)." if watching else "). Press **Rebuild**."))
    else:
        lines.append("**Up to date** with the seeds folder.")
    if changes.get("skipped"):
        lines.append("**Not indexed** (skipped, not an error):\n\n" + "\n".join(
            f"- {md_escape(source)}: {md_escape(reason)}{skip_hint(reason)}" for source, reason in changes["skipped"][:20])
            + ("\n- …" if len(changes["skipped"]) > 20 else ""))
    if changes.get("duplicates"):
        lines.append("**Indexed once** (byte-identical copies; quotes cite the first):\n\n" + "\n".join(
            f"- {md_escape(copy)}: the same file as {md_escape(kept)}" for kept, copy in changes["duplicates"][:20])
            + ("\n- …" if len(changes["duplicates"]) > 20 else ""))
    return "\n\n".join(lines)


def refusal_summary(calibration, threshold: float, recorded: bool) -> str:
    """How this index decides to decline: its calibration against off-topic probe questions."""
    if calibration is None:
        return "**Refusal**: not calibrated"
    where = "recorded in the index when it was built" if recorded else "measured when the app loaded the index " \
        "(built before calibration, or with another answer model: rebuild to record it)"
    return (f"**Refusal** calibrated on this index with {calibration.probes} off-topic probe questions, "
            f"{where}: here an off-topic question's best sentence scores about "
            f"{calibration.center['best_score']:.2f} (spread {calibration.spread['best_score']:.2f}) and its "
            f"closest passage has similarity {calibration.center['top_dense_chunk']:.2f}; the bot answers when "
            f"the refusal model's probability reaches {threshold:.2f}.")


def skip_hint(reason: str) -> str:
    """What to do about a file the index leaves out, for the reasons a user can fix."""
    if "UTF-8" in reason:
        return (" — save it as UTF-8; a Latin-1 (Windows) file converts with "
                "`iconv -f latin1 -t utf-8 OLD.txt > NEW.txt`")
    if reason.startswith("too large"):
        return " — split it into smaller files"
    return ""


def documents_table(manifest: Manifest, documents: dict, seeds_dir: Path | None = None) -> str:
    """The documents of a build as an HTML table: file name, readable title, the file's size on
    disk (a PDF's bytes) beside its text's (what is indexed), chunks."""
    def file_size(source: str) -> str:
        try:
            return _size((seeds_dir / source).stat().st_size) if seeds_dir else "?"
        except OSError:  # gone or unreadable since the build
            return "?"

    rows = "".join(
        f"<tr><td><code>{esc(source)}</code></td>"
        f"<td>{esc(readable_title(source, documents.get(source) or info.as_json()))}"
        f"</td><td>{file_size(source)}</td><td>{_size(info.size)}</td><td>{info.chunks}</td></tr>"
        for source, info in sorted(manifest.documents.items()))
    return ('<table class="docs"><thead><tr><th>File</th><th>Title</th><th>File size</th><th>Text size</th>'
            f"<th>Chunks</th></tr></thead><tbody>{rows}</tbody></table>")


def _size(n: int) -> str:
    return f"{n} B" if n < 1024 else f"{n / 1024:.1f} KB" if n < 1 << 20 else f"{n / (1 << 20):.1f} MB"


CSS = """
.src-list { display: flex; flex-direction: column; gap: 12px; }
.src-card { border: 1px solid var(--border-color-primary); border-radius: 10px; padding: 12px 14px;
            background: var(--background-fill-secondary); }
.src-head { display: flex; gap: 8px; align-items: baseline; font-weight: 600; }
.src-n { color: var(--color-accent); white-space: nowrap; }
.closest .src-n { font-size: 0.8em; font-weight: 600; padding: 1px 6px; border-radius: 6px;
                  background: #e5e7eb; color: #374151; }
.closest .src-head { flex-wrap: wrap; }
.closest .src-para mark, .closest .src-full mark { background: #dbeafe; }
.src-title { overflow-wrap: anywhere; }
.src-meta { font-size: 0.85em; color: var(--body-text-color-subdued); margin: 2px 0 8px; }
.src-para, .src-full { white-space: pre-wrap; line-height: 1.55; margin: 0; overflow-wrap: anywhere; }
.src-para mark, .src-full mark { background: #fde68a; color: #111; padding: 1px 2px; border-radius: 3px; }
.src-para mark.short, .src-full mark.short { background: #f59e0b; font-weight: 700; padding: 0 1px; }
/* A bidi override inside an article (U+202E...) may reorder its own quote, never the text around it. */
.src-para mark, .src-full mark, .src-title, .src-q { unicode-bidi: isolate; }
.src-article summary { cursor: pointer; margin-top: 8px; font-size: 0.9em; color: var(--color-accent); }
.src-full { max-height: 320px; overflow-y: auto; margin-top: 6px; padding: 8px; position: relative;
            border-radius: 6px; background: var(--background-fill-primary); font-size: 0.92em; }
.src-declined { padding: 10px 12px; border-radius: 8px; background: #fef3c7; color: #78350f; }
.src-tentative { padding: 10px 12px; border-radius: 8px; background: #ffedd5; color: #7c2d12; }
.src-q { font-size: 0.9em; color: var(--body-text-color-subdued); font-style: italic; overflow-wrap: anywhere; }
.src-note, .src-empty { color: var(--body-text-color-subdued); }
table.docs { width: 100%; border-collapse: collapse; font-size: 0.95em; }
table.docs th, table.docs td { text-align: left; padding: 6px 10px;
                               border-bottom: 1px solid var(--border-color-primary); }
table.docs th { color: var(--body-text-color-subdued); font-weight: 600; }
#documents table.docs, #documents table.docs th, #documents table.docs td { border-left: 0; border-right: 0; border-top: 0; }
/* A phone is narrower than the table: it scrolls sideways in its box, not cut off at the Chunks column. */
#documents { overflow-x: auto !important; }
#sources { max-height: 640px; overflow-y: auto !important; }  /* Gradio sets its blocks visible */
/* On a phone the panel is under the chat: the page scrolls, not a box inside it. */
@media (max-width: 640px) { #sources { max-height: none; overflow-y: visible !important; } }
/* ... and once a question is asked, the example questions no longer stand between the answer and it. */
@media (max-width: 640px) { div:has(#chat .message-row) #examples { display: none !important; } }
/* The chat's own buttons (clear, copy all) get a strip of their own above the messages: over the
   scrolling messages they hid the first visible line. */
#chat .bubble-wrap { padding-top: 0 !important; margin-top: 32px; height: calc(100% - 32px) !important; }
"""
