"""What kind of thing a question asks for, and which kinds a sentence holds that the question lacks.

"When" wants a year or a date, "how many" a number, "who" a name, "which country" a country. A
sentence that repeats the question's words but holds nothing of the asked kind is rarely the answer
(a headline restating the story, a question quoted as a subheading). Kinds are found with patterns
and two small gazetteers (countries, U.S. states): general knowledge, not tuned to any article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.core.lexical import ITEM_NUMBER, STOP_WORDS, terms, words

ASKS = {
    "when": re.compile(r"\b(when|what (year|date|day|month|century|decade|time|period|era)|which (year|century|decade|month|day))\b"),
    "count": re.compile(r"\b(how (many|much|long|far|old|large|big|tall|high|often|fast|deep|wide)|what (percentage|percent|proportion|number|amount|size|temperature|population|age))\b"),
    "who": re.compile(r"\b(who|whom|whose|which (person|man|woman|people|group|company|team|organization|player|king|president))\b"),
    "where": re.compile(r"\b(where|what (country|city|state|place|region|location|continent|river|town)|which (country|city|state|place|region|river|town))\b"),
    "percent": re.compile(r"\b(percent|percentage|proportion|share|fraction)\b"),
    "money": re.compile(r"\b(how much (money|did|does|was|is|were)|cost|price|worth|paid|budget|revenue|salary)\b"),
    "why": re.compile(r"\b(why|what (caused|causes|led|reason))\b"),
    "called": re.compile(r"\b(called|named|known as|the name|term for|what name)\b"),
    # "which team", "what company", "which of these films": a thing with a name of its own.
    "which": re.compile(r"\b(which|what)\s+(?!(is|was|are|were|do|does|did|has|have|had|can|could|will|would|"
                        r"should|may|might|must|kind|type|sort|happens?|happened)\b)[a-z]+"),
    "country": re.compile(r"\b(which|what) (\w+ )?(country|nation)\b"),
    "state": re.compile(r"\b(which|what) (\w+ )?(u\.?s\.? )?state\b"),
    "age": re.compile(r"\b(how old|what age|what is the age|aged?)\b"),
    "birth": re.compile(r"\b(born|date of birth|birth ?date|birthday)\b"),
    "phone": re.compile(r"\b(tele)?phone\b|\bnumber (should|do|can|to) (i|you|we|people) (call|ring|dial)\b"),
    "dose": re.compile(r"\b(dose|dosage|how many (mg|milligrams|tablets|pills|capsules))\b"),
    "person": re.compile(r"\b(who|whom|whose|which (\w+ )?(person|man|woman|actor|actress|singer|rapper|star|"
                         r"player|athlete|ceo|leader|president|senator|governor|minister|judge|celebrity|host|"
                         r"coach|artist|musician|author|officer|official|billionaire|founder|politician))\b"),
}

PERCENT = re.compile(r"%|\bper ?cent\b", re.I)
MONEY = re.compile(r"[$£€¥]|\b(dollars?|pounds?|euros?|yen|francs?)\b", re.I)
BECAUSE = re.compile(r"\b(because|due to|since|so that|in order to|as a result|owing to|led to|caused)\b", re.I)
# An age: "aged 71", "ages 12 and over", "a 71-year-old", "Sixteen-year-old Marek", "Penelope
# Staithes, 71, ...", "(71)", or said at the end of a clause ("She was 89.", "died at 89, ...").
UNITS_IN_WORDS = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen)"
AGE_IN_WORDS = rf"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-{UNITS_IN_WORDS})?|{UNITS_IN_WORDS})"
AGE = re.compile(rf"\b(age[ds]?|at the age of)\s+\d{{1,3}}\b|\b(?:\d{{1,3}}|{AGE_IN_WORDS})[- ]years?[- ]old\b"
                 r"|, \d{1,3}, |\(\d{1,3}\)|\b(?:is|was|turned|turns|died at)\s+\d{1,3}(?=\s*(?:[.;,]|$))", re.I)
PHONE = re.compile(r"\+?\d[\d ()-]{7,}\d")
# A birth said as one ("born", "date of birth", "b. 1931"), or a life's years ("(1931-2025)").
BIRTH = re.compile(r"\bborn\b|\bbirth|\bb\. ?\d|\((?:b\. )?\d{4} ?[-–] ?(?:\d{4})? ?\)", re.I)
# A medicine's dose: "90 mg", "two tablets", "5 ml".
DOSE = re.compile(r"\b(\d+(\.\d+)?|one|two|three|four)\s*(mg|mcg|µg|micrograms?|milligrams?|g|grams?|ml|millilitres?|"
                  r"units?|tablets?|capsules?|pills?|puffs?|drops?|iu)\b", re.I)
QUOTED = re.compile(r"[\"“'‘][^\"”'’]{2,40}[\"”'’]")
YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})s?\b")
MONTH = re.compile(r"\b(january|february|march|april|may|june|july|august|september|october|november|december)\b", re.I)
NUMBER = re.compile(r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:thir|four|fif|six|seven|"
                    r"eigh|nine)teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|"
                    r"billion|dozen)\b", re.I)
# A capitalized word that does not start a sentence: most often (part of) a name.
CAPITALIZED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-zA-Z]+")
# Two or more capitalized words in a row, as in a person's name ("Julianne Hough", "Max Park").
FULL_NAME = re.compile(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)+\b")

COUNTRIES = frozenset("""
afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahamas
bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana brazil brunei
bulgaria burkina burundi cambodia cameroon canada chad chile china colombia comoros congo croatia
cuba cyprus czechia czech denmark djibouti dominica ecuador egypt eritrea estonia eswatini ethiopia
fiji finland france gabon gambia georgia germany ghana greece grenada guatemala guinea guyana haiti
honduras hungary iceland india indonesia iran iraq ireland israel italy jamaica japan jordan
kazakhstan kenya kiribati kosovo kuwait kyrgyzstan laos latvia lebanon lesotho liberia libya
liechtenstein lithuania luxembourg madagascar malawi malaysia maldives mali malta mauritania
mauritius mexico micronesia moldova monaco mongolia montenegro morocco mozambique myanmar burma
namibia nauru nepal netherlands holland nicaragua niger nigeria macedonia norway oman pakistan palau
palestine panama paraguay peru philippines poland portugal qatar romania russia rwanda samoa
senegal serbia seychelles singapore slovakia slovenia somalia spain sudan suriname sweden
switzerland syria taiwan tajikistan tanzania thailand togo tonga trinidad tunisia turkey turkmenistan
tuvalu uganda ukraine uruguay uzbekistan vanuatu vatican venezuela vietnam yemen zambia zimbabwe
britain england scotland wales america usa uk korea emirates uae greenland
""".split()) | {"united states", "united kingdom", "south korea", "north korea", "south africa",
                "new zealand", "saudi arabia", "sri lanka", "costa rica", "el salvador", "ivory coast",
                "dominican republic", "czech republic", "united arab emirates", "papua new guinea"}
US_STATES = frozenset("""
alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho
illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota
mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah
vermont virginia washington wisconsin wyoming
""".split()) | {"new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota",
                "rhode island", "south carolina", "south dakota", "west virginia"}


def asked(question: str) -> frozenset[str]:
    """The kinds of answer a question asks for (a question may ask for several: "which state" is
    a "where", a "which" and a "state")."""
    text = question.lower()
    return frozenset(kind for kind, pattern in ASKS.items() if pattern.search(text))


# Kinds seen in the words the question does not use (one word each), and kinds seen anywhere.
IN_NEW_WORDS = {"year": YEAR, "month": MONTH, "number": NUMBER}
IN_SENTENCE = {"percent": PERCENT, "money": MONEY, "because": BECAUSE, "quoted": QUOTED, "age": AGE, "phone": PHONE,
               "birth": BIRTH, "dose": DOSE}
# A sentence that asks rather than tells: a subheading or a related-article link such as "Who's won
# the other titles?" holds the question's words and never its answer; nor does a buyer's question on a
# listing page, signed after its question mark ("Q: Would you accept £340? – asked by Ffion_B").
ASKING = re.compile(r"\?[\"'”’)\]]*\s*$|^\s*(?:Q|Question)\s*[:.][^?]*\?(?!.*\b(?:A|Answer)\s*:)")
# A line with no closing punctuation: a headline, caption or link ("Watch:TikTok CEO testifies").
UNFINISHED = re.compile(r"[^.!?…\"'”’)\]]\s*$")
LABEL = re.compile(r"^[A-Z][\w'’ ]{0,30}:(?=\S)")  # "Previously:Former Pope ...", "Watch:..."


@dataclass(frozen=True)
class Facts:
    """What a sentence holds whatever the question is: found once per sentence and cached, since the
    same sentences come back question after question (half the answer step's time went here)."""

    words: tuple[str, ...]
    content: tuple[str, ...]  # the words that are not stop words, in order
    distinct: tuple[str, ...]  # those, each once (soft matching reads each word once)
    terms: tuple[str, ...]  # BM25 terms (lexical.terms)
    capitalized: tuple[str, ...]  # CAPITALIZED matches, as written
    full_names: tuple[tuple[str, ...], ...]  # each FULL_NAME match's words, lower-cased
    kinds: frozenset[str]  # IN_SENTENCE kinds
    word_kinds: dict[str, frozenset[str]]  # IN_NEW_WORDS kinds, by the content word that shows them
    maybe_place: bool  # a content word starts a country or U.S. state name
    asking: bool
    unfinished: bool
    labelled: bool


PLACE_STARTS = frozenset(name.split()[0] for name in COUNTRIES | US_STATES)


@lru_cache(maxsize=20_000)
def facts(sentence: str) -> Facts:
    sentence = ITEM_NUMBER.sub("", sentence, count=1)  # "4." is not a figure the sentence gives
    found = tuple(words(sentence))
    content = tuple(w for w in found if w not in STOP_WORDS)
    word_kinds = {w: kinds for w in set(content) if (kinds := _word_kinds(w))}
    return Facts(
        found, content, tuple(dict.fromkeys(content)), tuple(terms(sentence)), tuple(CAPITALIZED.findall(sentence)),
        tuple(tuple(name.replace("-", " ").lower().split()) for name in FULL_NAME.findall(sentence)),
        frozenset(k for k, pattern in IN_SENTENCE.items() if pattern.search(sentence)), word_kinds,
        any(w in PLACE_STARTS for w in content), bool(ASKING.search(sentence)), bool(UNFINISHED.search(sentence)),
        bool(LABEL.match(sentence)))


@lru_cache(maxsize=50_000)
def _word_kinds(word: str) -> frozenset[str]:
    """IN_NEW_WORDS kinds of one word: words repeat from sentence to sentence far more than
    sentences do from question to question (a folder of news: 40 pattern searches a new sentence)."""
    return frozenset(k for k, pattern in IN_NEW_WORDS.items() if pattern.search(word))


def held(sentence: str, question_words: frozenset[str], new_words: list[str] | None = None,
         wanted: frozenset[str] | None = None) -> frozenset[str]:
    """The kinds of answer the sentence holds in words the question does not already use (its
    content words not in `question_words`: `new_words`, when the caller has them). Given `wanted`,
    the costlier kinds (full names, places) are looked for only when wanted: the ranking's features
    ask each candidate for the few kinds its question asks, a hundred candidates a question."""
    f = facts(sentence)
    if new_words is None:
        new_words = [w for w in f.content if w not in question_words]
    kinds = set(f.kinds).union(*[f.word_kinds[w] for w in new_words if w in f.word_kinds])
    if any(w.lower() not in question_words for w in f.capitalized):
        kinds.add("name")
    if (wanted is None or "full_name" in wanted) and \
            any(all(w not in question_words for w in name) for name in f.full_names):
        kinds.add("full_name")
    if f.maybe_place and (wanted is None or "country" in wanted) and _places(new_words, COUNTRIES):
        kinds.add("country")
    if f.maybe_place and (wanted is None or "state" in wanted) and _places(new_words, US_STATES):
        kinds.add("state")
    return frozenset(kinds)


def _places(new_words: list[str], gazetteer: frozenset[str]) -> bool:
    pairs = (f"{a} {b}" for a, b in zip(new_words, new_words[1:]))
    return any(w in gazetteer for w in new_words) or any(p in gazetteer for p in pairs)


# (asked kind, held kind) pairs that make a feature each: the sentence holds what is asked.
MATCHES = {
    "asks_when_year": ("when", "year"), "asks_when_month": ("when", "month"),
    "asks_count_number": ("count", "number"), "asks_who_name": ("who", "name"),
    "asks_where_name": ("where", "name"), "asks_percent_percent": ("percent", "percent"),
    "asks_money_money": ("money", "money"), "asks_why_because": ("why", "because"),
    "asks_which_name": ("which", "name"), "asks_country_country": ("country", "country"),
    "asks_state_state": ("state", "state"), "asks_person_full_name": ("person", "full_name"),
}



# What an answer cannot do without: a sentence holding none of these (in words the question does not
# use) does not say what was asked, however well it matches the rest. "How old is the chef?" against
# a sentence naming the chef and no age; "How many ...?" against one with no number; "When was
# Tobias born?" against the date he was named a beneficiary.
NEEDED = {"count": {"number"}, "money": {"money", "number"}, "percent": {"percent", "number"}, "age": {"age"},
          "phone": {"phone"}, "birth": {"birth", "age"}, "dose": {"dose"}}


# A question answered yes or no ("Did Washington propose specific steps?"): its answer is no span of
# the sentence, so the marker, which marks spans, reads the sentence low even where it answers.
YES_NO = re.compile(r"\s*(?:is|are|was|were|do|does|did|has|have|had|will|would|can|could|should|shall|may|"
                    r"might|must)\b", re.IGNORECASE)
# "By how much has it grown?" is also answered by the size of a change in words ("has increased
# dramatically", "fell by about a fifth", "doubled").
BY_HOW_MUCH = re.compile(r"\s*(?:by how much\b|how much (?:has|have|had|did|does|do|will|would)\b[^?]*\b(?:increas|"
                         r"rise|rose|risen|grow|grew|fall|fell|drop|declin|chang|improv|shrink|shrank|climb|jump))",
                         re.IGNORECASE)
DEGREE = re.compile(r"\b(?:dramatically|sharply|steeply|significantly|substantially|considerably|markedly|"
                    r"slightly|marginally|half|halved|thirds?|quarters?|fifths?|tenths?|doubled|tripled|"
                    r"quadrupled)\b", re.IGNORECASE)


def lacks_asked_kind(asks: frozenset[str], sentence: str, question_words: frozenset[str], question: str = "") -> bool:
    """Whether the question asks for a kind of thing (a number, an amount, an age...) that the
    sentence does not hold. Given the `question`, one that opens by asking for a sum of money
    ("How much will it cost to build?") needs an amount, not only a number ("a 40,000 square metre
    warehouse"): "money" alone is asked by any question that mentions a cost or a payment ("Who paid
    for it?"), so there any number will do."""
    if question and ASKS_MONEY.match(question) and not AN_AMOUNT.search(sentence):
        return True
    if question and ASKS_PERCENT.match(question) and not A_SHARE.search(sentence):
        return True
    if question and ASKS_RATE.match(question) and not A_RATE.search(sentence):
        return True
    if question and ASKS_CODE.match(question) and not GIVEN_CODE.search(question) and not A_CODE.search(sentence):
        return True
    if question and ASKS_TIME_OF_DAY.match(question) and not CLOCK.search(sentence):  # a day, but no time of it
        return True
    needed = [NEEDED[kind] for kind in asks if kind in NEEDED]
    if not needed or (question and BY_HOW_MUCH.match(question) and DEGREE.search(sentence)):
        return False
    kinds = held(sentence, question_words)
    return any(not (need & kinds) for need in needed)


# Words that pin a question to one period or one of a series ("the first quarter", "on Sunday",
# "in 2023"), by what they name: a sentence that names another of the same series and not the one
# asked speaks of something else ("What revenue did it report for the first quarter?" against the
# third quarter's forecast; "How much did it first ask for?" is not among them: no series).
QUALIFIERS = {
    "quarter": re.compile(r"\b(?:(first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter|q([1-4]))\b", re.I),
    "half": re.compile(r"\b(?:(first|second)[- ]half|h([12]))\b", re.I),
    "weekday": re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b"),
    "month": re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|"
                        r"December)\b"),
    "year": re.compile(r"\b(1[89]\d\d|20\d\d)\b"),
    # a race or a category: "Who won the women's race?" against "In the men's race, ... won"
    "category": re.compile(r"\b(men|women)['’]s\b|\b(boys|girls)['’]", re.I),
}
ORDINALS = {"first": "1", "second": "2", "third": "3", "fourth": "4", "1st": "1", "2nd": "2", "3rd": "3", "4th": "4"}


