"""Make real documents for the tests and the format benchmark: PDF, DOCX, HTML and Markdown.

The PDF writer is small on purpose but makes what real writers make: an embedded TrueType font
(DejaVu Sans, which matplotlib ships, subset with fontTools) addressed by two-byte codes with a
ToUnicode map, compressed streams, a larger heading, lines wrapped to the column by measured glyph
widths, long words hyphenated at the line end, a gap between paragraphs, several pages with a page
number at the foot. With ``spaces="gaps"`` words are placed by TJ offsets with no space glyph
between them, as LaTeX does, so an extractor has to find the spaces from the geometry. Characters
the font lacks (CJK) are drawn as the empty glyph but keep their text through ToUnicode.

DOCX goes through python-docx (title, headings, paragraphs, an optional table); HTML is an article
inside navigation, a script, a style sheet, a comment section and a footer; Markdown has a heading
and paragraphs soft-wrapped at 72 columns.
"""

from __future__ import annotations

import html
import io
import logging
import re
import textwrap
import unicodedata
import zlib
from pathlib import Path

PAGE_W, PAGE_H, MARGIN = 612, 792, 72
BODY, LEADING, PARAGRAPH_GAP, HEADING = 11, 14, 8, 18
HYPHENATE_MIN = 8  # letters in a word before it may be split at a line end


# -- PDF ------------------------------------------------------------------------------------------
class _Font:
    """DejaVu Sans subset to the characters used; one CID per character (CIDToGIDMap)."""

    def __init__(self, chars: set[str]):
        import matplotlib
        from fontTools import subset
        from fontTools.ttLib import TTFont

        path = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
        full = TTFont(str(path))
        cmap = full.getBestCmap()
        logging.getLogger("fontTools.subset").setLevel(logging.ERROR)  # "FFTM NOT subset": harmless
        options = subset.Options()
        options.notdef_outline = True
        options.name_IDs = ["*"]
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=[ord(c) for c in chars if ord(c) in cmap])
        subsetter.subset(full)
        buffer = io.BytesIO()
        full.save(buffer)
        self.data = buffer.getvalue()
        font = TTFont(io.BytesIO(self.data))
        scale = 1000 / font["head"].unitsPerEm
        sub_cmap, metrics = font.getBestCmap(), font["hmtx"].metrics
        self.cid: dict[str, int] = {}
        self.gid: list[int] = [0]
        self.width: dict[str, float] = {}
        for ch in sorted(chars):
            self.cid[ch] = len(self.gid)
            name = sub_cmap.get(ord(ch))
            self.gid.append(font.getGlyphID(name) if name else 0)
            invisible = unicodedata.category(ch) == "Cf"
            self.width[ch] = 0 if invisible else metrics[name][0] * scale if name else 1000
        head = font["head"]
        self.bbox = [int(v * scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax)]
        self.ascent, self.descent = int(font["hhea"].ascent * scale), int(font["hhea"].descent * scale)

    def measure(self, text: str, size: float) -> float:
        return sum(self.width[c] for c in text) * size / 1000

    def codes(self, text: str) -> str:
        return "<" + "".join(f"{self.cid[c]:04X}" for c in text) + ">"

    def to_unicode(self) -> bytes:
        entries = [f"<{cid:04X}> <{ch.encode('utf-16-be').hex().upper()}>" for ch, cid in self.cid.items()]
        blocks = [f"{len(part)} beginbfchar\n" + "\n".join(part) + "\nendbfchar"
                  for part in (entries[i:i + 100] for i in range(0, len(entries), 100))]
        return ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
                + "\n".join(blocks) + "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n").encode()


