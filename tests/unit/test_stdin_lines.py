"""`bot ask`'s standard input: a line is a question, or a JSON object with one; a broken line says why."""

from __future__ import annotations

import pytest

from bot import cli
from bot.core.errors import BadQuestion


def test_plain_and_json_lines():
    assert cli._parse_line("  How much is the rent?\n") == ("How much is the rent?", [])
    history = [{"role": "user", "content": "Who is the landlord?"}]
    assert cli._parse_line('{"question": "And the rent?", "history": [{"role": "user", "content": '
                           '"Who is the landlord?"}]}') == ("And the rent?", history)


@pytest.mark.parametrize("line, column", [('{"question": "How much is the rent?', 14), ("{not json", 2)])
def test_a_broken_json_line_says_where_once(line, column):
    with pytest.raises(BadQuestion) as error:
        cli._parse_line(line)
    message = str(error.value)
    assert message.startswith("not valid JSON (") and f"at column {column})" in message
    assert " at at " not in message  # json's own message may end in "at"
