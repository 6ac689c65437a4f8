"""Which lines of an article can answer a question: statements, not the page around them.

A document holds more than sentences: bylines ("By Harriet Vosper, Restaurant Critic"), a dateline
or "Published 9 May 2025" on a line of its own or after a " · ", a "©" footer, photo credits, a
table's header row, navigation and addresses, page furniture, and captions or labels with no verb. They stay in the index (they are
searched, and a byline is context), but none of them is the answer to a question: quoted first,
"Exhibition review by Fiona Castellane, 9 October 2024" answered "How many items are shown?".

A line answers when it is a statement: it ends as a sentence does, or it has a verb (an auxiliary,
a past form), or it is a fact laid out as a table row or a "Label: value" line holding a figure
("Admission | £14; concessions £9", "Runtime: 22 minutes"; a house number or a postcode is no such
figure). Shortcut on purpose: verbs are found by their forms (auxiliaries, "-ed", common irregular
past forms), not by a part-of-speech tagger.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.core.lexical import ITEM_NUMBER, terms

# A byline, a credit or a publication line, whatever follows it; or a short line that is no sentence
# naming an author ("Exhibition review by Fiona Castellane, 9 October 2024").
CREDIT = re.compile(r"[Bb]y\s+(?!(?:The|This|That|Then|Now|Law|Far|Way)\b)[A-Z][\w'’.-]+\s+[A-Z]"
                    r"|(?i:(?:photo(?:graph)?s?|pictures?|images?|credit|source|illustration)\s*:"
                    r"|(?:published|updated|posted|last (?:updated|modified)|first published|copyright)\b)|©")
AUTHOR = re.compile(r"\b[Bb]y\s+[A-Z][\w'’.-]+\s+[A-Z]")
AUTHOR_NAME = re.compile(r"\b[Bb]y\s+([A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|de|van|von|da|del|la|le))*\s+[A-Z][\w'’.-]+)")
# A dateline on a line of its own: "LEEDS, 4 March 2025 -".
DATELINE = re.compile(r"[A-Z][A-Z .'’-]+,\s*(?:\w+\s+)?\d{1,2}\s+[A-Z][a-z]+\.?(?:\s+\d{4})?\s*[-–—:]?\s*")
ENDED = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
URL = re.compile(r"(?:https?://|www\.|file://)\S+|\S+@\S+\.\w+")
FIGURE = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
                    r"fifty|hundred|thousand|million|billion|dozen|half)\b", re.IGNORECASE)
# Dates and years, which name a header's columns as often as they state a fact.
DATE_WORDS = re.compile(r"\b(?:\d{1,2}(?:st|nd|rd|th)? )?(?:January|February|March|April|May|June|July|August|"
                        r"September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b"
                        r"(?: \d{1,2}(?:st|nd|rd|th)?\b)?,?(?: \d{4})?|\b(?:1[89]|20)\d\d(?:[/-]\d\d)?\b")
# A cell that gives a figure rather than naming a column: "1 tablet", "£14", "07:15", "-3.2%".
OPENS_WITH_FIGURE = re.compile(r"[-+−]?[£$€¥]?\s?\d")
# The figures of an address: a house number before its street, a postcode. A line whose only figures
# are these is an address, not a fact ("Mrs Rosalind Lyle 17 Copperbeech Walk Farrowden FD6 2RN").
ADDRESS = re.compile(r"\b\d{1,5}[A-Za-z]?,? (?:[A-Z][\w'’-]+ ){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Walk|"
                     r"Way|Close|Drive|Dr|Crescent|Place|Pl|Court|Ct|Square|Sq|Terrace|Gardens|Row|Hill|Park|Mews|"
                     r"Grove|Boulevard|Blvd|Parade|Quay|Wharf|Yard|Green|Rise|View|Vale)\b\.?"
                     r"|\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b|\b[A-Z]{2} \d{5}(?:-\d{4})?\b"
                     r"|\b(?:Flat|Apartment|Apt|Unit|Suite|PO Box)\.? \d+[A-Za-z]?\b")
# A name and the role it holds, on a line of its own: "Rosalind Quaye, Artistic Director" under a
# welcome, "Fraser Mbeki, Club Captain" under a report. It says who holds the role.
NAME_ROLE = re.compile(r"(?:(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Sir|Dame|Rev|Cllr|Councillor)\.? )?"
                       r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,3},\s+[A-Z][\w'’&-]*(?:\s+(?:[A-Z][\w'’&-]*|of|and|the|for|at|in)){0,6}")
ROLE = re.compile(r"\b(?:[Mm]anager|[Dd]irector|[Oo]fficer|[Ss]ecretary|[Cc]hair|[Hh]ead|[Ee]ditor|[Ee]ngineer|[Ll]ead|"
                  r"[Cc]oordinator|[Aa]dministrator|[Aa]ssistant|[Cc]onsultant|[Pp]resident|[Cc]hief|[Cc]lerk|"
                  r"[Tt]reasurer|[Tt]eacher|[Cc]orrespondent|[Aa]nalyst|[Pp]artner|[Ff]ounder|[Oo]wner)")
# A list's pairing of a part or a role with the name that holds it, by a dash: a cast list's "Nan
# Kessell – Siobhan Trevarthen", "Director – Callum Heathcote". Not "Access – step-free entrance via
# Mill Street": the name after the dash is capitalized words only.
NAME_PAIR = re.compile(r"[A-Z][^–—|]{0,60}? [–—] (?:[A-Z][\w'’.-]*)(?: [A-Z][\w'’.-]*){0,3}")
# The period a set of accounts or a report covers, in a heading: "... for the year ended 31 March
# 2025", "... for the six months to 30 June", "as at 31 March 2025". Its "ended" is no verb of the
# line and its date no fact: "Summary of Accounts for the year ended 31 March 2025" answered "What
# was the total spent in the year?" over the table below it.
PERIOD = re.compile(r"\b(?:for|in|during|over) the (?:\w+ )?(?:year|period|quarter|half[- ]year|months|weeks)s? "
                    r"(?:ended|ending|to)\b|\bas at\b", re.I)
LABEL_VALUE = re.compile(r"[A-Z][\w'’()/-]*(?: [\w'’()/-]+){0,3}:\s*\S")
WORD = re.compile(r"[A-Za-z][a-z'’]+")
WORDLIKE = re.compile(r"[^\W\d_]{2}")  # two letters together, in any script
VERBS = frozenset("""
is are was were be been being am isn't aren't wasn't weren't has have had hasn't haven't hadn't having
do does did don't doesn't didn't will would can could shall should may might must won't wouldn't can't
couldn't shouldn't
say says said tell tells told get gets got make makes made take takes took give gives gave go goes went
come comes came see sees saw know knows knew think thinks thought find finds found keep keeps kept
hold holds held lead leads led leave leaves left meet meets met pay pays paid sell sells sold build
builds built buy buys bought bring brings brought begin begins began become becomes became win wins won
lose loses lost run runs ran rise rises rose fall falls fell grow grows grew spend spends spent send
sends sent stand stands stood teach teaches taught write writes wrote speak speaks spoke choose chose
draw drew drive drove eat ate fight fought fly flew forget forgot hit hurt lay laid mean means meant
put puts quit read reads ride rode ring rang set sets shut sing sang sit sat sleep slept steal stole
strike struck swim swam tear tore throw threw understand understood wake woke wear wore cut cuts cost
costs let lets beat beats break breaks broke catch catches caught deal deals dealt feed fed feel feels
felt freeze froze hide hid hang hung lend lent light lit seek sought shake shook shoot shot sink sank
slide slid split spread spring sprang stick stuck sweep swept swing swung withdraw withdrew bear bore
bind bound bleed bled breed bred dig dug flee fled forbid forbade forgive forgave grind ground overcome
overtook rebuild rebuilt seek undertook upheld withheld arise arose awake awoke
includes include contains contain remains remain appears appear seems seem lies lie needs need
wants want plans plan expects expect opens open closes close runs serves serve offers offer
""".split())


@lru_cache(maxsize=20_000)
def is_statement(text: str, after_row: bool = False) -> bool:
    """Whether a candidate line can answer a question (see the module docstring); `after_row`: the
    line before it in the document is a table row (so this one, if a row, is not the header)."""
    line = ITEM_NUMBER.sub("", " ".join(text.split()), count=1)  # "8. DATE OF NEXT MEETING" is a heading
    if not line or CREDIT.match(line) or DATELINE.fullmatch(line) or URL.fullmatch(line.strip(" .")):
        return False
    if any(CREDIT.match(part) for part in line.split(" · ")[1:]):  # "Office of ... · Published 18 September 2025"
        return False
    if not WORDLIKE.search(line):  # a numbered heading's "5.", a bare "2024." says nothing alone
        return False
    if " | " in line:  # a table row: the header names the columns ("Item | Price"), a nav bar its links
        # ... and a header may name them by dates ("Charge | Until 28 February 2025 | From 1 March 2025");
        # "a new play by Freya Lindqvist" in a cell is no byline
        if after_row:
            return True
        if line.count(" | ") == 1 and NAME_ROLE.match(line.replace(" | ", ", ")) and ROLE.search(line.split(" | ")[1]):
            return True  # a signature's "Hannelore Quist | Programme Manager, Kingfisher"
        cells = [DATE_WORDS.sub(" ", cell).strip() for cell in line.split(" | ")]
        if len(cells) >= 3:  # a first row's words may hold figures and verbs: "Maximum in 24 hours", "Paid to"
            return any(OPENS_WITH_FIGURE.match(cell) for cell in cells)
        return bool(FIGURE.search(DATE_WORDS.sub(" ", line))) or _has_verb(line)
    if AUTHOR.search(line) and len(line) < 120 and not ENDED.search(line):
        return False
    if not ENDED.search(line) and PERIOD.search(line):  # a heading naming its period: its date is no fact
        line = DATE_WORDS.sub(" ", PERIOD.sub(" ", line))
    return bool(ENDED.search(line) or _has_verb(line) or LABEL_VALUE.match(line) or FIGURE.search(ADDRESS.sub(" ", line))
                or NAME_ROLE.fullmatch(line) or NAME_PAIR.fullmatch(line))


# Where two cells of a table row meet: " | ", twice around an empty cell (" | | ").
CELL_CUT = re.compile(r"(?<= )\|(?= )")


def table_header(document: str, start: int, end: int) -> str | None:
    """The header row of the table whose row `document[start:end]` is ("Ticket | Adult | Teen (13-17)
    | Child (5-12)" for "Weekend with camping | £145 | £80 | £35": which figure is the adult's?), or
    None: the quote is not one whole row of three cells or more (a label and its value need no
    header), it is its table's first row, that row has another number of cells, or it is itself a
    statement (its figures in brackets aside)."""
    def cuts(row: str) -> int:  # " | | " is two: an empty cell between them
        return len(CELL_CUT.findall(row))

    line = document.rfind("\n", 0, start) + 1
    cells = cuts(document[start:end])
    if cells < 2 or "\n" in document[start:end] or document[line:start].strip():
        return None
    first = line
    while first > 0:  # up the rows of as many cells: a table just above is another one
        above = document.rfind("\n", 0, first - 1) + 1
        if cuts(document[above : first - 1]) != cells:
            break
        first = above
    if first == line:  # the table's first row
        return None
    header = document[first : document.index("\n", first)]
    return None if cuts(header) != cells or is_statement(re.sub(r"\([^)]*\)", "", header)) else header


# A question about the article itself: who wrote it, when it was published. Only then does a credit
# line (a byline, "Published 12 March 2024", the HTML reader's header line) answer.
THE_PIECE = (r"(?:(?:the |this |that )?(?:[\w'’-]+ ){0,4}?"
             r"(?:article|review|story|piece|report|post|obituary|column|write-up|feature|announcement|"
             r"(?:press|news) release|newsletter|bulletin|editorial|essay|page)|it)")
AUTHOR_QUESTION = re.compile(
    rf"\bwho (?:wrote|authored|penned|reported) {THE_PIECE}\b|\b(?:author|writer|byline) of {THE_PIECE}\b"
    rf"|\bwho (?:is|was) the (?:author|writer|reporter)(?: of {THE_PIECE})?\s*\??\s*$|\bwhose byline\b"
    # "Who reviewed the gig for the paper?": the review's writer
    r"|\bwho reviewed (?:it|this|(?:the |that |this )(?:[\w'’-]+ ){0,4}?(?:gig|concert|show|film|movie|play|album|"
    r"book|novel|restaurant|exhibition|production|performance|musical|opera|ballet|game|meal))\b", re.IGNORECASE)
DATE_QUESTION = re.compile(
    rf"\bwhen (?:was|did) {THE_PIECE}(?: [\w'’-]+){{0,6}}? (?:first )?(?:published|posted|written|put online|come out|appear)\b"
    rf"|\b(?:publication|published) date of {THE_PIECE}\b|^\s*(?:what is the )?publication date\s*\??\s*$",
    re.IGNORECASE)
A_DATE = re.compile(r"\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|"
                    r"December) \d{4}\b|\b(?:January|February|March|April|May|June|July|August|September|October|"
                    r"November|December) \d{1,2},? \d{4}\b|\b\d{4}-\d\d-\d\d\b")


# Who signed a letter: the name under its closing ("Yours sincerely," then "Dr Owain Prys-Jenkins").
LETTER = r"(?:the |this |that |my |our |your |his |her |their )(?:[\w'’-]+ ){0,3}?(?:letter|e-?mail|note|message|memo|update)"
SIGNER_QUESTION = re.compile(rf"\bwho (?:signed|wrote|sent) {LETTER}\b|\bwho (?:is|was) {LETTER} from\b"
                             r"|^\s*who signed (?:it|this|that)\s*\??\s*$", re.IGNORECASE)
# An email's sender, in its headers: "From: Hannelore Quist <h.quist@example.co.uk>".
SENT_BY = re.compile(r"From:\s*[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)+\s*(?:<[^<>\s]+>)?\s*")
SIGNATURE = re.compile(r"(?:(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Sir|Dame|Rev|Cllr)\.? )?[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)+")
CLOSING = re.compile(r"(?:yours (?:sincerely|faithfully|truly)|(?:kind|best|warm|with best) regards|regards|"
                     r"(?:best|with best) wishes|sincerely|with thanks|many thanks),?\s*$", re.IGNORECASE)


def asks_for_credit(question: str) -> str:
    """"author" or "date" when the question asks who wrote the article or when it was published,
    "signer" when it asks who signed a letter, else ""."""
    if SIGNER_QUESTION.search(question):
        return "signer"
    return "author" if AUTHOR_QUESTION.search(question) else "date" if DATE_QUESTION.search(question) else ""


# What may stand between a closing and the name typed under it: the signature as written ("C.
# Petrakis"), "pp", "(signed)".
SIGNED_AS = re.compile(r"\n\s*(?:(?:[A-Z]\.\s?)+[A-Z][\w'’-]+|p\.?p\.?|\(signed\))\s*$", re.IGNORECASE)


def signs(text_before: str) -> bool:
    """Whether a line after `text_before` is a letter's signature: it comes right after a closing,
    or after the signature as written under the closing ("Yours faithfully," "C. Petrakis")."""
    before = text_before[-90:].rstrip()
    return bool(CLOSING.search(before) or CLOSING.search(SIGNED_AS.sub("", before).rstrip()))


CREDIT_WORDS = re.compile(r"(?:wr[io]te|written|author|writer|reporter|byline|articl|review|stori|stories|piec|report|"
                          r"post|obituari|column|featur|announc|press|news|releas|newslett|bulletin|editori|essay|"
                          r"page|publish|public|date|penn|first|sign|sent|letter|e-?mail|note)\w*")


# The kinds of piece a question may name, beyond an article or a story: "the press release", "the
# obituary", "the review".
PIECE_KINDS = re.compile(r"(?:review|report|obituari|column|featur|announc|releas|newslett|bulletin|editori|essay)\w*")


def kind_terms(question: str) -> list[str]:
    """The terms of a question that name the kind of piece it asks about ("releas" of "the press
    release"): an article that never uses them is not the one asked about."""
    return [term for term in terms(question) if PIECE_KINDS.fullmatch(term)]


def topic_terms(question: str) -> list[str]:
    """The terms of a question about an article's author or date that say which article ("the
    review of The Salt Road", "the article about the storm"): the article quoted must hold them."""
    return [term for term in terms(question) if not CREDIT_WORDS.fullmatch(term)]


def credits(line: str, asked: str) -> bool:
    """Whether a credit line holds what `asks_for_credit` found asked: a byline's name, or a date."""
    line = " ".join(line.split())
    if asked in ("signer", "author") and SENT_BY.fullmatch(line):  # the email's sender wrote it
        return True
    if len(line) > 200 or (is_statement(line) and not (asked == "signer" and NAME_ROLE.fullmatch(line))):
        return False  # a sentence that names someone is no byline; a signature may give a role
    if asked == "signer":  # a name opening a line; that it follows a closing is ranking.credit_first's check
        return bool(SIGNATURE.match(line))
    return bool(AUTHOR.search(line)) if asked == "author" else bool(A_DATE.search(line))


def _has_verb(line: str) -> bool:
    words = [w for w in WORD.findall(line) if w.islower()]  # "May" in a date is no verb
    return any(w in VERBS or (len(w) > 4 and w.endswith("ed")) for w in words)