def _named(pattern: re.Pattern, text: str) -> set[str]:
    return {ORDINALS.get(v.lower(), v.lower() if pattern.flags & re.I else v)
            for found in pattern.finditer(text) for v in found.groups() if v}


TIMES = ("weekday", "month", "year")  # not a qualifier when the question asks when ("What year ... after 2024?")


# Things named by a kind and a name or number of their own ("Storm Ottilie", "Flight BA117", "Day 2"):
# a sentence about "Storm Hallam" that never names Ottilie is about another storm.
NAMED_ITEM = re.compile(r"\b(Storm|Hurricane|Typhoon|Cyclone|Flight|Room|Bedroom|Stage|Gate|Platform|Route|Phase|"
                        r"Ward|Block|Chapter|Section|Clause|Episode|Season|Round|Level|Floor|Plot|Lot|Model|Day|"
                        r"Week|Heat|Leg) ([A-Z0-9][\w-]*)")


# An ordinal and what it counts ("the third named storm"): a sentence about "the fourth named storm"
# that never says "third" is about another one; "the last weekday train" is not the first.
ORDINAL_OF = re.compile(r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final|next|"
                        r"\d+(?:st|nd|rd|th)) ([a-z]+)", re.IGNORECASE)


ORDINAL_WORDS = dict(zip("1st 2nd 3rd 4th 5th 6th 7th 8th 9th 10th final".split(),
                         "first second third fourth fifth sixth seventh eighth ninth tenth last".split()))
