"""The monthly assessment screen's backend (月度考核, issue #18, DOMAIN §8): every call
of ``models.db.assessment_db`` as a request (:class:`console.ops.Request`) run off the
GUI thread and answered on it, for the console's 班务 menu and the director's 考核 page.

The rights (VIEW / RECORD / CONFIRM_ASSESSMENT) are checked by the database
functions on every call, never here: the screen only hides what the operator's
roles cannot do, read from the database with the month. A refusal of the engine
(no right, a sheet already confirmed, a register changed after the draft…) reaches
the page as its one line, translated (its message is a ``Msg``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, tzinfo
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject

from console import report_pdf
from console.ops import Backend, Request
from models.db import assessment_db as adb
from models.db import operators, shiftops, store
from models.db.operators import OperatorError
from models.domain import assessment as asm
from models.domain.report import ReportError
from models.domain.roles import Right, rights
from models.reports import assessment_html, assessment_xlsx

#: expected answers, shown to the person as they are
REFUSALS: tuple[type[Exception], ...] = (adb.AssessmentError, OperatorError,
                                         asm.AssessmentPolicyError)


@dataclass(frozen=True, slots=True)
class MonthView:
    """What the screen shows for a month, read in one request."""

    month: str
    #: the operator's rights, as the database has their roles now
    rights: frozenset[Right]
    #: the policy in force (None: none applied yet; ``policy_error`` says so)
    policy: adb.AppliedPolicy | None
    policy_error: str
    sheet: adb.Sheet | None
    #: the register, withdrawn entries included (marked)
    entries: tuple[adb.StoredEntry, ...]
    #: the floor's open proposals; empty without RECORD_ASSESSMENT
    proposals: tuple[adb.Proposal, ...]
    #: 工号 → 姓名 of the floor's agents and the operators (who recorded, who confirmed)
    people: dict[str, str]
    agents: dict[str, str]
    #: register entries recorded or withdrawn after the draft (draft again to count them)
    changed_since_draft: int = 0
    #: the floor's time zone: when a sheet was drafted, on the floor's clock
    tz: tzinfo | None = None

    def may(self, right: Right) -> bool:
        return right in self.rights


class AssessBackend(Backend):
    """:class:`views.assessment.common.AssessmentSource` for the signed-in operator."""

    def today(self) -> date:
        return self.now().date()

    def _ask(self, owner: QObject, work: Callable[[], Any]) -> Request:
        return self.request(owner, work, REFUSALS)

    # ---- reading ----

    def load_month(self, owner: QObject, month: str) -> Request:
        by = self.operator_id

        def fn() -> MonthView:
            adb.month_days(month)
            with self.engine.connect() as conn:
                op = operators.require(conn, by, Right.VIEW_ASSESSMENT)
                people = shiftops.people(conn)
                agents = shiftops.agents(conn)
                tz = store.current_state(conn).policy.tz
            granted = rights(op.roles)
            try:
                pol: adb.AppliedPolicy | None = adb.current_policy(self.engine, by)
                why = ""
            except adb.AssessmentError as e:
                pol, why = None, str(e)
            sheet = adb.show(self.engine, by, month)
            moved = adb.changed_since_draft(self.engine, by, month) if sheet else 0
            ents = adb.entries(self.engine, by, month, withdrawn=True)
            props = (adb.propose(self.engine, by, month)
                     if pol is not None and Right.RECORD_ASSESSMENT in granted else [])
            return MonthView(month, granted, pol, why, sheet, tuple(ents), tuple(props),
                             people, agents, moved, tz)
        return self._ask(owner, fn)

    def load_year(self, owner: QObject, year: int) -> Request:
        by = self.operator_id
        return self._ask(owner, lambda: adb.year(self.engine, by, year))

    # ---- the register ----

    def confirm_proposals(self, owner: QObject, month: str, keys: Sequence[str],
                          reason: str = "") -> Request:
        by, now, ws, ks = self.operator_id, self.now(), self.workstation, list(keys)
        return self._ask(owner, lambda: adb.confirm_proposals(
            self.engine, ks, by=by, now=now, month=month, reason=reason, workstation=ws))

    def dismiss_proposals(self, owner: QObject, month: str, keys: Sequence[str],
                          reason: str) -> Request:
        by, now, ws, ks = self.operator_id, self.now(), self.workstation, list(keys)
        return self._ask(owner, lambda: adb.dismiss_proposals(
            self.engine, ks, by=by, now=now, month=month, reason=reason, workstation=ws))

    def record_entry(self, owner: QObject, *, agent: str, day: date, item: str,
                     points: float | None, note: str, kind: str = "",
                     reason: str = "") -> Request:
        by, now, ws = self.operator_id, self.now(), self.workstation
        return self._ask(owner, lambda: adb.record_entry(
            self.engine, by=by, now=now, agent=agent, day=day, item=item, points=points,
            note=note, kind=kind, reason=reason, workstation=ws))

    def withdraw_entry(self, owner: QObject, entry_id: int, reason: str) -> Request:
        by, now, ws = self.operator_id, self.now(), self.workstation
        return self._ask(owner, lambda: adb.withdraw_entry(
            self.engine, entry_id, by=by, now=now, reason=reason, workstation=ws))

    # ---- the sheet ----

    def draft(self, owner: QObject, month: str, reason: str = "") -> Request:
        by, now, ws = self.operator_id, self.now(), self.workstation
        return self._ask(owner, lambda: adb.draft(self.engine, by=by, month=month, now=now,
                                                  reason=reason, workstation=ws))

    def confirm(self, owner: QObject, month: str) -> Request:
        by, now, ws = self.operator_id, self.now(), self.workstation
        return self._ask(owner, lambda: adb.confirm(self.engine, by=by, month=month, now=now,
                                                    workstation=ws))

    # ---- the exports (the writers of ``seatwatch assess show --out`` / ``year --out``) ----

    def export_month(self, owner: QObject, sheet: adb.Sheet, path: str,
                     people: dict[str, str]) -> Request:
        s, names = sheet, dict(people)

        return self._ask(owner, lambda: _writing(path, lambda: assessment_xlsx.write_month(
            Path(path), s.month, s.rows, s.policy, status=s.status,
            policy_version=s.policy_version, drafted=names.get(s.drafted_by, s.drafted_by),
            confirmed=names.get(s.confirmed_by or "", s.confirmed_by or ""))))

    def export_year(self, owner: QObject, year: int, rows: Sequence[asm.YearRow],
                    status: dict[str, str], path: str) -> Request:
        rs, st = list(rows), dict(status)
        return self._ask(owner, lambda: _writing(
            path, lambda: assessment_xlsx.write_year(Path(path), year, rs, st)))


    def export_month_pdf(self, owner: QObject, sheet: adb.Sheet, path: str,
                         people: dict[str, str], tz: tzinfo | None) -> Request:
        """The sheet as the landscape A4 form of ``seatwatch assess show --pdf``; laid
        out in a child process like the reports (no font work off the GUI thread)."""
        html = assessment_html.month_html(sheet, dict(people), tz)
        footer = assessment_html.month_footer(sheet.month)
        n = len(sheet.rows)
        return self._ask(owner, lambda: _writing(path, lambda: _pdf(path, html, footer, n)))

    def export_year_pdf(self, owner: QObject, year: int, rows: Sequence[asm.YearRow],
                        status: dict[str, str], path: str) -> Request:
        html = assessment_html.year_html(year, list(rows), dict(status))
        footer = assessment_html.year_footer(year)
        n = len(rows)
        return self._ask(owner, lambda: _writing(path, lambda: _pdf(path, html, footer, n)))


def _pdf(path: str, html: str, footer: str, n: int) -> int:
    report_pdf.write(path, html, landscape=True, footer=footer, title=footer)
    return n


def _writing(path: str, fn: Callable[[], int]) -> int:
    """A file that cannot be written is a refusal of one line, in the person's language
    (``translate`` is thread-safe), not a fault."""
    try:
        return fn()
    except ReportError as e:
        raise adb.AssessmentError(QCoreApplication.translate(
            "AssessmentView", "Cannot write {path}: {error}").format(
            path=path, error=str(e))) from None
    except OSError as e:
        raise adb.AssessmentError(QCoreApplication.translate(
            "AssessmentView", "Cannot write {path}: {error}").format(
            path=path, error=e.strerror or str(e))) from None
