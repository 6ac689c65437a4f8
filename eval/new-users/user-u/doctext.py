"""Plain text of each document (for checking answers and word counts), read independently of the bot."""
import re
from html.parser import HTMLParser
from pathlib import Path

import docx

ROOT = Path(__file__).resolve().parent
ART = ROOT / "articles"
SRC = ROOT / "sources"


class _Text(HTMLParser):
    SKIP = {"script", "style", "head"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        if tag in {"p", "li", "tr", "h1", "h2", "h3", "br", "div", "td", "th", "title"}:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_text(raw: str) -> str:
    p = _Text()
    p.feed(raw)
    return re.sub(r"[ \t\r\n]+", " ", "".join(p.parts))


def text_of(name: str) -> str:
    path = ART / name
    if name.endswith(".pdf"):
        return html_text((SRC / (path.stem + ".html")).read_text(encoding="utf-8"))
    if name.endswith(".htm"):
        return html_text(path.read_bytes().decode("cp1252"))
    if name.endswith(".html"):
        return html_text(path.read_text(encoding="utf-8"))
    if name.endswith(".docx"):
        d = docx.Document(str(path))
        parts = [p.text for p in d.paragraphs]
        for t in d.tables:
            for row in t.rows:
                for cell in row.cells:
                    parts.append(cell.text)
        return re.sub(r"\s+", " ", "\n".join(parts))
    return path.read_text(encoding="utf-8")


if __name__ == "__main__":
    for f in sorted(ART.iterdir()):
        print(f.name, len(text_of(f.name).split()))
