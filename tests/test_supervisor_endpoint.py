"""Each supervisor's own extension (issue #14, "Floor mapping": "each supervisor's own
endpoint … also settable in the console").

The values go into AMI actions on the real switch, so anything that could add an
argument to an Originate or a Redirect is refused naming the field; a change is
audited; a supervisor sets their own, an administrator anyone's; on PostgreSQL the
console role reads and writes the table, the host only reads it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from pytestqt.qtbot import QtBot

from models.db import audit as auditlog
from models.db import endpoints_db, operators
from models.db import engine as dbengine
from models.db.store import writing
from models.domain import endpoints
from models.domain.endpoints import EndpointError
from tests.test_db_roles import pg_roles, refused  # noqa: F401 - the fixture

T0 = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)


# ---- the rules ----------------------------------------------------------------------------


@pytest.mark.parametrize("endpoint", ["PJSIP/9001", "SIP/9001", "Local/9001@sup",
                                      "Local/9001@sup/n", "IAX2/pbx-2/9001", "DAHDI/1",
                                      "PJSIP/+8610123", "  PJSIP/9001  "])
def test_endpoints_like_tech_slash_resource_are_taken(endpoint: str) -> None:
    assert endpoints.validate(endpoint, "sup", "9001") == (endpoint.strip(), "sup", "9001")


@pytest.mark.parametrize("endpoint,why", [
    ("", "needed"),
    ("9001", "TECHNOLOGY/resource"),
    ("PJSIP/", "TECHNOLOGY/resource"),
    ("/9001", "TECHNOLOGY/resource"),
    ("PJSIP/9001,9002", "TECHNOLOGY/resource"),       # a second Dial argument
    ("PJSIP/9001&PJSIP/9002", "TECHNOLOGY/resource"),  # a second channel
    ("PJSIP/9001|x", "TECHNOLOGY/resource"),
    ("PJSIP/9001;x", "TECHNOLOGY/resource"),
    ("PJSIP/9 001", "TECHNOLOGY/resource"),
    ("PJSIP/${EXTEN}", "TECHNOLOGY/resource"),          # a dialplan expression
    ("PJSIP/9001\r\nAction: Hangup", "TECHNOLOGY/resource"),  # an AMI header injected
    ("IAX2/user:secret@pbx", "TECHNOLOGY/resource"),    # no secret in the database
    ("PJSIP/" + "9" * 80, "at most 80"),
])
def test_a_bad_endpoint_is_refused_naming_the_field(endpoint: str, why: str) -> None:
    with pytest.raises(EndpointError, match=why) as info:
        endpoints.validate(endpoint, "sup", "9001")
    assert info.value.field == "endpoint"
    assert str(info.value).startswith("Endpoint") and "\n" not in str(info.value)


@pytest.mark.parametrize("context,exten,field", [
    ("sup port", "9001", "context"), ("sup,1", "9001", "context"), ("sup;", "9001", "context"),
    ("sup", "90 01", "exten"), ("sup", "9001,1", "exten"), ("sup", "9001|2", "exten"),
    ("sup", "_9XXX.", "exten"), ("x" * 41, "9001", "context"), ("sup", "9" * 41, "exten"),
    ("sup", "", "exten"), ("", "9001", "context"),
])
def test_a_bad_context_or_extension_is_refused_naming_it(context: str, exten: str,
                                                          field: str) -> None:
    with pytest.raises(EndpointError) as info:
        endpoints.validate("PJSIP/9001", context, exten)
    assert info.value.field == field


def test_digits_letters_star_hash_plus_and_both_empty_are_fine() -> None:
    assert endpoints.validate("PJSIP/9001", "from-sup_1", "*9001#") == (
        "PJSIP/9001", "from-sup_1", "*9001#")
    assert endpoints.validate("PJSIP/9001", "sup", "+8610123") == ("PJSIP/9001", "sup",
                                                                   "+8610123")
    # no intercept target: intercept is not possible, the rest still is
    assert endpoints.validate("PJSIP/9001", "", "") == ("PJSIP/9001", "", "")


# ---- the database -------------------------------------------------------------------------


def _operators(url: str) -> None:
    eng = dbengine.make_engine(url)
    with eng.begin() as c:
        operators.create_operator(c, "A01", "管理员", "pw-A01-secret", {"admin"}, by="test",
                                  now=T0)
        for oid, name, role in (("L01", "张班长", "shift_leader"),
                                ("L02", "李班长", "shift_leader"), ("W01", "大屏", "wallboard")):
            operators.create_operator(c, oid, name, f"pw-{oid}-secret", {role}, by="A01",
                                      now=T0)
    eng.dispose()


@pytest.fixture
def eng(db_url: str) -> Iterator[sa.Engine]:
    _operators(db_url)
    e = dbengine.make_engine(db_url)
    yield e
    e.dispose()


def test_a_supervisor_sets_their_own_extension_audited(eng: sa.Engine) -> None:
    with eng.connect() as c:
        assert endpoints_db.supervisor_endpoint(c, "L01") is None
    with writing(eng).begin() as c:
        endpoints_db.set_supervisor_endpoint(c, "L01", "PJSIP/9001", "sup", "9001",
                                             by="L01", at=T0, workstation="PC-07")
    with writing(eng).begin() as c:  # changed again: the audit keeps before and after
        got = endpoints_db.set_supervisor_endpoint(c, "L01", " Local/9001@sup/n ", "", "",
                                                   by="L01", at=T0 + timedelta(minutes=1))
    assert got.endpoint == "Local/9001@sup/n" and not got.intercept_possible
    with eng.connect() as c:
        assert endpoints_db.supervisor_endpoint(c, "L01") == ("Local/9001@sup/n", "", "")
        row = endpoints_db.get_endpoint(c, "L01")
        assert row is not None and row.set_by == "L01"
        assert row.set_at == T0 + timedelta(minutes=1)
        audit = auditlog.query_audit(c, action="endpoint_set")
        assert auditlog.verify_chain(c).broken_id is None
    assert [(a.operator, a.target, a.result) for a in audit] == [("L01", "L01", "ok")] * 2
    first, second = sorted(audit, key=lambda a: a.id)
    assert first.detail == {"endpoint": "PJSIP/9001", "context": "sup", "exten": "9001"}
    assert first.workstation == "PC-07"
    assert second.detail["before"] == {"endpoint": "PJSIP/9001", "context": "sup",
                                       "exten": "9001"}
    assert second.detail["endpoint"] == "Local/9001@sup/n"


def test_a_bad_value_writes_nothing(eng: sa.Engine) -> None:
    with pytest.raises(EndpointError), writing(eng).begin() as c:
        endpoints_db.set_supervisor_endpoint(c, "L01", "PJSIP/9001,9002", "sup", "9001",
                                             by="L01", at=T0)
    with eng.connect() as c:
        assert endpoints_db.supervisor_endpoint(c, "L01") is None
        assert auditlog.query_audit(c, action="endpoint_set") == []


def test_only_your_own_unless_you_administer_operators(eng: sa.Engine) -> None:
    for by, whose in (("L02", "L01"), ("W01", "W01")):  # another's; no controls at all
        with pytest.raises(operators.NotAllowed), writing(eng).begin() as c:
            endpoints_db.set_supervisor_endpoint(c, whose, "PJSIP/9001", "", "", by=by, at=T0)
    with writing(eng).begin() as c:  # IT sets it up for a supervisor
        endpoints_db.set_supervisor_endpoint(c, "L02", "PJSIP/9002", "sup", "9002",
                                             by="A01", at=T0)
    with pytest.raises(operators.OperatorError, match="does not exist"), \
            writing(eng).begin() as c:
        endpoints_db.set_supervisor_endpoint(c, "X99", "PJSIP/9099", "", "", by="A01", at=T0)
    with eng.connect() as c:
        assert endpoints_db.supervisor_endpoint(c, "L02") == ("PJSIP/9002", "sup", "9002")
        assert endpoints_db.supervisor_endpoint(c, "L01") is None
        [row] = auditlog.query_audit(c, action="endpoint_set")
    assert (row.operator, row.target) == ("A01", "L02")


def test_the_console_role_writes_the_table_and_the_host_only_reads_it(
        pg_roles: dict[str, str]) -> None:  # noqa: F811 - the fixture imported above
    """Least rights (``seatwatch db roles``): the console reads, inserts and updates
    (as its own supervisor, through models/db/endpoints_db.py); it never deletes; the
    host reads the endpoint a control needs and writes nothing here."""
    _operators(pg_roles["owner"])
    console = dbengine.make_engine(pg_roles["console"])
    try:
        for i, ep in enumerate(("PJSIP/9001", "PJSIP/9011")):  # insert, then update
            with writing(console).begin() as c:
                endpoints_db.set_supervisor_endpoint(c, "L01", ep, "sup", "9001", by="L01",
                                                     at=T0 + timedelta(seconds=i))
    finally:
        console.dispose()
    host = dbengine.make_engine(pg_roles["host"])
    try:
        with host.connect() as c:
            assert endpoints_db.supervisor_endpoint(c, "L01") == ("PJSIP/9011", "sup", "9001")
    finally:
        host.dispose()
    assert "permission denied" in refused(pg_roles["console"],
                                          "DELETE FROM public.supervisor_endpoint")
    for sql in ("UPDATE public.supervisor_endpoint SET endpoint = 'PJSIP/6666'",
                "DELETE FROM public.supervisor_endpoint",
                "INSERT INTO public.supervisor_endpoint VALUES ('L02', 'PJSIP/1', '', '', "
                "'x', now())"):
        assert "permission denied" in refused(pg_roles["host"], sql)
        msg = refused(pg_roles["wall"], sql)
        assert "permission denied" in msg or "does not exist" in msg


# ---- the console's dialog -----------------------------------------------------------------


class _Ops:
    """Runs a backend's work at once on the test's thread (Ops' contract: answers on
    the GUI thread)."""

    def run_answer(self, fn: Any, on_done: Any, on_error: Any,
                   refusals: tuple[type[Exception], ...] = ()) -> None:
        from views.msg import tr_msg

        try:
            result = fn()
        except refusals as e:
            on_error(tr_msg(e))
            return
        on_done(result)


@pytest.fixture
def dialog(qtbot: QtBot, eng: sa.Engine) -> Any:
    from console.endpoints_backend import EndpointsBackend
    from console.ops import BackendContext
    from views.endpoint_dialog import EndpointDialog

    backend = EndpointsBackend(BackendContext(eng, _Ops(), "L01",  # type: ignore[arg-type]
                                              lambda: T0, "PC-07"))
    d = EndpointDialog(backend)
    qtbot.addWidget(d)
    d.show()
    return d


def test_the_dialog_saves_through_the_backend_and_shows_what_is_stored(
        dialog: Any, eng: sa.Engine) -> None:
    d = dialog
    assert d.endpoint.text() == "" and "No extension set yet" in d.status.text()
    d.endpoint.setText("PJSIP/9001")
    d.context.setText("sup")
    d.exten.setText("9001")
    d.save_button.click()
    assert d.status.text() == "Saved."
    with eng.connect() as c:
        assert endpoints_db.supervisor_endpoint(c, "L01") == ("PJSIP/9001", "sup", "9001")
        [row] = auditlog.query_audit(c, action="endpoint_set")
    assert row.workstation == "PC-07" and row.operator == "L01"
    # each field says what it is for
    assert "Monitor, whisper and barge ring this endpoint" in d.endpoint_help.text()
    assert "extension@context" in d.context_help.text()
    d.reload()  # opened again: the values as stored, and who set them
    assert d.endpoint.text() == "PJSIP/9001" and "Set by L01" in d.status.text()


def test_the_dialog_refuses_a_bad_value_naming_the_field_and_saves_nothing(
        dialog: Any, eng: sa.Engine) -> None:
    d = dialog
    d.endpoint.setText("PJSIP/9001,9002")
    d.save_button.click()
    assert d.status.text().startswith("Endpoint “PJSIP/9001,9002”")
    assert d.endpoint.hasFocus() or not d.isActiveWindow()
    d.endpoint.setText("PJSIP/9001")
    d.context.setText("sup")  # an extension is missing
    d.save_button.click()
    assert "Context and extension go together" in d.status.text()
    with eng.connect() as c:
        assert endpoints_db.supervisor_endpoint(c, "L01") is None


def test_the_file_menu_offers_my_extension_to_supervisors_only(qtbot: QtBot,
                                                                tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    from models.domain.roles import Role
    from tests.test_telephony_link import _Viewer
    from views.main_window import MainWindow
    from views.theme import LIGHT

    w = MainWindow(_Viewer(), LIGHT, lambda: T0,
                   QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat), sounds=False)
    qtbot.addWidget(w)
    assert w.extension_action in w.file_menu.actions()
    assert w.extension_action.text() == "My extension…" and w.extension_action.isVisible()
    asked: list[str] = []
    w.admin_requested.connect(asked.append)
    w.extension_action.trigger()
    assert asked == ["my_extension"]

    class Wall(_Viewer):
        operator_roles = frozenset({Role.WALLBOARD})

    w2 = MainWindow(Wall(), LIGHT, lambda: T0,
                    QSettings(str(tmp_path / "w2.ini"), QSettings.Format.IniFormat),
                    sounds=False)
    qtbot.addWidget(w2)
    assert not w2.extension_action.isVisible()


def test_the_console_opens_my_extension_and_saves_it_off_the_gui_thread(
        qtbot: QtBot, sqlite_url: str) -> None:
    """The whole path: File ▸ My extension… → the dialog → Ops → the database; a shift
    change closes it (it acts for the supervisor who opened it)."""
    from PySide6.QtWidgets import QApplication

    from console.app import ConsoleApp
    from models.domain.roles import Operator, Role
    from views.endpoint_dialog import EndpointDialog

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    _operators(sqlite_url)
    e = dbengine.make_engine(sqlite_url)
    ca = ConsoleApp(app, e, operator=Operator("L01", "张班长", frozenset({Role.SHIFT_LEADER})),
                    language="en")
    qtbot.addWidget(ca.window)
    try:
        ca.window.extension_action.trigger()
        d = ca.dialogs["my_extension"]
        assert isinstance(d, EndpointDialog) and d.isVisible()
        qtbot.waitUntil(lambda: not d.busy, timeout=10_000)
        d.endpoint.setText("PJSIP/9001")
        with qtbot.waitSignal(d.saved, timeout=10_000):
            d.save_button.click()
        assert d.status.text() == "Saved."
        with e.connect() as c:
            assert endpoints_db.supervisor_endpoint(c, "L01") == ("PJSIP/9001", "", "")
        ca.ask_sign_in = lambda: Operator("W01", "大屏", frozenset({Role.WALLBOARD}))
        ca.window.switch_action.trigger()
        assert ca.dialogs == {} and not ca.window.extension_action.isVisible()
    finally:
        ca.shutting_down.emit()
        e.dispose()
