"""A question that gives a code or a number its quoted article never holds is not answered by that
article in a small folder (`ranking.gives_what_it_lacks`); the forms articles write differently
(ages in a range, decades, ordinals, single digits) are not held against it."""

from __future__ import annotations

import pytest

from bot.answer.ranking import gives_what_it_lacks

MANUAL = ("The PX-300 runs on the HB-18/4 battery (18 V, 4.0 Ah). Charging time: 90 minutes with the FC-18 "
          "fast charger. Revenue rose in 2024 to £14,280. The shop opens at 7.30pm. For ages 12 to 15.")


@pytest.mark.parametrize("question", [
    "How long does the FC-18 charger take to charge a 2.0 Ah battery?",
    "What was the revenue in 2019?",
    "What does error E04 mean?",
    "Does the PX-500 take the same battery?",
])
def test_a_number_or_code_the_article_never_holds(question):
    assert gives_what_it_lacks(question, MANUAL)


@pytest.mark.parametrize("question", [
    "How long does the FC-18 take to charge the 4.0 Ah battery?",
    "What did revenue reach in 2024?",
    "What is the PX300's battery?",  # a code written without its hyphen
    "What did the £14,280 pay for?",
    "Is the shop open at 7:30?",
    "How many tablets can a 13-year-old take?",  # an age a range may hold
    "What happened in the 70s?",
    "Who came 5th?",
    "What happened after World War 2?",
    "Who opened the shop?",
])
def test_what_the_article_holds_or_writes_another_way(question):
    assert not gives_what_it_lacks(question, MANUAL)