# Things named by a number of their own: a train by its time ("the 17:40 from Kellingford"), a
# release by its version ("Ledgerline 4.8"). A sentence about the 07:18 that never names 17:40 is
# about another train.
NUMBERED = (re.compile(r"\b(?:[01]?\d|2[0-3]):[0-5]\d\b"),
            re.compile(r"\b(?:[A-Z][A-Za-z]*|version|release) (v?\d+\.\d+(?:\.\d+)*)\b(?![.,]?\d)"))


def _ordinals(text: str) -> dict[str, set[str]]:
    """The ordinals of `text` ("3rd" read as "third"), by the word they count."""
    found: dict[str, set[str]] = {}
    for match in ORDINAL_OF.finditer(text):
        number = match.group(1).lower()
        found.setdefault(match.group(2).lower(), set()).add(ORDINAL_WORDS.get(number, number))
    return found


def _names_another_item(question: str, sentence: str) -> bool:
    said_all = _ordinals(sentence)
    every = {ORDINAL_WORDS.get(w.lower(), w.lower()) for w in re.findall(r"\b\w+\b", sentence)}
    for counted, asked in _ordinals(question).items():
        said = said_all.get(counted, set())
        if said and not asked & said and not asked & every:
            return True
    for numbered in NUMBERED:
        asked, said = set(numbered.findall(question)), set(numbered.findall(sentence))
        if said and asked and not asked & said and not any(number in sentence for number in asked):
            return True
    for kind in {found.group(1) for found in NAMED_ITEM.finditer(question)}:
        asked = {found.group(2) for found in NAMED_ITEM.finditer(question) if found.group(1) == kind}
        said = {found.group(2) for found in NAMED_ITEM.finditer(sentence) if found.group(1) == kind}
        if said and not asked & said and not any(re.search(rf"\b{re.escape(name)}\b", sentence) for name in asked):
            return True
    return False


# A question about how things stand now, and a sentence about a plan or a goal: "How many regular
# donors does it have at the moment?" against "with the aim of reaching 1,000 regular donors by
# March 2026".
NOW_ASKED = re.compile(r"\b(?:at the moment|currently|right now|at present|these days|so far|to date)\b", re.IGNORECASE)
PLANNED = re.compile(r"\b(?:aims? (?:to|for)|with the aim of|target(?:s|ed|ing)?|plans? to|planning to|hopes? to|"
                     r"intends? to|goal|expects? to|(?:is|are) set to|will (?:reach|launch|open|create|have|be|rise|fall))\b",
                     re.IGNORECASE)


def speaks_of_plan(question: str, sentence: str) -> bool:
    """Whether the question asks how things stand now and the sentence tells of a plan or a goal."""
    return bool(NOW_ASKED.search(question) and PLANNED.search(sentence))


# An age asked about ("a 13-year-old", "aged 13") and the ages a sentence or a row is about ("Children
# aged 10 to 11 years", "12-15 years", "Adults and children over 16"): a dosage table's other row.
AGE_ASKED = re.compile(r"\b(\d{1,2})[- ](?:years?|yrs?)[- ]old\b|\b(?:aged?|age of) (\d{1,2})\b", re.IGNORECASE)
AGE_RANGE = re.compile(r"\b(\d{1,2}) ?(?:to|-|–|and) ?(\d{1,2}) ?(?:years?|yrs?)\b"
                       r"|\b(?:over|above|older than) (\d{1,2})\b|\b(?:under|below|younger than) (\d{1,2})\b", re.IGNORECASE)


def _age_out_of_range(question: str, sentence: str) -> bool:
    """Whether the question asks about an age and every age range the sentence gives leaves it out
    ("How many tablets can a 13-year-old take?" against "Children aged 10 to 11 years | 1 tablet")."""
    asked = next((int(a or b) for a, b in AGE_ASKED.findall(question)), None)
    ranges = AGE_RANGE.findall(sentence)
    if asked is None or not ranges or AGE_RANGE.search(question):  # "children under 18": a range asked
        return False

    def holds(low: str, high: str, over: str, under: str) -> bool:
        if over:
            return asked > int(over)
        if under:
            return asked < int(under)
        return int(low) <= asked <= int(high)

    return not any(holds(*found) for found in ranges)


