"""The AMI codec (models/telephony/ami.py, issue #14) on real streams and hostile bytes.

The streams are the ones recorded from the real Asterisk 22 in ``tests/frames/``
(``record.py`` there): whatever way a socket cuts them — one byte at a time, at every
point between two messages, all in one read — the same messages come out. Around
them: what a peer can get wrong (no colon, no Event first, oversize messages and
endless lines, GBK names, invalid bytes) gives one problem line and loses nothing
after it; ``encode_action`` lets no value inject a key; the Correlator matches
answers and list responses without claiming the floor's events.

Property tests (hypothesis) run 40 examples in the suite; for a long run by hand:
``SEATWATCH_FUZZ_EXAMPLES=2000 pytest tests/test_ami_codec.py -k property``.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.telephony.ami import (
    AmiParser,
    Completed,
    Correlator,
    Message,
    decode,
    encode_action,
)

FRAMES = Path(__file__).parent / "frames"
FUZZ = settings(max_examples=int(os.environ.get("SEATWATCH_FUZZ_EXAMPLES", "40")),
                deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
BANNER = b"Asterisk Call Manager/11.0.0\r\n"


def frame(name: str) -> bytes:
    return (FRAMES / f"{name}.ami").read_bytes()


def parse(data: bytes, chunks: list[int] | None = None, **kw: int) -> tuple[
        list[Message], AmiParser]:
    """All of ``data`` through one parser, cut after each offset in ``chunks``."""
    p = AmiParser(**kw)
    out: list[Message] = []
    last = 0
    for cut in sorted(set(chunks or [])):
        out += p.feed(data[last:cut])
        last = cut
    out += p.feed(data[last:])
    return out, p


def reference(data: bytes, **kw: int) -> tuple[list[Message], AmiParser]:
    """The line-by-line path alone (the fast path turned off)."""
    p = AmiParser(**kw)
    p._fast = False
    return p.feed(data), p


def msg(first: str, name: str, *fields: tuple[str, str]) -> bytes:
    lines = [f"{first}: {name}", *(f"{k}: {v}" for k, v in fields)]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


# ---- every split of a real stream --------------------------------------------


@pytest.mark.parametrize("name", ["queue_call", "status", "hold"])
def test_one_byte_at_a_time_gives_the_same_messages_as_one_read(name: str) -> None:
    data = frame(name)
    whole, p1 = parse(data)
    assert p1.banner == "Asterisk Call Manager/11.0.0"
    assert len(whole) > 50 and not p1.problems
    p = AmiParser()
    byte_by_byte: list[Message] = []
    for i in range(len(data)):
        byte_by_byte += p.feed(data[i:i + 1])
    assert byte_by_byte == whole
    assert p.banner == p1.banner and not p.problems


def test_every_split_point_of_a_two_message_buffer() -> None:
    msgs, _ = parse(frame("queue_call"))
    join = next(m for m in msgs if m.is_event("QueueCallerJoin"))
    connect = next(m for m in msgs if m.is_event("AgentConnect"))
    data = encode(join) + encode(connect)
    for cut in range(len(data) + 1):
        for banner in (b"", BANNER):
            out, p = parse(banner + data, [len(banner) + cut])
            assert out == [join, connect], cut
            assert not p.problems


def test_random_chunkings_of_every_recorded_stream_agree() -> None:
    rnd = random.Random(14)
    for path in sorted(FRAMES.glob("*.ami")):
        data = path.read_bytes()
        whole, _ = parse(data)
        ref, _ = reference(data)
        assert ref == whole, path.name
        for _ in range(5):
            cuts = sorted(rnd.sample(range(1, len(data)), rnd.randint(1, 200)))
            assert parse(data, cuts)[0] == whole, path.name


def encode(m: Message, eol: bytes = b"\r\n") -> bytes:
    return eol.join(f"{k}: {v}".encode() for k, v in m.items()) + eol + eol


# ---- the banner ----------------------------------------------------------------


@pytest.mark.parametrize("banner", ["Asterisk Call Manager/11.0.0", "Asterisk Call Manager/2.10.6",
                                    "Asterisk Call Manager/99.1.2-beta"])
def test_the_banner_is_read_whatever_its_version(banner: str) -> None:
    data = banner.encode() + b"\r\n" + msg("Response", "Success", ("ActionID", "1"))
    p = AmiParser()
    assert p.banner is None  # never assumed
    out = []
    for i in range(len(data)):
        out += p.feed(data[i:i + 1])
        if i < len(banner):
            assert p.banner is None
    assert p.banner == banner
    assert [m.name for m in out] == ["Success"]


def test_a_stream_without_banner_still_parses_and_the_banner_stays_unknown() -> None:
    out, p = parse(msg("Event", "FullyBooted", ("Status", "Fully Booted")))
    assert p.banner is None
    assert [m.name for m in out] == ["FullyBooted"]


def test_a_second_banner_like_line_inside_a_message_is_a_value_not_a_banner() -> None:
    out, p = parse(BANNER + b"Event: X\r\nAsterisk Call Manager/1.0: odd\r\n\r\n")
    assert p.banner == "Asterisk Call Manager/11.0.0"
    assert out[0].get("asterisk call manager/1.0") == "odd"


# ---- keys, line ends -----------------------------------------------------------


def test_keys_are_case_insensitive_and_repeated_keys_kept_in_order() -> None:
    data = (b"Event: VarSet\r\nChanVariable: a=1\r\nCHANVARIABLE: b=2\r\n"
            b"chanvariable: c=3\r\nUniqueid: 1.2\r\n\r\n")
    (m,), _ = parse(data)
    assert m.kind == "event" and m.name == "VarSet" and m.is_event("varset")
    assert m.getall("ChanVariable") == ["a=1", "b=2", "c=3"]
    assert m.get("chanVARIABLE") == "a=1"
    assert m["UNIQUEID"] == "1.2" and "uniqueid" in m and "Nope" not in m
    assert m.items()[1:3] == [("ChanVariable", "a=1"), ("CHANVARIABLE", "b=2")]
    with pytest.raises(KeyError):
        m["Nope"]


def test_crlf_bare_lf_and_mixed_line_ends_give_the_same_message() -> None:
    crlf = b"Event: Hangup\r\nChannel: Local/8001@agents-1;1\r\nCause: 16\r\n\r\n"
    lf = crlf.replace(b"\r\n", b"\n")
    mixed = b"Event: Hangup\nChannel: Local/8001@agents-1;1\r\nCause: 16\n\r\n"
    results = [parse(d)[0] for d in (crlf, lf, mixed)]
    assert results[0] == results[1] == results[2]
    assert results[0][0].get("Cause") == "16"
    for d in (crlf, lf, mixed):  # and one byte at a time
        p = AmiParser()
        assert [m for i in range(len(d)) for m in p.feed(d[i:i + 1])] == results[0]


def test_values_keep_inner_colons_and_lose_only_one_leading_space() -> None:
    (m,), _ = parse(b"Event: X\r\nData: Local/8001@agents-1;1,qE\r\nUrl: http://a:1/b\r\n"
                    b"Two:  spaced\r\nNone:\r\n\r\n")
    assert m.get("Url") == "http://a:1/b" and m.get("Two") == " spaced" and m.get("None") == ""


def test_timestamp_header_as_epoch_seconds() -> None:
    (m,), _ = parse(b"Event: X\r\nTimestamp: 1796603876.323961\r\n\r\n")
    assert m.timestamp == pytest.approx(1796603876.323961)
    for bad in (b"nan", b"soon", b"-5", b"1e300"):
        (m,), _ = parse(b"Event: X\r\nTimestamp: " + bad + b"\r\n\r\n")
        assert m.timestamp is None
    assert Message.of("Event", "X").timestamp is None


# ---- encodings -------------------------------------------------------------------


def test_a_gbk_callerid_name_reads_as_chinese() -> None:
    data = b"Event: QueueCallerJoin\r\nCallerIDName: " + "张三".encode("gbk") + \
        b"\r\nCallerIDNum: 138\r\n\r\n"
    for cuts in ([], list(range(1, len(data)))):
        (m,), p = parse(data, cuts)
        assert m.get("CallerIDName") == "张三" and m.get("CallerIDNum") == "138"
        assert not p.problems


def test_gb18030_only_characters_and_invalid_bytes_decode_without_raising() -> None:
    four_byte = "𠀀€".encode("gb18030")  # outside GBK: GB18030's four-byte forms
    data = (b"Event: X\r\nName: " + four_byte + b"\r\nJunk: \xff\xfe\x80\x81\x00z\r\n"
            b"Mixed: \xe5\xbc\xa0" + "三".encode("gbk") + b"\r\n\r\n")
    (m,), _ = parse(data)
    assert m.get("Name") == "𠀀€"
    assert isinstance(m.get("Junk"), str) and m.get("Junk", "").endswith("z")
    assert isinstance(m.get("Mixed"), str)
    assert decode(b"\xff\xff") == "\xff\xff"  # Latin-1, the last resort


def test_utf8_chinese_from_the_real_asterisk() -> None:
    msgs, _ = parse(frame("pause"))
    paused = [m for m in msgs if m.is_event("QueueMemberPause")]
    assert [m.get("Paused") for m in paused] == ["1", "0"]
    assert paused[0].get("PausedReason") == "小休" and paused[1].get("PausedReason") == ""


# ---- bad input: one problem line, nothing lost ---------------------------------


def test_an_oversize_message_is_refused_and_its_neighbours_are_intact() -> None:
    before = msg("Event", "Before", ("N", "1"))
    big = msg("Event", "Huge", *((f"Variable{i}", "x" * 100) for i in range(50)))
    after = msg("Event", "After", ("N", "2"))
    data = before + big + after
    for cuts in ([], list(range(1, len(data), 1)), list(range(7, len(data), 333))):
        out, p = parse(data, cuts, max_message=2048)
        assert [m.name for m in out] == ["Before", "After"]
        assert len(p.problems) == 1 and "2048" in p.problems[0]
        assert "\n" not in p.problems[0]


def test_an_endless_line_is_refused_once_and_the_stream_goes_on() -> None:
    before = msg("Event", "Before")
    after = msg("Event", "After")
    endless = b"Event: Endless\r\nValue: " + b"y" * 50_000 + b"\r\n\r\n"
    data = before + endless + after
    for step in (len(data), 4096, 1000, 7):
        cuts = list(range(step, len(data), step))
        out, p = parse(data, cuts, max_message=4096)
        assert [m.name for m in out] == ["Before", "After"], step
        assert len(p.problems) == 1, (step, p.problems)
        assert len(p._buf) < 4096  # nothing of it was held


def test_an_endless_line_without_any_message_around_it_is_bounded() -> None:
    p = AmiParser(max_message=1024)
    for _ in range(200):
        assert p.feed(b"z" * 500) == []
        assert len(p._buf) <= 1024
    assert len(p.drain_problems()) == 1 and p.problems == []
    assert [m.name for m in p.feed(b"\r\n\r\n" + msg("Event", "Back"))] == ["Back"]


def test_lines_without_colon_give_a_problem_line_and_nothing_after_is_lost() -> None:
    data = (msg("Event", "A") + b"this is no key value\r\n" + msg("Event", "B", ("K", "v"))
            + b"Event: C\r\ngarbage in the middle\r\nK: v\r\n\r\n" + msg("Event", "D"))
    for cuts in ([], list(range(1, len(data)))):
        out, p = parse(data, cuts)
        assert [m.name for m in out] == ["A", "B", "C", "D"]
        assert out[2].get("K") == "v"
        assert len(p.problems) == 2 and all("without 'Key: Value'" in x for x in p.problems)


def test_a_message_without_event_or_response_first_is_refused_with_a_problem() -> None:
    data = msg("Event", "A") + b"Channel: x\r\nEvent: Late\r\n\r\n" + msg("Response", "Success")
    out, p = parse(data)
    assert [m.name for m in out] == ["A", "Success"]
    assert p.drain_problems() == [
        "AMI message without Event/Response/Action first ignored: Channel, Event"]
    assert p.problems == []


def test_unknown_events_pass_through_as_events() -> None:
    out, p = parse(msg("Event", "SomethingNewInAsterisk23", ("Foo", "bar")))
    assert out[0].kind == "event" and out[0].name == "SomethingNewInAsterisk23"
    assert not p.problems


def test_stray_blank_lines_between_messages_are_harmless() -> None:
    data = b"\r\n\r\n\n" + msg("Event", "A") + b"\r\n\n\r\n" + msg("Event", "B")
    for cuts in ([], list(range(1, len(data)))):
        out, p = parse(data, cuts)
        assert [m.name for m in out] == ["A", "B"] and not p.problems


def test_response_follows_keeps_its_action_id_and_output() -> None:
    data = (b"Response: Follows\r\nPrivilege: Command\r\nActionID: c1\r\n"
            b"Channel              Location\r\nKey: looks like one\r\n\r\n"
            b"--END COMMAND--\r\n\r\n" + msg("Event", "After"))
    for cuts in ([], list(range(1, len(data)))):
        out, p = parse(data, cuts)
        assert [m.name for m in out] == ["Follows", "After"]
        assert out[0].action_id == "c1"
        assert out[0].getall("Output") == ["Channel              Location",
                                           "Key: looks like one", ""]
        assert not p.problems


def test_old_style_output_lines_inside_a_response_are_kept() -> None:
    (m,), p = parse(b"Response: Success\r\nActionID: 9\r\nplain output line\r\n\r\n")
    assert m.getall("Output") == ["plain output line"] and not p.problems


# ---- encode_action ---------------------------------------------------------------


def test_encode_action_round_trips_with_repeated_fields_and_action_id() -> None:
    raw = encode_action("Originate", {"Channel": "Local/9001@sup", "Variable": ["A=1", "B=张"],
                                      "Async": "true", "Skipped": None}, "a1")
    assert raw.endswith(b"\r\n\r\n") and b"Skipped" not in raw
    (m,), _ = parse(raw)
    assert m.kind == "action" and m.name == "Originate" and m.action_id == "a1"
    assert m.getall("Variable") == ["A=1", "B=张"]
    assert encode_action("Ping", [("X", "1"), ("X", "2")], "p").count(b"X: ") == 2
    assert encode_action("Ping") == b"Action: Ping\r\n\r\n"


@pytest.mark.parametrize("evil", ["x\r\nAction: Hangup\r\nChannel: all", "x\nSecret: s",
                                  "x\r\n\r\nAction: Hangup", "a\rb"])
def test_encode_action_never_lets_a_value_or_key_inject_a_line(evil: str) -> None:
    raw = encode_action("QueuePause", {"Interface": evil, "Reason": evil, evil: "v"}, evil)
    assert raw.count(b"\r\n\r\n") == 1 and raw.endswith(b"\r\n\r\n")
    assert raw[:-4].count(b"\n") == 4 and b"\r" not in raw[:-4].replace(b"\r\n", b"")
    out, p = parse(raw)
    assert len(out) == 1 and not p.problems
    assert out[0].getall("Action") == ["QueuePause"]
    assert "Secret" not in out[0] and "Channel" not in out[0]


# ---- the Correlator ----------------------------------------------------------------


def test_plain_responses_are_matched_by_action_id_and_unsolicited_events_are_not() -> None:
    c = Correlator()
    c.expect("a1")
    c.expect("a2")
    ev = Message.of("Event", "Newstate", Channel="x")
    assert c.feed(ev) is None and not c.claimed
    done = c.feed(Message.of("Response", "Error", ActionID="a2", Message="No such channel"))
    assert isinstance(done, Completed) and c.claimed
    assert done.action_id == "a2" and not done.ok and done.message == "No such channel"
    assert c.pending() == ["a1"]
    assert c.feed(Message.of("Response", "Success", ActionID="zz")) is None and not c.claimed
    done = c.feed(Message.of("Response", "Success", ActionID="a1", Message="Queued"))
    assert done is not None and done.ok and done.message == "Queued" and done.events == []
    assert c.pending() == []


def test_a_list_response_gathers_its_events_and_leaves_interleaved_ones_alone() -> None:
    c = Correlator()
    c.expect("L", list_response=True)
    stream = [
        Message.of("Response", "Success", ActionID="L", EventList="start",
                   Message="Queue status will follow"),
        Message.of("Event", "QueueParams", ActionID="L", Queue="q1"),
        Message.of("Event", "AgentCalled", Queue="q1"),  # the floor's, mid-list
        Message.of("Event", "QueueMember", ActionID="L", Name="Agent 8001"),
        Message.of("Event", "QueueCallerJoin", ActionID="other", Queue="q1"),
        Message.of("Event", "QueueStatusComplete", ActionID="L", EventList="Complete",
                   ListItems="2"),
    ]
    results, unclaimed = [], []
    for m in stream:
        r = c.feed(m)
        if r is not None:
            results.append(r)
        elif not c.claimed:
            unclaimed.append(m.name)
    assert unclaimed == ["AgentCalled", "QueueCallerJoin"]
    (done,) = results
    assert done.ok and [e.name for e in done.events] == ["QueueParams", "QueueMember"]
    assert c.pending() == []


def test_an_error_response_to_a_list_action_completes_it_with_asterisks_message() -> None:
    c = Correlator()
    c.expect("L", list_response=True)
    done = c.feed(Message.of("Response", "Error", ActionID="L", Message="Permission denied"))
    assert done is not None and not done.ok and done.message == "Permission denied"
    assert done.events == [] and c.pending() == []


def test_clear_on_link_loss_forgets_every_pending_action() -> None:
    c = Correlator()
    c.expect("a", list_response=True)
    c.expect("b")
    assert c.feed(Message.of("Response", "Success", ActionID="a", EventList="start")) is None
    assert sorted(c.clear()) == ["a", "b"] and c.pending() == []
    # answers that come after (from a new session reusing ids) are not claimed
    assert c.feed(Message.of("Event", "QueueStatusComplete", ActionID="a",
                             EventList="Complete")) is None and not c.claimed
    c.expect("x")
    c.forget("x")
    assert c.pending() == []


def test_the_real_queue_status_and_channel_lists_correlate() -> None:
    msgs, _ = parse(frame("status"))
    c = Correlator()
    for aid, is_list in (("rec1", False), ("rec2", True), ("rec3", True)):
        c.expect(aid, is_list)
    done: dict[str, Completed] = {}
    floor = []
    for m in msgs:
        r = c.feed(m)
        if r is not None:
            done[r.action_id] = r
        elif not c.claimed:
            floor.append(m)
    assert set(done) == {"rec1", "rec2", "rec3"} and all(d.ok for d in done.values())
    names = {e.name for e in done["rec2"].events}
    assert {"QueueParams", "QueueMember"} <= names
    members = {e.get("Name"): e for e in done["rec2"].events if e.name == "QueueMember"}
    assert members["Agent 8002"].get("Paused") == "1"
    assert members["Agent 8002"].get("PausedReason") == "就餐"
    assert {e.name for e in done["rec3"].events} == {"CoreShowChannel"}
    assert all(m.action_id not in done for m in floor)
    assert any(m.is_event("AgentComplete") for m in floor)


# ---- property tests ---------------------------------------------------------------


@FUZZ
@given(st.binary(max_size=3000), st.lists(st.integers(min_value=0, max_value=3000),
                                          max_size=30),
       st.sampled_from([64, 512, 64 * 1024]))
def test_property_random_bytes_never_raise_and_any_chunking_agrees(
        data: bytes, cuts: list[int], bound: int) -> None:
    whole, p = parse(data, max_message=bound)
    chunked, q = parse(data, [c for c in cuts if c <= len(data)], max_message=bound)
    assert chunked == whole
    assert len(p._buf) <= bound and len(q._buf) <= bound
    assert all(isinstance(x, str) and "\n" not in x for x in p.problems + q.problems)


_KEY = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
               min_size=1, max_size=12)
_VALUE = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")),
                 max_size=40).map(str.strip)
_MESSAGE = st.tuples(st.sampled_from(["Event", "Response", "Action"]),
                     _VALUE.filter(bool), st.lists(st.tuples(_KEY, _VALUE), max_size=8))


@FUZZ
@given(st.lists(_MESSAGE, min_size=1, max_size=8), st.booleans(), st.booleans(),
       st.randoms(use_true_random=False))
def test_property_valid_messages_round_trip_through_any_chunking(
        messages: list[tuple[str, str, list[tuple[str, str]]]], banner: bool, lf: bool,
        rnd: random.Random) -> None:
    eol = b"\n" if lf else b"\r\n"
    expected = [Message([(first, name), *fields]) for first, name, fields in messages]
    data = (BANNER if banner else b"") + b"".join(encode(m, eol) for m in expected)
    cuts = sorted(rnd.sample(range(len(data) + 1), min(len(data), rnd.randint(0, 60))))
    out, p = parse(data, cuts)
    assert out == expected
    assert not p.problems
    assert p.banner == ("Asterisk Call Manager/11.0.0" if banner else None)
    assert reference(data)[0] == expected


_PIECES = st.sampled_from([
    b"Event: A", b"Response: Success", b"Response: Follows", b"Action: Ping", b"ActionID: 1",
    b"Privilege: Command", b"--END COMMAND--", b"Asterisk Call Manager/1.0", b"Key: v",
    b"no colon", b":", b" ", b"\r", b"\n", b"\r\n", b"\r\n\r\n", b"\n\n", b"x" * 100,
    b"\xff\xfe", "张三".encode("gbk"), "张三".encode(), b"Channel: Local/8001@agents-1;1"])


@FUZZ
@given(st.lists(_PIECES, max_size=60), st.lists(st.integers(min_value=0, max_value=6000),
                                                max_size=40),
       st.sampled_from([64, 200, 64 * 1024]))
def test_property_protocol_shaped_garbage_agrees_across_chunkings_and_paths(
        pieces: list[bytes], cuts: list[int], bound: int) -> None:
    data = b"".join(pieces)
    whole, p = parse(data, max_message=bound)
    assert parse(data, [c for c in cuts if c <= len(data)], max_message=bound)[0] == whole
    if bound == 64 * 1024:
        assert reference(data, max_message=bound)[0] == whole
    assert all(m.kind in ("event", "response", "action") for m in whole)
    assert len(p._buf) <= bound
