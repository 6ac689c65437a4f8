"""Turn Markdown, HTML, DOCX and PDF files into plain text: the text quotes are cut from.

Every reader returns an `Extracted` record: the text (blocks such as paragraphs, headings, list items
and table rows, with a blank line between blocks), the document's own title, the spans that are
headings (indexed and searched, never quoted as a sentence of their own) and, for PDF, where each
page starts. The text is made once, when the file is indexed, and stored in the index: a quote's
offsets index it, and `bot text SOURCE` prints it.

Libraries, chosen by measurement (README, "Documents"): markdown-it-py (CommonMark), trafilatura
(the main content of a web page, without navigation, scripts, comments or footers), python-docx, and
pypdfium2 for PDF (bot/pdf.py). None of them is imported until a file of its kind is read, and
`bot/extract.py` runs all of them in worker processes with time and memory limits.
"""

from __future__ import annotations

import copy
import re
import zipfile

from bot.ingest.pdf import read_pdf
from bot.ingest.text import Extracted, FormatError, TextBuilder, decode

EXTRACTED_SUFFIXES = {".md", ".pdf", ".html", ".htm", ".docx"}
MAX_UNZIPPED_BYTES = 100_000_000  # a DOCX that unpacks to more is a zip bomb, not a document
def extract(suffix: str, data: bytes) -> Extracted:
    """The text of a file of kind `suffix` (".pdf", ".md"...), or FormatError with the reason."""
    suffix = suffix.lower()
    if suffix == ".pdf":
        return read_pdf(data)
    if suffix in (".html", ".htm"):
        return read_html(data)
    if suffix == ".docx":
        return read_docx(data)
    if suffix == ".md":
        return read_markdown(decode(data).lstrip("\ufeff"))
    raise FormatError(f"no reader for {suffix} files")


# -- Markdown -------------------------------------------------------------------------------------
def read_markdown(source: str) -> Extracted:
    """CommonMark (plus tables): headings, list items, table rows, quotes and code become blocks;
    emphasis, links and images become their text; raw HTML becomes the text it shows. An ordered
    list's items keep their numbers ("4. Climb the ridge..."): a reader asks for step 4."""
    from markdown_it import MarkdownIt

    out = TextBuilder()
    heading = cell = False
    items, row, joiner, number = 0, [], "\n\n", ""
    for token in MarkdownIt("commonmark").enable("table").parse(source):
        kind = token.type
        if kind in ("heading_open", "heading_close"):
            heading = kind == "heading_open"
        elif kind in ("th_open", "td_open", "th_close", "td_close"):
            cell = kind.endswith("_open")
        elif kind in ("bullet_list_open", "ordered_list_open", "table_open"):
            joiner = "\n\n"  # a blank line before a list or table, one line break between its items
        elif kind == "list_item_open":
            items += 1
            number = f"{token.info}{token.markup} " if token.info else ""
        elif kind == "list_item_close":
            items -= 1
        elif kind in ("bullet_list_close", "ordered_list_close", "table_close") and not items:
            joiner = "\n\n"  # what follows a list or a table is a block of its own
        elif kind == "tr_close":
            out.block(" | ".join(row), joiner=joiner)
            row, joiner = [], "\n"
        elif kind in ("fence", "code_block", "html_block"):
            out.block(token.content if kind != "html_block" else _fragment_text(token.content))
            joiner = "\n\n"
        elif kind == "inline":
            text = _inline_text(token.children or [])
            if cell:
                row.append(" ".join(text.split()))
                continue
            out.block(number + text, heading=heading, joiner=joiner)
            joiner = "\n" if items and not heading else "\n\n"
            number = ""
    return out.result("")


def _fragment_text(markup: str) -> str:
    """The text a browser shows for a piece of HTML (scripts and styles are not text)."""
    import lxml.html

    try:
        tree = lxml.html.fragment_fromstring(markup, create_parent="div")
    except Exception:  # lxml raises several kinds for broken markup: keep the text between tags
        return re.sub(r"<[^>]*>", " ", markup)
    for element in tree.xpath(".//script|.//style|.//template"):
        element.drop_tree()
    return tree.text_content()


SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


# A line that opens with a label ("**Venue:** The Clubhouse", "Chair: Graham Pendleton").
LABELLED_LINE = re.compile(r"[A-Z][\w'’()/ -]{0,30}:\s")