AGE_APPOSITION = re.compile(r"[A-Z][\w'’-]+, $")  # "Penelope Staithes, 71, spotted ...": her age


def age_for_count(question: str, text: str, at: int, to: int) -> bool:
    """Whether a bare number the question counts with ("How many other fossils has she found?") is
    the age given beside a name ("Penelope Staithes, 71, spotted a dark lump of bone")."""
    return bool(ASKS_QUANTITY.match(question)) and not ASKS["age"].search(question.lower()) \
        and re.fullmatch(r"\d{1,3}", text[at:to]) is not None and AGE_APPOSITION.search(text[:at]) is not None \
        and text[to:to + 1] == ","


def names_another(question: str, sentence: str, asks: frozenset[str] = frozenset()) -> bool:
    """Whether the sentence names another period or item of a series the question names (QUALIFIERS)
    and not the question's own, or another item of a kind named one by one (NAMED_ITEM) or by a
    number of its own (NUMBERED: a train's time, a release's version), or other ages than the one asked."""
    if _names_another_item(question, sentence) or _age_out_of_range(question, sentence):
        return True
    for series, pattern in QUALIFIERS.items():
        if series in TIMES and "when" in asks:
            continue
        asked = _named(pattern, question)
        if asked:
            said = _named(pattern, sentence)
            if said and not asked & said:
                return True
    return False


# The old value of a change ("extended from three coaches to six"): what it was, not what it is.
CHANGE_FROM = re.compile(r"\bfrom\s+$", re.IGNORECASE)
# "three coaches to six", "$35,000 in South Dakota to $62,000"; not "China will be required to provide".
CHANGE_TO = re.compile(r"(?:\s+[\w,.%-]+){0,3}?\s+to\s+(?:[$£€]?\d|(?:one|two|three|four|five|six|seven|eight|nine|"
                       r"ten|eleven|twelve|twenty|thirty|forty|fifty|hundred)\b)", re.IGNORECASE)
ASKS_BEFORE = re.compile(r"\b(before|previous(ly)?|originally|original|used to|formerly|former|old|earlier|initially|"
                         r"start(ed|s)?|begin|began|beginning|lowest|minimum)\b", re.IGNORECASE)


def old_value(question: str, text: str, start: int, end: int) -> bool:
    """Whether the short answer text[start:end] is where a change started ("from three coaches to
    six", "from 5% to 7%") and the question does not ask what it was: its bold would name the
    number that no longer holds ("How many coaches will the 07:18 have?" -> "three")."""
    return bool(CHANGE_FROM.search(text[:start]) and CHANGE_TO.match(text[end:]) and not ASKS_BEFORE.search(question))


# Two ends of one thing: a sentence may give both ("open at 8.40am and close at 8.55am").
ENDS = ((frozenset("open opens opened opening reopen reopens reopened reopening".split()),
         frozenset("close closes closed closing shut shuts".split())),
        (frozenset("start starts started starting begin begins began beginning".split()),
         frozenset("end ends ended ending finish finishes finished finishing".split())),
        (frozenset("arrive arrives arrived arriving arrival".split()),
         frozenset("leave leaves left leaving depart departs departed departure".split())),
        # a supply cut and restored: "turned off at 22:00 ... restored by 06:00"
        (frozenset("off cut interrupted".split()),
         frozenset("restored restore restoring reconnected resumed resume back".split())))


UNTIL = frozenset("until till to through".split())  # "open until 5pm" gives the closing time


def _ends_near(question: str, text: str, start: int, end: int, ends=ENDS) -> tuple[bool, bool]:
    """(whether the word of a pair nearest the short answer text[start:end] is the other end than
    the question asks for, whether the sentence names the asked end too)."""
    asked, said = set(words(question)), set(words(text))
    before = words(text[:start])[-4:]
    near = sorted([(distance, word) for distance, word in enumerate(reversed(before))]
                  + [(distance, word) for distance, word in enumerate(words(text[end:])[:4])], key=lambda dw: dw[0])
    for one, two in ends:
        for asks, other in ((one, two), (two, one)):
            if asks & asked and not other & asked and (asks | other) & said:
                nearest = next((word for _, word in near if word in asks | other), None)
                # "open until 5pm" gives the closing time
                until = nearest in before and UNTIL & set(before[before.index(nearest) + 1 :])
                return nearest in other and not until, bool(asks & said)
    return False, False


def other_end(question: str, text: str, start: int, end: int) -> bool:
    """Whether the short answer text[start:end] is the other end than the question asks for, while
    the sentence names the asked end too: "When do the gates shut?" -> "8.40" in "open at 8.40am
    and close at 8.55am" (not "104" in "112 riders who started, 104 finished")."""
    return all(_ends_near(question, text, start, end))


def only_other_end(question: str, text: str, start: int, end: int) -> bool:
    """Whether the sentence names only the other end than the question asks for, at the short
    answer: "What time are the gates shut?" -> "8.35" in "The gates open at 8.35am" (the closing
    time is elsewhere, if anywhere)."""
    other, both = _ends_near(question, text, start, end, (ENDS[0], ENDS[2]))  # "defensive end", "came back"
    return other and not both


# Where a sentence gives two figures of one kind, the clause of each ("Breakfast Club runs from 7.45am
# and costs £4.50 per session; After School Club ... costs £11 per session").
CLAUSE_EDGE = re.compile(r";|\n|(?<=[.!?])\s")  # not brackets: "(to 7.8%)" is said of what comes before
FIGURE_OF = {"money": re.compile(r"[$£€¥]\s?\d[\d,.]*(?:\s?(?:million|billion|m|bn|k)\b)?"),
             "clock": re.compile(r"\b\d{1,2}(?:[:.]\d\d)?\s?(?:am|pm)\b|\b\d{1,2}:\d\d\b", re.IGNORECASE),
             "percent": re.compile(r"\b\d[\d.]*\s?%"), "degrees": re.compile(r"\b\d+\s?°[CF]?")}


# A question asking how much a week, a month, per hour...: the figure said with that unit answers it
# ("How much a week must she pay back?" -> "£10" of "£412 compensation ... at £10 a week").
PER_UNIT_ASKED = re.compile(r"\b(?:how much|how many|what)\b.*\b(?:a|an|per|each|every)\s+(week|month|year|day|hour|night|"
                            r"session|lesson|visit|mile|term)\b", re.IGNORECASE)
UNIT_ADVERBS = {"week": "weekly", "month": "monthly", "year": "yearly|annually|per annum", "day": "daily",
                "hour": "hourly", "night": "nightly"}
AMOUNT_OR_COUNT = re.compile(r"[$£€¥]\s?\d[\d,.]*|\b\d[\d,.]*(?:\s?p\b)?")


def per_unit_figure(question: str, text: str) -> tuple[int, int] | None:
    """Where in `text` the one figure said with the unit the question asks per stands, or None (no
    such question, or no one such figure): "£10" in "... at £10 a week" for "How much a week ...?",
    "£4" in "£4 more per hour"."""
    asked = PER_UNIT_ASKED.search(question)
    if not asked:
        return None
    unit = asked.group(1).lower()
    adverbs = UNIT_ADVERBS.get(unit, "(?!)")
    said_per = re.compile(rf"(?:\s+[a-z]+)?(?:\s*(?:a|an|per|each|every)\s+{unit}s?\b|\s*/\s*{unit}\b|\s+(?:{adverbs})\b)",
                          re.IGNORECASE)
    found = [m for m in AMOUNT_OR_COUNT.finditer(text) if said_per.match(text, m.end())]
    return (found[0].start(), found[0].end()) if len(found) == 1 else None


