"""The PDF reader's page furniture, on lines placed by hand: what sits at a page's foot."""

from bot.ingest.pdf import Line, _drop_furniture


def page(*lines: tuple[str, float, float]) -> list[Line]:
    """Lines of 12pt type from (text, left, bottom), top of the page first."""
    return [Line(text, left, bottom, left + 6 * len(text), bottom + 12) for text, left, bottom in lines]


def test_a_year_wrapped_to_the_foot_of_a_page_is_no_page_number():
    """A signature table's date cell wraps ("Date: 18 August" / "2025") at the foot of two pages:
    the year, a line's step under its cell, was dropped as a page number repeated at the foot."""
    pages = [page(("The tenancy ends on 31 August 2026.", 90, 700), ("Signed by the Landlord", 90, 83),
                  ("Date: 18 August", 400, 83), ("2025", 400, 68)),
             page(("Signed by the Tenant", 90, 700), ("Date: 18 August", 400, 700), ("2025", 400, 685))]
    kept = [[line.text for line in lines] for lines in _drop_furniture(pages)]
    assert kept[0][-1] == "2025" and kept[1][-1] == "2025"


def test_a_page_number_under_a_margin_is_furniture():
    pages = [page(("The tenancy ends on 31 August 2026.", 90, 700), ("The deposit is protected.", 90, 83),
                  (str(n), 300, 30)) for n in (1, 2)]
    assert all(line.text not in ("1", "2") for lines in _drop_furniture(pages) for line in lines)