def _inline_text(children) -> str:
    """The text of a paragraph's pieces. A note mark in <sup> stays a mark ("Oduya¹", not "Oduya1",
    which reads as another name). A line that opens with a label stays a line: minutes headed
    "**Date:** ...", "**Venue:** ...", "**Chair:** ..." on lines of their own read as one run-on line."""
    pieces, raised = [], False
    for at, child in enumerate(children):
        if child.type == "html_inline" and re.fullmatch(r"</?sup>", child.content.strip(), re.IGNORECASE):
            raised = not child.content.strip().startswith("</")
        elif child.type in ("text", "code_inline"):
            pieces.append(child.content.translate(SUPERSCRIPT) if raised else child.content)
        elif child.type == "softbreak":
            pieces.append("\n" if LABELLED_LINE.match(_line_after(children[at + 1 :])) else " ")
        elif child.type == "hardbreak":
            pieces.append("\n")
        elif child.type == "image":
            pieces.append(_inline_text(child.children or []))
    return "".join(pieces)


def _line_after(children) -> str:
    """The plain text of the pieces up to the next line break."""
    line = []
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            break
        line.append(child.content if child.type in ("text", "code_inline") else "")
    return "".join(line)


# -- HTML -----------------------------------------------------------------------------------------
BLOCK_TAGS = {"p", "head", "item", "quote", "code", "row", "list", "table"}
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)


