"""The web chat's sessions (bot/web/sessions.py): what a reload finds, and their bounds."""

from bot.web.sessions import Sessions


def test_a_session_gives_back_its_newest_turns_and_nothing_for_a_made_up_id():
    sessions = Sessions(max_sessions=2, max_turns=3)
    mine = sessions.new_id()
    sessions.put(mine, [{"question": str(i)} for i in range(5)])
    assert [t["question"] for t in sessions.get(mine)] == ["2", "3", "4"]
    sessions.get(mine).clear()  # a copy: the caller cannot change what is kept
    assert len(sessions.get(mine)) == 3
    for forged in ("", None, 42, "../index", "A" * 32, mine + "0"):
        sessions.put(forged, [{"question": "x"}])
        assert sessions.get(forged) == []


def test_the_least_recently_used_session_goes_past_the_bound():
    sessions = Sessions(max_sessions=2, max_turns=3)
    a, b, c = (sessions.new_id() for _ in range(3))
    sessions.put(a, [{"question": "a"}])
    sessions.put(b, [{"question": "b"}])
    sessions.get(a)  # used: b is now the oldest
    sessions.put(c, [{"question": "c"}])
    assert sessions.get(b) == [] and sessions.get(a) and sessions.get(c)