def another_figure_nearer(question: str, text: str, start: int, end: int) -> bool:
    """Whether the short answer text[start:end] is one of two or more figures of a kind (sums,
    clock times, percentages, degrees) in the sentence, and another one's clause holds more of the
    question's words, every one its own clause holds among them ("How much does breakfast club cost?"
    -> "£11", the After School Club's price, where "£4.50" is the one said of the breakfast club), or
    another one has a word of the question beside it and it has none ("What temperature for a fan
    oven?" -> "200°C" in "Heat the oven to 200°C (180°C fan, gas mark 6)")."""
    if " | " in text:
        return False  # a table row: its label and its fields (labelled_otherwise)
    rate = per_unit_figure(question, text)
    if rate and rate[0] < end and start < rate[1]:
        return False  # the one figure said per the unit asked ("£10 a week" beside "£412")
    asked = {w[:5] for w in words(question) if w not in STOP_WORDS}
    edges = [0, *(m.end() for m in CLAUSE_EDGE.finditer(text)), len(text) + 1]

    def clause_words(at: int) -> set[str]:
        i = next(k for k in range(len(edges) - 1) if edges[k] <= at < edges[k + 1])
        return {w[:5] for w in words(text[edges[i] : edges[i + 1]])} & asked

    for pattern in FIGURE_OF.values():
        found = [m for m in pattern.finditer(text)]
        own = next((m for m in found if m.start() < end and start < m.end()), None)
        if own is None or 2 * (own.end() - own.start()) < end - start:  # a name with a figure: "Fiat 125p"
            continue
        mine = clause_words(own.start())

        def beside(m) -> set[str]:  # the question's words next to a figure: "180°C fan"
            return {w[:5] for w in words(text[: m.start()])[-1:] + words(text[m.end() :])[:1]} & asked

        return any(clause_words(m.start()) > mine or beside(m) and not beside(own) for m in found if m is not own)
    return False


def labelled_otherwise(question: str, text: str, start: int, end: int) -> bool:
    """Whether the short answer text[start:end] is a table row's value whose label names something
    the question does not ("Patient: | Mr Tobias Renwick | Date of birth: | 03/08/1957" for "When
    was he discharged?"): the row holds other fields than the one asked."""
    if " | " not in text:
        return False
    cells_before = text[:start].split(" | ")
    label = cells_before[-2].strip() if len(cells_before) >= 2 and not cells_before[-1].strip() else ""
    if not label.endswith(":"):
        return False
    asked = {w[:5] for w in words(question) if w not in STOP_WORDS}
    return not any(w[:5] in asked for w in words(label) if w not in STOP_WORDS)


# "Who is the president of Taiwan?", "Who is the boss of Ostrander Pumps?": an office and a named
# body it is held in.
ASKS_OFFICE = re.compile(r"\s*who (?:is|was|are|were|will be) (?:currently |now )?the (?P<office>[\w'’ -]{2,40}?) "
                         r"(?:of|at|for) (?P<body>[^?]+)\?", re.IGNORECASE)
HEADS = frozenset("boss head leade chief".split())  # asked loosely (first five letters), said by a title
TITLES = frozenset("boss head leader chief executive ceo director president chair chairman chairwoman chairperson "
                   "founder owner manager principal headteacher governor mayor premier minister".split())
CAPITAL_WORD = re.compile(r"\b[A-Z][\w'’-]*")


def office_elsewhere(question: str, sentence: str) -> bool:
    """Whether the question asks who holds an office in a named body and the sentence does not name
    both: "Who is the president of Taiwan?" is not answered by "President Joe Biden" in a sentence
    whose only Taiwan is the Taiwan Strait (a longer name is another thing), nor "Who is the sports
    director of the team?" by a rider in its results table. The first five letters match ("Egypt",
    "Egyptian"; "publisher", "published")."""
    asks = ASKS_OFFICE.match(question)
    body = {w.rstrip("'’s").lower()[:5] for w in CAPITAL_WORD.findall(asks.group("body"))} - {"the", "a", "an"} \
        if asks else set()
    if not body:  # "of his generation": no named body to look for
        return False
    office = {w[:5] for w in words(asks.group("office")) if w not in STOP_WORDS}
    said = {w[:5] for w in words(sentence)}
    titled = office & said or (office & HEADS and said & {t[:5] for t in TITLES})
    asked = {w.lower() for w in words(question)}
    for found in CAPITAL_WORD.finditer(sentence):
        if found.group().rstrip("'’s").lower()[:5] in body:
            longer = re.match(r"\s+([A-Z][\w'’-]*)", sentence[found.end():])
            if not longer or longer.group(1).lower() in asked:  # "Taiwan Strait" is not Taiwan
                return not titled
    return True


# "When will the scheme be built?", "When should the works be finished?": a time still to come.
ASKS_FUTURE = re.compile(r"\s*(?:when|by when|on what (?:date|day)|what (?:date|day|year|month|time))\b[^?]*"
                         r"\b(?:will|shall|should|(?:is|are) (?:[\w'’-]+ ){0,4}?(?:due|expected|set|going|planned|"
                         r"scheduled) to)\b",
                         re.IGNORECASE)
TOLD_AS_PAST = re.compile(r"\b(?:was|were|had|did|last|ago|previous(?:ly)?|\w{3,}ed)\b", re.IGNORECASE)
TOLD_AS_COMING = re.compile(r"\b(?:will|would|shall|should|due|expected|expects|scheduled|planned|plans|set to|"
                            r"from|for|until|till|by|next|is to|are to|aims?|target|begins?|starts?|opens?|closes?|"
                            r"ends?|runs?|finish(?:es)?)\b", re.IGNORECASE)


def past_for_future(question: str, text: str, start: int, end: int) -> bool:
    """Whether the question asks when something is still to happen and the short answer text[start:end]
    is a time told in the past: "When will the scheme be built?" -> "2019" in "which was shelved in
    2019"; not "14 November 2025" in "has been listed for 14 November 2025"."""
    if not ASKS_FUTURE.match(question):
        return False
    near = " ".join(text[:start].split()[-6:] + re.split(r"[,;:.]", text[end:])[0].split()[:3])
    return bool(TOLD_AS_PAST.search(near)) and not TOLD_AS_COMING.search(near)


# A name's role in brackets after it, as a list of those present gives it: "Sunita Bhatt (Secretary)".
ROLE_LABEL = re.compile(r"\(([A-Z][^()]{0,40})\)")


def titled_otherwise(question: str, text: str, start: int, end: int) -> bool:
    """Whether "who" is answered by a name text[start:end] whose bracketed role is not the one asked,
    while the role asked is another name's: "Who will replace Colin Fairweather as Chair?" ->
    "Sunita Bhatt" in "Present: Colin Fairweather (Chair), Sunita Bhatt (Secretary), ...". """
    own = ROLE_LABEL.match(text[end:].lstrip())
    if not (own and ASKS_PERSON.match(question)):
        return False
    asked = {w[:5] for w in words(question) if w not in STOP_WORDS}
    roles = [{w[:5] for w in words(label.group(1))} for label in ROLE_LABEL.finditer(text)]
    mine = {w[:5] for w in words(own.group(1))}
    return not asked & mine and any(asked & role for role in roles)