def _wrap(font: _Font, words: list[str], size: float, width: float, hyphenate: bool) -> list[list[str]]:
    """Greedy line filling; a long word that does not fit is split with a hyphen when it helps."""
    lines, line = [], []
    space = font.measure(" ", size)
    used = 0.0
    for word in words:
        need = font.measure(word, size) + (space if line else 0)
        if used + need <= width or not line:
            line.append(word)
            used += need
            continue
        letters = re.fullmatch(r"([A-Za-z]+)([^A-Za-z]*)", word)
        if hyphenate and letters and len(letters.group(1)) >= HYPHENATE_MIN:
            for cut in range(len(letters.group(1)) - 3, 2, -1):
                head = word[:cut] + "-"
                if used + space + font.measure(head, size) <= width:
                    line.append(head)
                    lines.append(line)
                    line, used = [word[cut:]], font.measure(word[cut:], size)
                    break
            else:
                lines.append(line)
                line, used = [word], font.measure(word, size)
            continue
        lines.append(line)
        line, used = [word], font.measure(word, size)
    if line:
        lines.append(line)
    return lines


def _line_ops(font: _Font, words: list[str], size: float, x: float, y: float, gaps: bool) -> str:
    if not gaps:
        return f"BT /F1 {size} Tf {x:.2f} {y:.2f} Td {font.codes(' '.join(words))} Tj ET\n"
    space = round(font.width[" "]) if " " in font.width else 278
    parts = [font.codes(w) for w in words]
    return f"BT /F1 {size} Tf {x:.2f} {y:.2f} Td [{f' -{space} '.join(parts)}] TJ ET\n"


def write_pdf(path: Path, title: str, paragraphs: list[str], *, spaces: str = "chars",
              hyphenate: bool = True, page_numbers: bool = True, unicode_map: bool = True) -> Path:
    """A PDF of `title` (metadata and a heading) and `paragraphs`, wrapped onto as many pages as needed.
    Without `unicode_map` the font has no ToUnicode map: the glyphs' codes say nothing of their text."""
    gaps = spaces == "gaps"
    paragraphs = [" ".join(p.split()) for p in paragraphs if p.strip()]
    chars = set(title) | set("".join(paragraphs)) | set("-0123456789 ")
    font = _Font(chars)
    width = PAGE_W - 2 * MARGIN
    pages: list[str] = []
    ops, y = "", PAGE_H - MARGIN

    def new_page():
        nonlocal ops, y
        if ops:
            number = str(len(pages) + 1)
            if page_numbers:
                ops += _line_ops(font, [number], 9, (PAGE_W - font.measure(number, 9)) / 2, 40, gaps)
            pages.append(ops)
        ops, y = "", PAGE_H - MARGIN

    for line in _wrap(font, title.split(), HEADING, width, False):
        y -= HEADING * 1.3
        ops += _line_ops(font, line, HEADING, MARGIN, y, gaps)
    y -= PARAGRAPH_GAP * 2
    for paragraph in paragraphs:
        for line in _wrap(font, paragraph.split(" "), BODY, width, hyphenate):
            if y - LEADING < MARGIN:
                new_page()
            y -= LEADING
            ops += _line_ops(font, line, BODY, MARGIN, y, gaps)
        y -= PARAGRAPH_GAP
    new_page()
    return _write_pdf_objects(path, font, title, pages, unicode_map)


def _stream(data: bytes, extra: str = "") -> bytes:
    packed = zlib.compress(data)
    return f"<< /Length {len(packed)} /Filter /FlateDecode {extra}>>\nstream\n".encode() + packed + b"\nendstream"


