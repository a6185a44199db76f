"""Property-based tests of the telephony mapping's parsers (issue #14), as
tests/test_fuzz_parsers.py does for the other files: a mutated document, any
text, any QueueStatus reply — a mapping or one line of :class:`MappingError`,
never another exception; and what ``discover`` writes always parses.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from models.telephony import mapping as mp
from tests.test_fuzz_parsers import FUZZ, JSONISH, mutated, one_line
from tests.test_telephony_mapping import BASE

MAPPING = mp.parse_toml(BASE, "base.toml").to_dict()


def _mapping(doc: Any) -> None:
    try:
        m = mp.TelephonyMapping.from_dict(doc, "fuzz")
    except mp.MappingError as e:
        one_line(e)
        assert str(e).startswith("fuzz: ")
        return
    assert mp.parse_toml(m.to_toml(), "again") == m  # whatever is accepted round-trips


@FUZZ
@given(mutated(MAPPING))
def test_a_mutated_mapping_parses_or_is_refused_naming_a_key(doc: Any) -> None:
    _mapping(doc)


@FUZZ
@given(JSONISH)
def test_any_json_value_as_a_mapping_is_refused_in_one_line(doc: Any) -> None:
    _mapping(doc)


@FUZZ
@given(st.text(max_size=200))
def test_any_text_as_a_mapping_file_is_refused_in_one_line(text: str) -> None:
    try:
        mp.parse_toml(text, "fuzz.toml")
    except mp.MappingError as e:
        one_line(e)


@FUZZ
@given(st.lists(st.sampled_from(BASE.splitlines()), max_size=40))
def test_lines_of_a_good_file_in_any_order_parse_or_are_refused_in_one_line(
        lines: list[str]) -> None:
    try:
        mp.parse_toml("\n".join(lines), "fuzz.toml")
    except mp.MappingError as e:
        one_line(e)


class Msg:
    def __init__(self, name: str, fields: dict[str, str]) -> None:
        self.name = name
        self.fields = {k.lower(): v for k, v in fields.items()}

    def get(self, key: str, default: str | None = None) -> str | None:
        return self.fields.get(key.lower(), default)


VALUES = st.one_of(st.text(max_size=30), st.sampled_from(
    ["q1", "Agent 8001", "张三", "PJSIP/8002", "Local/801@a/n", "小休", "", " ", "\x00",
     "\ud800", '"', "\\", "x" * 300, "8" * 50, "#", "a\nb", "ÕÅÈý"]))
MESSAGES = st.builds(
    Msg, st.sampled_from(["QueueParams", "QueueMember", "QueueMemberPause", "QueueEntry",
                          "QueueStatusComplete", ""]),
    st.dictionaries(st.sampled_from(["Queue", "MemberName", "Name", "Interface", "Location",
                                     "StateInterface", "PausedReason", "Reason"]),
                    VALUES, max_size=6))


@FUZZ
@given(st.lists(MESSAGES, max_size=12))
def test_discover_writes_a_mapping_that_parses_whatever_asterisk_says(
        messages: list[Msg]) -> None:
    mp.parse_toml(mp.discover(messages), "discovered.toml")