# "Who plays Silas?", "Which actor plays the relief keeper?": the player, not the part. A review
# writes "Femi Adeyemo-Grant as Silas Karkeek, the relief keeper": the name before "as" plays the one after.
ASKS_PLAYER = re.compile(r"\s*(?:who|which (?:actor|actress|performer|singer|dancer|player|comedian))\s+"
                         r"(?:plays?|played|is playing|will play|portrays?|portrayed|takes? the (?:part|role) of|stars? as)\b",
                         re.IGNORECASE)
PLAYER_AS = re.compile(r"([A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+){0,3}) as $")


def player_for_part(question: str, text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the name of who plays the part stands, when "who plays ...?" is answered by the part
    text[start:end] that follows "<name> as ": "Femi Adeyemo-Grant" of "... by Femi Adeyemo-Grant
    as Silas Karkeek, the relief keeper", not "Silas Karkeek"; None otherwise."""
    if not ASKS_PLAYER.match(question):
        return None
    player = PLAYER_AS.search(text[max(0, start - 80) : start])
    if not player:
        return None
    offset = max(0, start - 80)
    return offset + player.start(1), offset + player.end(1)


# "Who is taking over Year 6?" asks for who comes, not for who goes.
ASKS_SUCCESSOR = re.compile(r"\b(?:tak(?:e|es|ing) over|replac(?:e|es|ing)|succeed(?:s|ing)?|successor|"
                            r"step(?:s|ping)? in|(?:the|a) new\b|who will (?:become|be) the\b|in place of)", re.IGNORECASE)
LEAVING = re.compile(r"\b(?:leav(?:e|es|ing)|retir(?:e|es|ing|ement)|step(?:s|ping)? down|farewell|goodbye|"
                     r"depart(?:s|ing|ure)?|resign(?:s|ing|ation)?|quit(?:s|ting)?|mov(?:es|ing) on|outgoing)\b",
                     re.IGNORECASE)
ARRIVING = re.compile(r"\b(?:replaced by|succeeded by|tak(?:e|es|ing) over|will take|new|appointed|join(?:s|ing)?|"
                      r"welcome|incoming|named as|successor)\b", re.IGNORECASE)


def leaver_for_successor(question: str, text: str, start: int, end: int) -> bool:
    """Whether "who" asks who takes someone's place and the name text[start:end] is told as leaving,
    with no word of anyone arriving near it: "Who is taking over Year 6 after Easter?" -> "Mr Dominic
    Reyes" in "a fond farewell to Mr Dominic Reyes, who ... leaves at Easter"."""
    if not (ASKS_PERSON.match(question) and ASKS_SUCCESSOR.search(question)):
        return False
    near = " ".join(text[:start].split()[-8:] + text[end:].split()[:12])
    return bool(LEAVING.search(near)) and not ARRIVING.search(near)


# What a short answer must look like for the kind asked: "Who founded it?" is not answered by
# "1979", nor "Who took over as conductor?" by "41 years", nor "When...?" by a name.
WHEN_WORDS = re.compile(r"\b(today|yesterday|tomorrow|tonight|morning|afternoon|evening|night|week|weekend|"
                        r"month|year|spring|summer|autumn|fall|winter|monday|tuesday|wednesday|thursday|friday|"
                        r"saturday|sunday|noon|midnight|ago|since|until|before|after|during|century|decade)\b", re.I)


# A school year or class, which names no time.
SCHOOL_YEAR = re.compile(r"\s*(?:Year|Class|Group|Form|Grade|Key Stage)\s+\d{1,2}\s*")
# Questions whose ask is a time, a quantity or a person, read from how they open ("How many ... when
# it began?" asks a number, not a time).
ASKS_TIME = re.compile(r"\s*(?:in |during |on |at )?(?:when\b(?![^?]*,\s*(?:what|who|which|how|where|why)\b)"
                       r"|(?:what|which) (?:year|date|day|month|century|decade|time|season)\b)", re.IGNORECASE)
# "What's the deadline for signing up?", "What is the closing date?": a time, as "when" asks for one.
ASKS_DEADLINE = re.compile(r"\s*(?:what|which)(?:'s|’s| is| was| will be)? (?:the |my |our |your )?(?:\w+ )?"
                           r"(?:deadline|closing date|cut-?off(?: date)?|last day)\b", re.IGNORECASE)
# A span of time and nothing else ("12 months", "two weeks"): how long, not when, unless what follows
# makes it a time ("two weeks later", "three years ago").
DURATION = re.compile(r"(?:about |around |up to |over |nearly |almost )?(?:\d+(?:\.\d+)?|one|two|three|four|five|six|"
                      r"seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|a|an|several|a few)"
                      r"[- ](?:days?|weeks?|months?|years?|hours?|minutes?|decades?|centuries|nights?)", re.IGNORECASE)
SINCE_OR_UNTIL = re.compile(r"(?:ago|later|after|before|earlier|on|from|into|since|prior)\b", re.IGNORECASE)
ASKS_QUANTITY = re.compile(r"\s*(?:how (?:many|much|old|long|far|cold|warm|hot)|(?:what|which) (?:percentage|percent|"
                           r"number|amount|age|share|proportion|temperature))\b", re.IGNORECASE)
# "What time does it open?" asks for a time of day, not a span of time.
ASKS_CLOCK = re.compile(r"\s*(?:at |by |from |until )?what time\b(?! (?:period|of|frame|span|zone|scale|limit))",
                        re.IGNORECASE)
# The same where it plainly is one ("What time do the clinics start?"): then the sentence must say a time.
ASKS_TIME_OF_DAY = re.compile(r"\s*(?:at |by |from |until )?what time (?:do|does|did|is|was|are|were|will|would|should|"
                              r"shall|can|could|must|has|have|had)\b", re.IGNORECASE)
CLOCK = re.compile(r"\d[:.]\d\d|\d\s*(?:am|pm|a\.m\.|p\.m\.|h\b|hrs\b|o'clock)|\b(?:noon|midday|midnight|"
                   r"morning|afternoon|evening|night|dawn|dusk)\b", re.IGNORECASE)
ASKS_PERSON = re.compile(r"\s*(?:who|whom)\b", re.IGNORECASE)
# "Who should I contact if I can help?": someone to reach, by name, office, number or address.
ASKS_CONTACT = re.compile(r"\s*(?:who|whom) (?:should|do|can|could|must|would|shall) (?:i|we|you|they|parents|people)\b"
                          r"[^?]*\b(?:contact|ring|phone|call|e-?mail|speak to|talk to|get in touch|write to|report)",
                          re.IGNORECASE)
# "Where" asking for a place; "Where did they finish?" asks for a position in a table ("14th").
ASKS_PLACE = re.compile(r"\s*(?:in |at |from |to )?where\b(?![^?]*\b(?:finish|finished|finishes|come|comes|came|"
                        r"placed|rank|ranks|ranked|end|ends|ended|stand|stands|sit|sits|lie|lies)\b)", re.IGNORECASE)
BIRTH_ASKED = re.compile(r"\bwhen (?:was|were) [^?]*\bborn\b|\b(?:date of birth|birth ?date|birthday)\b", re.I)
# A number or an ordinal alone: what a place never is.
COUNT_ONLY = re.compile(r"(?:the )?(?:\d[\d,.]*(?:st|nd|rd|th)?|first|second|third|fourth|fifth|sixth|seventh|"
                        r"eighth|ninth|tenth|eleventh|twelfth|\w+teenth|\w+ieth)", re.IGNORECASE)
# Questions about a sum of money: "How much will it cost to build?", "What is the fare?", "What did
# the meal cost?". Answered by an amount ("£1.3 million", "50p", "free"), never by "40,000 square metre".
# "What is the daily standing charge for electricity?", "What is my new monthly payment going to
# be?", "What was Mr Tilbury's total council tax bill?": a sum asked for by its name, after up to
# three words that qualify it (not "What type of wages", "What vote on a bill", "in charge of").
_QUALIFIER = (r"(?!(?:of|in|on|at|for|to|a|an|the|that|which|who|did|does|do|is|was|were|are|will|has|have|had|"
              r"and|or|type|kind|sort)\b)[\w.’'-]+ ")
_SUM = (r"(?:price|cost|fee|fare|salary|budget|bill|fine|charge|payment|rent|deposit|premium|wage|refund|"
        r"instalment|installment|turnover|takings|rate of pay|pay rate|hourly rate)s?\b(?! of living)")
ASKS_MONEY = re.compile(r"\s*(?:how much\b(?:[^?]*\b(?:cost|costs|costing|pay|pays|paid|spend|spends|spent|"
                        r"charge|charges|charged|price|priced|worth|fine|fined|fee|fees|fare)\b| money\b)"
                        r"|(?:what|which) (?:(?:is|was|were|are|will be) )?(?:the |its |their |his |her )?(?:\w+ )?"
                        r"(?:price|cost|fee|fare|salary|budget|bill|fine)\b(?! of living)"
                        rf"|(?:what|which) (?:is|was|were|are|will be|would be|'s) (?:the |its |their |his |her |my |our |"
                        rf"your |this |that |(?:[\w.’'-]+ )?[\w.’'-]+['’]s )?(?:{_QUALIFIER}){{0,3}}{_SUM}"
                        rf"|(?:what|which) (?:{_QUALIFIER}){{0,2}}{_SUM} (?:is|was|will|would|did|does|do|are|were|has|had)\b"
                        r"|what (?:did|does|do|will|would) [^?]*\bcost\b"
                        r"|what (?:is|are|was|were|will|would|did|does|do)\b[^?]*\bcharg(?:e|es|ed|ing) (?:to|for|me|us|you)\b)",
                        re.IGNORECASE)
# A fee or a charge may be a share ("a yearly management fee of 0.42%").
AN_AMOUNT = re.compile(r"%|[$£€¥₹]|\d\s*p\b|\b(?:dollars?|cents?|pounds?|pence|euros?|yen|yuan|renminbi|francs?|marks?|"
                       r"lire|pesos?|rupees?|roubles?|rubles?|crowns?|kronor|krona|kroner|shillings?|guineas?|"
                       r"usd|gbp|eur|free|nothing)\b", re.IGNORECASE)
# Questions that open by asking for a percentage, answered by one (or a fraction): not by "Votes:
# For 50,300; Against 19,450" beside "72.1 per cent achieved".
ASKS_PERCENT = re.compile(r"\s*(?:(?:what|which) (?:percentage|percent|per cent)|how many per ?cent)\b", re.IGNORECASE)
A_SHARE = re.compile(r"%|\bper ?cent\b|\bpercent|\bhalf\b|\bthirds?\b|\bquarters?\b|\bfifths?\b|\btenths?\b",
                     re.IGNORECASE)
# A code the question gives: "error E04", "the FC-18", "PX-300".
GIVEN_CODE = re.compile(r"\b[A-Za-z]+-?\d+[A-Za-z]*\b")
# An interest rate is a percentage: "What interest rate would I be charged if I went into my
# overdraft?" is not answered by "Your arranged overdraft limit is £500" ("When does the fixed
# interest rate end?" asks for a date).
ASKS_RATE = re.compile(r"\s*(?:what|which)\b[^?]*(?:\b(?:interest rates?|rates? of interest)\b|\b(?-i:APR|AER)\b)",
                       re.IGNORECASE)
A_RATE = re.compile(r"%|\bper ?cent\b|\bpercent", re.IGNORECASE)
# Questions asking for a reference, a number or a code that is given to someone ("What is the returns
# reference for my kettle?", "What's our booking reference?", "What tax code am I on?", "What is
# Pickle's microchip number?", "What's the car's registration number?"), answered by a
# code: letters with digits ("RTN-20931", "1257L", "QX7HNR"), a long number, spaced digits ("4 7 1
# 9") or capitals ("VOSSHART"); "What code should guests give when they ring?". Not a legal code, a
# code of conduct, a dress code, a referee or a reference hospital, nor a question that gives its
# code ("What does error code E6 mean?").
ASKS_CODE = re.compile(r"\s*(?:what|which)\b[^?]*\b(?:(?:booking|returns?|order|policy|account|tracking|case|claim|"
                       r"customer|membership|invoice|serial|model|flight|application|planning|payment|reference|"
                       r"microchip|chip|registration|licen[cs]e|passport|national insurance|NHS|hospital|patient|"
                       r"company|charity|VAT|vehicle|IMEI|meter|contract)"
                       r" (?:reference|number|code|ref|no)\b\.?|(?:tax|key|door|access|discount|promo(?:tional)?|"
                       r"booking|module|course|sort|error|voucher|gift|postal|post) code|(?<!legal )code (?:do|to|for)"
                       r" (?:I|we|you)\b|(?:the|a|my|our|your) code (?:for|to)\b)"
                       r"|\s*(?:what|which) (?!dress\b)(?:\w+ )?code\b(?! of\b)", re.IGNORECASE)
A_CODE = re.compile(r"\b(?=[\w/-]*\d)(?=[\w/-]*[A-Za-z])[A-Za-z0-9][\w/-]{2,}\b|\b\d[\d -]{4,}\d\b|\b\d(?: \d){3,}\b|"
                    r"\b[A-Z]{5,}\b")

# Questions about a weight or a height, and the units that answer them: "How much does the E7
# weigh?" is not answered by the £2,649 in the same table row. ("Which is the heaviest?" asks for a
# name, and "How far/high...?" as often for a share or a sum: "How high are the fees?")
LENGTH = r"(?<![a-z])(?:km|kilometres?|kilometers?|m|metres?|meters?|cm|mm|ft|feet|foot|inch(?:es)?)\b|\d\s*['′\"″]"
ASKS_MEASURE = (
    (re.compile(r"\bhow (?:much|many \w+) (?:does|did|do|will|would|could|can|is|was)\b[^?]*\bweigh|"
                r"\bwhat (?:is|was|are|were|will be) (?:the |its |their |his |her )?(?:\w+ )?weight\b|\bhow heavy\b",
                re.IGNORECASE),
     re.compile(r"(?<![a-z])(?:kg|kgs|kilos?|kilograms?|g|grams?|mg|lbs?|pounds|ounces?|oz|stones?|st|tonnes?|tons?)\b",
                re.IGNORECASE)),
    (re.compile(r"\bhow tall\b", re.IGNORECASE), re.compile(LENGTH, re.IGNORECASE)),
    # "How noisy did the fans get?" -> not "audible" beside "peaking at 41 decibels"
    (re.compile(r"\bhow (?:loud|noisy)\b|\bnoise levels?\b", re.IGNORECASE),
     re.compile(r"(?<![a-z])(?:db|dba|db\(a\)|decibels?)(?![a-z])", re.IGNORECASE)),
    (re.compile(ASKS["dose"].pattern, re.IGNORECASE), DOSE),  # "What dose of ticagrelor?" -> not "aspirin"
    # "How long should I cook the salmon?" -> not "10 cm" (of space around the fryer): a time
    (re.compile(r"\bhow long\b[^?]*\b(?:cook|cooked|bake|baked|roast|roasted|grill|grilled|boil|boiled|fry|fried|"
                r"simmer|steam|rest|take|takes|took|last|lasts|lasted|wait|stay|keep|remain|spend|charge|closed|"
                r"shut|open|run|runs|ran)\b", re.IGNORECASE),
     re.compile(r"(?<![a-z])(?:secs?|seconds?|mins?|minutes?|hrs?|hours?|h|days?|nights?|weeks?|fortnights?|months?|"
                r"years?|yrs?|decades?|centur(?:y|ies)|overnight)\b|\d[:.]\d\d", re.IGNORECASE)),
    # "How long was the women's race?" -> not "61" (the riders who finished): a time or a length
    (re.compile(r"\bhow long\b", re.IGNORECASE), re.compile(
        rf"{LENGTH}|(?<![a-z])(?:secs?|seconds?|mins?|minutes?|hrs?|hours?|h|days?|nights?|weeks?|fortnights?|"
        r"months?|years?|yrs?|decades?|centur(?:y|ies)|miles?|yards?|laps?|since|overnight|life)\b|\d[:.]\d\d|"
        r"\b(?:1\d{3}|20\d{2})s?\b", re.IGNORECASE)),
)


def span_fits(question: str, span: str, after: str = "") -> bool:
    """Whether a short answer is of the kind the question opens by asking for (a time for "When...?",
    a number for "How many...?", not a bare number or a span of time for "Who...?", a weight for
    "How much does it weigh?", with its unit or followed by it: `after`); True when the question
    asks for none of these."""
    if ASKS_QUANTITY.match(question) and not NUMBER.search(span):
        return False
    if ASKS_MONEY.match(question) and not AN_AMOUNT.search(span):  # "How much will it cost?" -> "40,000 square metre"
        return False
    if any(asks.search(question) and not (unit.search(span) or unit.match(after.lstrip().lstrip("-")))
           for asks, unit in ASKS_MEASURE):  # "94" in "94 pounds" (or "112-kilometre") is shown as the number it is
        return False
    if ASKS_CLOCK.match(question) and not CLOCK.search(span):  # "What time...?" -> "45 minutes"
        return False
    if ASKS_TIME.match(question) and not (YEAR.search(span) or MONTH.search(span) or WHEN_WORDS.search(span)
                                          or re.search(r"\d|[A-Z]", span)):  # "the Oligocene", "Easter"
        return False
    if BIRTH_ASKED.search(question) and not (YEAR.search(span) or MONTH.search(span)):  # "When was she born?" -> "17"
        return False
    if (ASKS_TIME.match(question) or ASKS_QUANTITY.match(question)) and SCHOOL_YEAR.fullmatch(span):
        return False  # "When is the class trip?" or "How long has he taught there?" -> "Year 4"
    if (ASKS_TIME.match(question) or ASKS_DEADLINE.match(question)) and DURATION.fullmatch(span.strip()) \
            and not SINCE_OR_UNTIL.match(after.lstrip()):  # "What's the deadline?" -> "12 months" of cover
        return False
    if ASKS_PLACE.match(question) and COUNT_ONLY.fullmatch(span.strip()):  # "Where is it held?" -> "eleventh"
        return False
    if ASKS_CONTACT.match(question) and not re.search(r"[A-Z\d@]", span):  # "Who should I contact?" -> "volunteers"
        return False
    # "Who" may be answered in lower case ("the farmers"), never by "1979" or "41 years" (but for
    # whom to ring: "0800 111 999").
    return not (ASKS_PERSON.match(question) and not ASKS_CONTACT.match(question) and re.search(r"\d", span)
                and not re.search(r"[A-Z]", span))


# A short answer that runs on into a clause of its own: "1887 and was last repaired in 1994".
CLAUSE_AFTER = re.compile(r",?\s+(?:and|but|which|who|while)\s+(?:was|were|is|are|has|have|had|will|would|did|does)\b")


def clause_cut(question: str, span: str) -> int:
    """How much of a short answer to keep: up to a clause it runs on into ("When was the bridge
    built?" -> "1887", not "1887 and was last repaired in 1994") where what comes before it is
    of the kind the question asks (a time, a person, a place, a quantity); all of it otherwise."""
    asks_kind = any(asks.match(question) for asks in (ASKS_TIME, ASKS_PERSON, ASKS_PLACE, ASKS_QUANTITY, ASKS_MONEY,
                                                     ASKS_CLOCK))
    found = CLAUSE_AFTER.search(span) if asks_kind else None
    return found.start() if found and found.start() and span_fits(question, span[: found.start()]) else len(span)


def _name_words(text: str) -> set[str]:
    """Lower-cased words, hyphenated names both whole and in parts ("wren-adeyemi", "wren", "adeyemi")."""
    return {w.lower() for w in re.findall(r"[\w'’-]+", text)} | {w.lower() for w in re.findall(r"\w+", text)}


def restates(question: str, span: str, after: str = "", before: str = "") -> bool:
    """Whether a short answer only says again what the question says: each of its words is one of
    the question's; for "who", a full name whose surname the question names ("Who was the source for
    what Kishi said?" -> "Nobuo Kishi"); or the first name of a person the question names: the fuller
    one ("What was Win Ashby's maiden name?" -> "Winifred" in "Winifred "Win" Ashby"; `after`: the
    sentence after it), or any, when the question asks who ("Whom did Kishi want to help?" -> "Nobuo",
    and "Nobuo" of "Kishi Nobuo", the family name first: `before`, the sentence before it).
    A question offering a choice ("... the Broncos or the Panthers?") is answered in its own words."""
    if re.search(r"\bor\b", question, re.IGNORECASE):
        return False
    asked = {w.lower() for w in re.findall(r"\w+", question)}
    said = [w.lower() for w in re.findall(r"\w+", span)]
    if said and all(w in asked for w in said):
        return True
    surname = re.search(r"\b([A-Z][\w'’-]+)\W*$", span)  # a name ends in a capitalised word: not "The harbor pilot"
    firm = "&" in span  # "Kelsbridge & Dene Water" for "Who runs the water account?": no one's surname
    if ASKS_PERSON.match(question) and len(said) >= 2 and surname and not firm and surname.group(1).lower() not in STOP_WORDS \
            and surname.group(1).lower() in _name_words(question):
        return True
    first = span.strip()
    named_before = re.search(r"\b([A-Z][\w'’-]+)\s+$", before)
    if ASKS_PERSON.match(question) and re.fullmatch(r"[A-Z]\w+", first) and named_before \
            and named_before.group(1).lower() in asked and named_before.group(1).lower() not in STOP_WORDS:
        return True
    rest = NAME_GOES_ON.match(after)
    if not (rest and re.fullmatch(r"[A-Z]\w+", first) and rest.group(1).lower() in asked):
        return False
    # "Winifred" for the "Win Ashby" asked about; "Nobuo" (of "Nobuo Kishi") for "Whom did Kishi help?".
    return any(len(a) >= 3 and first.lower().startswith(a) for a in asked) or bool(ASKS_PERSON.match(question))


# The rest of a name after its first part: a nickname in quotes or brackets, then the surname.
NAME_GOES_ON = re.compile(r"\s*(?:[\"“][^\"”]{1,20}[\"”]\s*|\([^)]{1,20}\)\s*)?([A-Z]\w+)")

