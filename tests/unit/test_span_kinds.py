"""A bold short answer of another kind than the question asks for is not asserted (answer/kinds.py)."""

from bot.answer.kinds import span_fits


def test_a_span_of_the_wrong_kind_does_not_fit():
    wrong = [("Who founded Pellworth Instruments in Dayton?", "1979"),
             ("Who took over as conductor of the choir in 2020?", "41 years"),
             ("When will the bridge reopen?", "the council"),
             ("How many people attended the match?", "a record crowd")]
    right = [("Who founded the company?", "Ada Brandt"), ("Who protested outside?", "the farmers"),
             ("When will the bridge reopen?", "next spring"), ("When did it begin?", "the Oligocene"),
             ("How many people attended?", "14,862"), ("How many teachers are involved when co-teaching?", "two"),
             ("When dating rocks, what is the isotopic date applied to?", "fossil sequences"),
             ("What did the council decide?", "to close the bridge")]
    assert [span_fits(q, s) for q, s in wrong] == [False] * len(wrong)
    assert [span_fits(q, s) for q, s in right] == [True] * len(right)