def _decode_html(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return decode(data).lstrip("\ufeff")
    declared = META_CHARSET.search(data[:4096])
    for encoding in ([declared.group(1).decode()] if declared else []) + ["utf-8", "cp1252"]:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", errors="replace")


def read_html(data: bytes) -> Extracted:
    """The page's main content (trafilatura), its `<title>` as the title."""
    import htmldate
    import lxml.html
    import trafilatura

    markup = _decode_html(data)
    try:
        tree = lxml.html.fromstring(markup)
    except Exception as error:  # lxml raises several kinds for empty or broken documents
        raise FormatError(f"not readable HTML ({error})") from None
    title = tree.findtext(".//title") or ""
    # trafilatura parses its own copy: it prunes the tree it is given, and the fallback needs it whole.
    # For recall: its default left out a booking email's whole list of terms (the ratio of adults to
    # pupils, the late-arrival rule); on the 25 pages of eval/ it reads every other page the same.
    page, markup_read = _for_extraction(tree, markup)
    result = trafilatura.bare_extraction(markup_read, include_comments=False, include_tables=True,
                                         include_formatting=False, deduplicate=False, with_metadata=True, favor_recall=True,
                                         date_extraction_params={"extensive_search": False})
    body = getattr(result, "body", None)
    out = TextBuilder()
    # The date from the page as it was: the unclassed paragraphs hid some of its clues ("dateline").
    date = htmldate.find_date(markup, extensive_search=False, original_date=True)
    shown = " ".join(" ".join(body.itertext()).split()) if body is not None else ""
    if credit := byline(tree, getattr(result, "author", None), date, shown):
        out.block(credit, joiner="\n")
    header = len(out.parts)
    if body is not None:
        _restore_headings(page, body)
        _html_blocks(body, out)
        for aside in _fact_asides(tree):  # after the article, unless trafilatura kept it already
            if " ".join(aside.text_content().split())[:60] not in " ".join(" ".join(out.parts).split()):
                _aside_blocks(aside, out)
    if len(out.parts) == header:  # a page too short for main-content detection: its visible text
        for element in tree.xpath("//script|//style|//noscript|//template"):
            element.drop_tree()
        out.block(tree.text_content())
    return out.result(" ".join(title.split()))


CONTENT_HEADINGS = ("//*[self::h1 or self::h2 or self::h3 or self::h4][not(ancestor::header or ancestor::nav or "
                    "ancestor::footer or ancestor::aside or ancestor::form)]")


def _restore_headings(tree, body) -> None:
    """Put back the page's headings that trafilatura's result lacks, each before the first block
    that followed it on the page. On a page with no <article> or <main> (a bill or a newsletter
    saved as .htm) it keeps the paragraphs and tables but drops every <h1>-<h4>, and with them which
    item a paragraph belongs to ("Mobile library", "How your charge is worked out")."""
    from lxml import etree

    def start(element) -> str:  # spacing aside: trafilatura joins inline elements its own way
        return "".join(c for c in "".join(element.itertext()) if c.isalnum())[:60]

    kept = {start(h) for h in body.iter("head")}
    blocks = {}
    for block in body:
        blocks.setdefault(start(block), block)
    for heading in tree.xpath(CONTENT_HEADINGS):
        text = " ".join(heading.text_content().split())
        if not text or start(heading) in kept or _in_banner(heading):
            continue
        for following in heading.xpath("following::*[self::p or self::table or self::ul or self::ol "
                                       "or self::h1 or self::h2 or self::h3 or self::h4][position() <= 8]"):
            if (block := blocks.get(start(following))) is not None:
                restored = etree.Element("head")
                restored.text = text
                block.addprevious(restored)
                kept.add(start(heading))
                break


# A cookie or consent banner, a pop-up: what its heading says ("Cookies on hollinsford.gov.uk") is
# not the page's.
BANNER = re.compile(r"cookie|consent|gdpr|modal|popup|pop-up|overlay", re.IGNORECASE)


def _in_banner(element) -> bool:
    return any(BANNER.search(f'{a.get("class", "")} {a.get("id", "")} {a.get("aria-label", "")}')
               or a.get("role") in ("dialog", "alertdialog") for a in element.iterancestors())


RATING = re.compile(r"rating|stars|verdict", re.IGNORECASE)  # a review's stars, in an element of their own


def _for_extraction(tree, markup: str):
    """The page as trafilatura should read it (the tree, and its markup): an ordered list's items
    numbered ("5. Brush with the beaten yolk": "What is step 5?"), a wiki's "[edit]" links dropped,
    and the class and id taken off its paragraphs (but those of its header, navigation, asides, forms
    and footer). trafilatura drops any paragraph whose class holds one of its boilerplate words, and in the body of a page those are content: `<p class="rating">Rating: 4 out
    of 5</p>`, `<p class="next-update">The next update ... at 16:00 on Wednesday</p>` ("next-" reads
    as a link to the next story), "meta", "timestamp". A byline keeps its class: it is read on its
    own (`byline`). Cookie banners, share bars and the like are whole elements, still dropped by
    their tags and classes."""
    import lxml.html

    page = copy.deepcopy(tree)
    changed = False
    for listing in page.xpath("//ol[not(ancestor::header or ancestor::nav or ancestor::footer)]"):
        number = int(listing.get("start")) if (listing.get("start") or "").isdigit() else 1
        for item in listing.findall("li"):
            linked = sum(len(a.text_content()) for a in item.iter("a"))
            if linked > len(item.text_content()) / 2:  # a list of links (a contents box) is navigation
                continue
            item.text = f"{number}. {item.text or ''}"
            number += 1
            changed = True
    # An email's quoted message holding a table or a header block: trafilatura keeps a <blockquote>'s
    # text but flattens what is in it, so the quoted "From:"/"Sent:" lines were lost and a table of
    # quotes came out as loose cells. Read as the block it is, it keeps its rows and lines.
    for quote in page.xpath("//blockquote[table or div]"):
        quote.tag = "div"
        changed = True
    for element in page.xpath("//*[contains(concat(' ', @class, ' '), ' mw-editsection ')]"):
        element.drop_tree()
        changed = True
    for table in page.xpath("//table"):
        if _lays_out(table):  # its own rows and cells, not those of a table of data inside it
            own = [e for e in table.iter("thead", "tbody", "tfoot", "tr", "td", "th") if next(e.iterancestors("table")) is table]
            for element in [*own, table]:
                element.tag = "div"
            changed = True
    for paragraph in page.xpath("//p[@class or @id][not(ancestor::header or ancestor::nav or ancestor::footer"
                                " or ancestor::aside or ancestor::form)]"):
        names = f'{paragraph.get("class", "")} {paragraph.get("id", "")}'.lower()
        if not re.search(r"byline|author", names):
            paragraph.attrib.pop("class", None)
            paragraph.attrib.pop("id", None)
            changed = True
    # A review's star rating in a <div> or <span> of its own (`<div class="rating">★★★★☆ Four
    # stars</div>`) is dropped whatever its class: read as the paragraph it is, with the words of
    # its label when it shows only stars (`aria-label="Rating: four out of five stars"`). A box
    # holding a rating (`<div class="rating-badge"><img ...><p>Rating: 4 – Good</p></div>`, a food
    # hygiene rating's page) loses its class, so that what is in it is read.
    for element in page.xpath("//*[self::div or self::span or self::section][@class or @id][not(ancestor::header or "
                              "ancestor::nav or ancestor::footer or ancestor::aside or ancestor::form)]"):
        text = element.text_content().strip()
        if not RATING.search(f'{element.get("class", "")} {element.get("id", "")}') or not text or len(text) > 300:
            continue
        if len(element) == 0:
            label = element.get("aria-label") or element.get("title") or ""
            element.tag = "p"
            if label and not re.search(r"[^\W\d_]", text):  # "★★★★☆": say it in words too
                element.text = f"{element.text or ''} ({label.strip()})"
        element.attrib.clear()
        changed = True
    return page, lxml.html.tostring(page, encoding="unicode") if changed else markup


LAYOUT_BLOCKS = 3  # a cell of a data table holds a paragraph or two (a page saved from Word: one <p> a cell)


def _lays_out(table) -> bool:
    """Whether a <table> is the page's layout, not a table of data: an older page (a 2009 news site
    saved as .htm) puts its navigation, story and sidebar in the cells of one table, and read as a
    table of data the story became one cell, its paragraphs run together with the adverts beside it
    ("...next year.Daughter's angerOutside court..."). A cell holding a heading, another table or
    several paragraphs gives it away."""
    for cell in table.iter("td", "th"):
        blocks = cell.xpath("./*[self::p or self::div or self::ul or self::ol or self::table or self::blockquote]"
                            " | .//*[self::h1 or self::h2 or self::h3]")
        if len(blocks) >= LAYOUT_BLOCKS or any(b.tag in ("h1", "h2", "h3", "table") for b in blocks):
            return True
    return False


BYLINE_XPATH = ("//*[contains(translate(@class, 'BYLINE', 'byline'), 'byline') or contains(@id, 'byline')"
                " or @itemprop='author' or @rel='author']")
MONTHS = ("January February March April May June July August September October November December").split()


def byline(tree, author: str | None, date: str | None, shown: str = "") -> str:
    """Who wrote the page and when it was published, as one line of text: the page's own visible
    byline when it has one (trafilatura leaves it out of the main content), else one made from its
    metadata ("By Fiona McAllister · Published 12 March 2024"). Quoted only for a question about the
    author or the date (answer/statements.py). The date is not added where the main content
    (`shown`) says it in the same words: the page has it on a line of its own, quoted as it is."""
    visible = ""
    for element in tree.xpath(BYLINE_XPATH)[:3]:
        if element.xpath("ancestor::*[contains(@class, 'comment')]"):  # a commenter, not the author
            continue
        element = copy.deepcopy(element)
        for br in element.iter("br"):  # "By Ann Lee, Critic<br>Published 1 May": two parts of one line
            br.tail = " · " + (br.tail or "")
        text = " ".join(element.text_content().split())
        if 0 < len(text) <= 200:
            visible = text
            break
    parts = [visible] if visible else ([f"By {author}"] if author else [])
    day = _human_date(date)
    if day and day not in visible and not (visible and re.search(r"\b(?:19|20)\d\d\b", visible)):
        page = tree.text_content()
        updated = UPDATED_ONLY.search(page) and not PUBLISHED.search(page)
        dated = f"{'Updated' if updated else 'Published'} {day}"
        if dated not in shown:
            parts.append(dated)
    return " · ".join(parts)


# A page that says only when it was last updated ("Page last updated: 2 June 2025", a council's page):
# the date found for it is that one, not a publication date.
UPDATED_ONLY = re.compile(r"\b(?:last (?:updated|modified|reviewed)|updated (?:on|:))|\bupdated\s*:", re.IGNORECASE)
PUBLISHED = re.compile(r"\b(?:published|posted (?:on|at|by)|first posted)\b", re.IGNORECASE)


def _human_date(date: str | None) -> str:
    """'2024-03-12' as '12 March 2024'."""
    found = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", date or "")
    if not found or not 1 <= int(found.group(2)) <= 12:
        return ""
    return f"{int(found.group(3))} {MONTHS[int(found.group(2)) - 1]} {found.group(1)}"


def _html_blocks(element, out: TextBuilder) -> None:
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "list":
            for item in child:
                out.block(_lines(item), joiner="\n")
        elif tag == "table":
            for row in child.iter("row"):
                # A cell's paragraphs and line breaks are apart in it: "Weather<lb/>Pellingford: 7°C".
                cells = [" ".join(" ".join(cell.itertext()).split()) for cell in row]
                while cells and not cells[-1]:
                    cells.pop()
                if len(cells) == 1:  # a caption, as trafilatura gives it: a row of one cell and blanks
                    out.block(cells[0], heading=True)
                else:
                    out.block(" | ".join(cells), joiner="\n")
        elif tag == "quote" and any(isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in child):
            _html_blocks(child, out)  # an email's quoted message: its paragraphs stay paragraphs
        elif tag in BLOCK_TAGS:
            out.block(_lines(child), heading=tag == "head")
        else:
            _html_blocks(child, out)


def _lines(element) -> str:
    """An element's text with its line breaks (trafilatura's <lb/>, the page's <br>): "Mrs Fenella
    Oduya<br>Headteacher" is two lines, not "Mrs Fenella OduyaHeadteacher"."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in ("script", "style"):
            parts.append("\n" if child.tag in ("lb", "br") else _lines(child))
        parts.append(child.tail or "")
    return "".join(parts)


# Sidebars that are no facts: advertisements, share bars, related and most-read links.
ASIDE_JUNK = re.compile(r"\bads?\b|\bad-|advert|sponsor|promo|banner|cookie|share|social|subscribe|related|popular|"
                        r"most-read|trending", re.IGNORECASE)
ASIDE_LINKED = 0.2  # an aside whose text is more than this share link text is a list of links


def _fact_asides(tree) -> list:
    """The page's sidebars that hold facts of their own: trafilatura leaves every <aside> out, and
    a school newsletter's "Dates for your diary" (sports day, term dates) is content, while a
    "Related stories" box is links (most of its text) and an advertisement says so."""
    kept = []
    for aside in tree.xpath("//aside[not(ancestor::aside)]"):
        text = " ".join(aside.text_content().split())
        linked = sum(len(" ".join(link.text_content().split())) for link in aside.xpath(".//a"))
        names = f'{aside.get("class", "")} {aside.get("id", "")}'
        if len(text) >= 80 and linked <= ASIDE_LINKED * len(text) and not ASIDE_JUNK.search(names) \
                and not text.lower().startswith("advert"):
            kept.append(aside)
    return kept


HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
BLOCKISH = {"p", "div", "section", "ul", "ol", "li", "dl", "dt", "dd", "table", "blockquote", *HEADINGS}


def _aside_blocks(element, out: TextBuilder) -> None:
    """A sidebar's headings, list items, tables and paragraphs, as the article's are."""
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in ("", "script", "style", "form", "nav", "button"):
            continue
        if tag in HEADINGS:
            out.block(_lines(child), heading=True)
        elif tag == "li":
            out.block(_lines(child), joiner="\n")
        elif tag == "table":  # a key facts box: "Council tax | Band E", not "Council taxBand E"
            for n, row in enumerate(child.iter("tr")):
                cells = [" ".join(_lines(cell).split()) for cell in row if cell.tag in ("th", "td")]
                out.block(" | ".join(cells), joiner="\n" if n else "\n\n")
        elif any(isinstance(d.tag, str) and d.tag in BLOCKISH for d in child.iterdescendants()):
            _aside_blocks(child, out)
        else:
            out.block(_lines(child))


# -- DOCX -----------------------------------------------------------------------------------------
def read_docx(data: bytes) -> Extracted:
    """Paragraphs, headings and tables in document order (python-docx); headers and footers left out."""
    import io

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        if data.startswith(b"PK"):  # a zip's signature: a document cut short or damaged, not another kind of file
            raise FormatError("damaged DOCX file (its zip archive is cut short or corrupt)") from None
        raise FormatError("not a DOCX file (not a zip archive)") from None
    unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > MAX_UNZIPPED_BYTES:
        raise FormatError(f"zip bomb: it would unpack to {unpacked:,} bytes (limit {MAX_UNZIPPED_BYTES:,})")
    if "word/document.xml" not in archive.namelist():
        raise FormatError("not a DOCX file (no word/document.xml)")
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx and lxml raise many kinds for damaged parts
        raise FormatError(f"damaged DOCX file ({type(error).__name__}: {error})") from None
    out = TextBuilder()
    first_heading, listed = "", False
    number = _ListNumbers(document)
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            paragraph = Paragraph(child, document)
            style = (paragraph.style.name if paragraph.style is not None else "") or ""
            heading = style.startswith(("Heading", "Title"))
            numbered = child.pPr is not None and child.pPr.numPr is not None
            was_listed, listed = listed, numbered or style.startswith("List")
            shown = number(paragraph)
            text = paragraph.text if LIST_ITEM_NUMBER.match(paragraph.text) else shown + paragraph.text
            out.block(text, heading=heading, joiner="\n" if listed and was_listed else "\n\n")
            first_heading = first_heading or (paragraph.text if heading else "")
        elif child.tag.endswith("}tbl"):
            for n, row in enumerate(Table(child, document).rows):
                cells = " | ".join(" ".join(cell.text.split()) for cell in row.cells)
                out.block(cells, joiner="\n" if n else "\n\n")
            listed = False
    title = document.core_properties.title or first_heading
    return out.result(title)


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LIST_ITEM_NUMBER = re.compile(r"\s*\(?\d{1,3}[.)]\s")  # typed by hand as well: "1. Suspected partial tear..."


class _ListNumbers:
    """The number Word shows before a paragraph of a numbered list ("5. "), which is no part of its
    text: "What is step 5?" of a guide's numbered steps, as an HTML or Markdown list keeps its
    numbers. Counted as Word counts them, but for restarts set on the list itself (startOverride):
    per list (numId) and level, a list going on after other paragraphs between, deeper levels
    starting again under each item; only decimal numbering. Damaged definitions give no numbers,
    never a document left unread."""

    def __init__(self, document):
        self.formats: dict[str, dict[int, tuple[str, int]]] = {}  # numId -> level -> (format, start)
        self.counts: dict[str, dict[int, int]] = {}
        try:
            self._read_definitions(document.part.numbering_part.element)
        except (KeyError, NotImplementedError, AttributeError, ValueError, TypeError):
            self.formats = {}  # no lists, or their definitions damaged: the text without numbers

    def _read_definitions(self, numbering) -> None:
        abstract = {}
        for definition in numbering.findall(f"{W}abstractNum"):
            levels = {}
            for level in definition.findall(f"{W}lvl"):
                kind, start = level.find(f"{W}numFmt"), level.find(f"{W}start")
                levels[int(level.get(f"{W}ilvl", "0"))] = (kind.get(f"{W}val") if kind is not None else "decimal",
                                                          int(start.get(f"{W}val", "1")) if start is not None else 1)
            abstract[definition.get(f"{W}abstractNumId")] = levels
        for found in numbering.findall(f"{W}num"):
            ref = found.find(f"{W}abstractNumId")
            if ref is not None:
                self.formats[found.get(f"{W}numId")] = abstract.get(ref.get(f"{W}val"), {})

    def __call__(self, paragraph) -> str:
        try:
            numbering = self._numbering(paragraph)
        except (ValueError, TypeError, AttributeError):  # a damaged numbering property
            return ""
        if numbering is None:
            return ""
        list_id, level = numbering
        kind, start = self.formats.get(list_id, {}).get(level, ("", 1))
        counts = self.counts.setdefault(list_id, {})
        counts[level] = counts.get(level, start - 1) + 1
        for deeper in [k for k in counts if k > level]:
            del counts[deeper]
        return f"{counts[level]}. " if kind == "decimal" else ""

    @staticmethod
    def _numbering(paragraph) -> tuple[str, int] | None:
        """(numId, level) of the paragraph's own numbering, or of its style's (python-docx's
        "List Number")."""
        style = paragraph.style
        for pPr in (paragraph._p.pPr, *(s.element.pPr for s in _styles(style))):
            numPr = pPr.numPr if pPr is not None else None
            if numPr is not None and numPr.numId is not None:
                if numPr.numId.val == 0:  # numbering switched off
                    return None
                return str(numPr.numId.val), int(numPr.ilvl.val) if numPr.ilvl is not None else 0
        return None


def _styles(style):
    """A paragraph style and the styles it is based on."""
    seen = 0
    while style is not None and seen < 10:
        yield style
        style, seen = style.base_style, seen + 1