def _write_pdf_objects(path: Path, font: _Font, title: str, pages: list[str], unicode_map: bool = True) -> Path:
    n = len(pages)
    first_page = 10
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: f"<< /Type /Pages /Kids [{' '.join(f'{first_page + 2 * i} 0 R' for i in range(n))}] /Count {n} >>".encode(),
        3: b"<< /Type /Font /Subtype /Type0 /BaseFont /SBTEST+DejaVuSans /Encoding /Identity-H "
           b"/DescendantFonts [4 0 R]" + (b" /ToUnicode 5 0 R >>" if unicode_map else b" >>"),
        4: ("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SBTEST+DejaVuSans /CIDSystemInfo "
            "<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 6 0 R /DW 1000 "
            f"/W [1 [{' '.join(str(round(font.width[c])) for c in font.cid)}]] /CIDToGIDMap 7 0 R >>").encode(),
        5: _stream(font.to_unicode()),
        6: (f"<< /Type /FontDescriptor /FontName /SBTEST+DejaVuSans /Flags 32 /FontBBox {font.bbox} "
            f"/ItalicAngle 0 /Ascent {font.ascent} /Descent {font.descent} /CapHeight 729 /StemV 80 "
            "/FontFile2 8 0 R >>").encode().replace(b",", b""),
        7: _stream(b"".join(g.to_bytes(2, "big") for g in font.gid)),
        8: _stream(font.data, f"/Length1 {len(font.data)} "),
        9: f"<< /Title <FEFF{title.encode('utf-16-be').hex().upper()}> /Producer (seedbot tests docgen) >>".encode(),
    }
    for i, ops in enumerate(pages):
        objects[first_page + 2 * i] = (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {first_page + 2 * i + 1} 0 R >>").encode()
        objects[first_page + 2 * i + 1] = _stream(ops.encode())
    path.write_bytes(assemble_pdf(objects, info=9))
    return path


def assemble_pdf(objects: dict[int, bytes], info: int | None = None) -> bytes:
    """Numbered objects (1 is the catalog) into a PDF file with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += f"{number} 0 obj\n".encode() + objects[number] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += f"xref\n0 {size}\n0000000000 65535 f \n".encode()
    for number in range(1, size):
        out += (f"{offsets[number]:010d} 00000 n \n" if number in offsets else "0000000000 65535 f \n").encode()
    trailer = f"/Size {size} /Root 1 0 R" + (f" /Info {info} 0 R" if info else "")
    out += f"trailer\n<< {trailer} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def write_scanned_pdf(path: Path, pages: int = 2) -> Path:
    """A PDF as a scanner makes it: each page one grey image, no text layer."""
    import random

    rng = random.Random(7)
    kids = " ".join(f"{3 + 3 * i} 0 R" for i in range(pages))
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
               2: f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode()}
    for i in range(pages):
        page, content, image = 3 + 3 * i, 4 + 3 * i, 5 + 3 * i
        objects[page] = (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] "
                         f"/Resources << /XObject << /Im1 {image} 0 R >> >> /Contents {content} 0 R >>").encode()
        draw = f"q {PAGE_W - 2 * MARGIN} 0 0 {PAGE_H - 2 * MARGIN} {MARGIN} {MARGIN} cm /Im1 Do Q"
        objects[content] = _stream(draw.encode())
        pixels = bytes(rng.randrange(180, 256) for _ in range(120 * 160))
        objects[image] = _stream(pixels, "/Type /XObject /Subtype /Image /Width 120 /Height 160 "
                                         "/ColorSpace /DeviceGray /BitsPerComponent 8 ")
    path.write_bytes(assemble_pdf(objects))
    return path


def write_looping_pdf(path: Path) -> Path:
    """A PDF whose page tree is a loop: the root's one kid is a page-tree node whose kid is the root."""
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
               2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               3: b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>"}
    path.write_bytes(assemble_pdf(objects))
    return path


# -- DOCX, HTML, Markdown -------------------------------------------------------------------------
def write_docx(path: Path, title: str, paragraphs: list[str], table: list[list[str]] | None = None) -> Path:
    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.add_heading(title, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(" ".join(paragraph.split()))
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    section = document.sections[0]
    section.header.paragraphs[0].text = f"{title}: internal draft"
    section.footer.paragraphs[0].text = "Page footer text"
    document.save(str(path))
    return path


HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>body {{ font-family: sans-serif; }} nav a {{ margin: 0 1em; }}</style>
<script>window.dataLayer = window.dataLayer || []; function track() {{ dataLayer.push("view"); }}</script>
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/about">About us</a></li><li><a href="/login">Sign in</a></li></ul></nav></header>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept all cookies</button></div>
<main><article><h1>{title}</h1>
{body}
</article>
<section id="comments" class="comments"><h2>3 comments</h2>
<div class="comment"><p class="author">jane_doe wrote:</p><p>Great read, thanks for sharing this with everyone!</p></div>
<div class="comment"><p class="author">bob1987 wrote:</p><p>I disagree with most of it, but nice photos anyway.</p></div>
<div class="comment"><p class="author">spam bot wrote:</p><p>Buy cheap watches online at the best prices today.</p></div>
<form><textarea>Leave a reply</textarea><button>Post comment</button></form></section></main>
<aside><h3>Related posts</h3><ul><li><a href="/a">Ten things you did not know about cheese</a></li>
<li><a href="/b">The best hiking trails of the year</a></li></ul></aside>
<footer><p>Copyright 2024 Example Media Ltd. All rights reserved.</p><p><a href="/privacy">Privacy policy</a> | <a href="/terms">Terms of use</a></p></footer>
<script>track();</script>
</body></html>
"""


def write_html(path: Path, title: str, paragraphs: list[str]) -> Path:
    body = "\n".join(f"<p>{html.escape(' '.join(p.split()))}</p>" for p in paragraphs if p.strip())
    path.write_text(HTML_PAGE.format(title=html.escape(title), body=body), encoding="utf-8")
    return path


MD_SPECIAL = re.compile(r"([\\`*_\[\]<>&#|~!])")
MD_LINE_START = re.compile(r"^(?:([-+=])|(\d+)(?=[.)]))", re.MULTILINE)


def _md_escape(text: str) -> str:
    return MD_SPECIAL.sub(r"\\\1", text)


def write_markdown(path: Path, title: str, paragraphs: list[str]) -> Path:
    """Plain text as Markdown, as a converter writes it: special characters escaped, and a wrapped
    line that would open a list or underline a heading ("- ", "1. ", "===") escaped too."""
    blocks = [f"# {_md_escape(title)}"]
    for paragraph in paragraphs:
        if paragraph.strip():
            wrapped = textwrap.fill(_md_escape(" ".join(paragraph.split())), 72, break_on_hyphens=False,
                                    break_long_words=False)
            blocks.append(MD_LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\", wrapped))
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    return path


def write_zip_bomb(path: Path, unpacked: int = 200_000_000) -> Path:
    """A ".docx" that is a zip bomb: word/document.xml unpacks to `unpacked` bytes of zeros."""
    import zipfile

    block = b"0" * (1 << 20)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(unpacked // len(block)):
                member.write(block)
    return path


# -- long plain-text articles -----------------------------------------------------------------------
PLACES = ["Ostrava", "Kelmouth", "Arnsby", "Wyrdale", "Penmarrow", "Brackwater", "Feldheim", "Velloria",
          "Dunmarsh", "Carrowmore", "Tessaly", "Lindqvist"]
SUBJECTS = ["The harbour board", "The town council", "A local historian", "The railway company", "The museum",
            "The fishing cooperative", "The school governors", "A visiting engineer", "The parish clerk"]
VERBS = ["recorded", "rebuilt", "surveyed", "described", "financed", "extended", "repaired", "photographed",
         "catalogued", "inspected"]
THINGS = ["the northern breakwater", "the old tram depot", "the granite lighthouse", "the salt warehouses",
          "the river ferry", "the market hall", "the signal box", "the lifeboat station", "the mill race",
          "the customs house"]


def write_long_articles(folder: Path, count: int, start: int = 0, size: int = 40_000) -> Path:
    """`count` plain-text articles of about `size` characters each (articles start..start+count-1 of
    an endless deterministic series): paragraphs of distinct sentences, long enough that building
    them takes seconds, so a test can act while a build is in flight."""
    import random

    folder.mkdir(parents=True, exist_ok=True)
    for n in range(start, start + count):
        rng = random.Random(n)
        place = PLACES[n % len(PLACES)]
        paragraphs, length = [], 0
        while length < size:
            sentences = [f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(THINGS)} of {place} in "
                         f"{rng.randrange(1820, 2020)}, at a cost of {rng.randrange(2, 900)} thousand crowns."
                         for _ in range(rng.randrange(3, 7))]
            paragraphs.append(" ".join(sentences))
            length += len(paragraphs[-1]) + 2
        (folder / f"{n:02d}_{place.lower()}.txt").write_text(f"{place} chronicle {n}\n\n" + "\n\n".join(paragraphs)
                                                              + "\n", encoding="utf-8")
    return folder


# -- PDF printed by a browser ---------------------------------------------------------------------
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
PRINTED_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>body {{ font-family: serif; font-size: 12pt; margin: 1.5cm; }} p {{ text-align: justify; hyphens: auto; }}
main {{ columns: {columns}; column-gap: 1cm; }} table {{ border-collapse: collapse; margin: 1em 0; }}
td, th {{ border: 1px solid #999; padding: 2px 8px; }} th {{ text-align: {header_align}; }}</style>
</head><body><h1>{title}</h1><main>
{body}
</main></body></html>
"""


def write_printed_pdf(path: Path, title: str, paragraphs: list[str], *, header_footer: bool = True,
                      columns: int = 1, table: list[list[str]] | None = None, header_align: str = "center",
                      markup: str = "", closing: str = "") -> Path:
    """`paragraphs` (and a table after the first one) as a web page, printed to PDF by Chromium
    ("Save as PDF"): justified text, by default with the browser's header (date, title) and footer
    (address, "1/3") on every page; the table's header cells centred, as browsers show them, or as
    `header_align` says. `markup` and `closing` are HTML of the test's own put before and after the
    paragraphs. $CHROMIUM
    names the browser (default Debian's /usr/bin/chromium)."""
    import os
    import subprocess
    import tempfile

    blocks = [f"<p>{html.escape(' '.join(p.split()))}</p>" for p in paragraphs if p.strip()]
    if table:
        rows = [f"<tr>{''.join(f'<{tag}>{html.escape(cell)}</{tag}>' for cell in row)}</tr>"
                for row, tag in zip(table, ["th"] + ["td"] * len(table))]
        blocks.insert(1, f"<table>{''.join(rows)}</table>")
    with tempfile.TemporaryDirectory() as work:
        page = Path(work) / (path.stem + ".html")
        page.write_text(PRINTED_PAGE.format(title=html.escape(title), columns=columns, body="\n".join([markup, *blocks, closing]),
                                            header_align=header_align), encoding="utf-8")
        args = [os.environ.get("CHROMIUM") or "/usr/bin/chromium", *CHROMIUM_ARGS, f"--user-data-dir={work}/profile",
                f"--print-to-pdf={path.resolve()}", *([] if header_footer else ["--no-pdf-header-footer"]),
                page.as_uri()]
        subprocess.run(args, check=True, capture_output=True, timeout=120)
    return path


def write_browser_pdf(path: Path, title: str, paragraphs: list[str]) -> Path:
    """The articles' browser-printed kind: one column with the header and footer, or two without."""
    two = sum(map(ord, path.stem)) % 2 == 1
    return write_printed_pdf(path, title, paragraphs, header_footer=not two, columns=2 if two else 1)


WRITERS = {"pdf": write_pdf, "docx": write_docx, "html": write_html, "md": write_markdown,
           "browser.pdf": write_browser_pdf}


def convert_articles(articles: Path, out: Path, kind: str) -> list[Path]:
    """Write every `NN_Title.txt` of `articles` (paragraphs between blank lines) as `NN_Title.<kind>`.

    PDFs alternate between space glyphs and TJ gaps, so both kinds of PDF are in every sample.
    """
    out.mkdir(parents=True, exist_ok=True)
    made = []
    for number, source in enumerate(sorted(articles.glob("*.txt"))):
        text = source.read_text(encoding="utf-8")
        paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
        title = re.sub(r"^\d+_", "", source.stem).replace("_", " ")
        target = out / f"{source.stem}.{kind}"
        if kind == "pdf":
            write_pdf(target, title, paragraphs, spaces="gaps" if number % 2 else "chars")
        else:
            WRITERS[kind](target, title, paragraphs)
        made.append(target)
    return made
