"""Urgent-ticket escalation delivery (R-URGENT-2, issue #4).

An escalation is an alert of its own (``R-URGENT-2``, raised by the rules).
:func:`plan` records, once per escalation, who is to be told and how:

- ``console``: every enabled director (target = 工号). The alert reaches their
  console through the floor feed like every alert, so the row is ``sent`` at once;
  it is there so the trail says who was told.
- ``webhook``: every configured group robot (target = its kind, ``wecom`` or
  ``dingtalk``; never its URL), ``pending`` until delivered.
- ``phone``: every unit head on the contact list (target = "unit head (phone)").
  The robot's message mentions them by mobile number, so a row becomes ``sent``
  when a webhook carrying the mention is delivered, and shows the failure when
  it is not; with no robot configured it is ``failed`` at once ("phone them"),
  so the trail never claims someone was told who was not.

When there is nobody at all to tell, one ``none`` row says so (failed), visibly.

:func:`deliver_due` (the scheduler host calls it every few seconds) plans, then
sends what is due. A failed delivery is kept, counted and retried with backoff
(10 s, 30 s, 60 s, then every 5 min) until it goes through: never dropped.
Network I/O happens outside any database transaction; each row is claimed
first (attempts + 1, next try pushed back), so a second host cannot send it too.

The robot URL carries its secret key: it lives only in the OS keyring of the PC
that sends (the floor host; run ``seatwatch notify set-webhook`` there and on a
standby host), keyed by the floor's id. The database only records which kinds
are configured, so a host without the URL in its keyring shows failed
deliveries instead of silently sending nothing. Neither a log line nor an error
text ever carries the URL.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from http.client import HTTPException
from typing import Any
from zoneinfo import ZoneInfo

import keyring
import keyring.errors
from sqlalchemy import Connection, Engine

from models.db import alerts_db, notify_db
from models.db.engine import KEYRING_SERVICE
from models.db.notify_db import WEBHOOK_KINDS
from models.domain.privacy import mask_caller
from models.domain.records import AlertRecord, Contact
from models.domain.texts import QT_TRANSLATE_NOOP, message_of, stored

log = logging.getLogger(__name__)

ESCALATION_RULE = "R-URGENT-2"
KIND_LABELS = {"wecom": "企业微信", "dingtalk": "钉钉"}
#: seconds to wait before retry n (1-based); then every RETRY_EVERY_S
BACKOFF_S = (10.0, 30.0, 60.0)
RETRY_EVERY_S = 300.0
TIMEOUT_S = 5.0
WHY_TEXT = {"no_leader": "无值班长在岗", "not_acknowledged": "未在规定时间内确认"}



class NotifyError(RuntimeError):
    """A configuration request that cannot be done; the message says why."""


class DeliveryFailed(Exception):
    """A webhook delivery that did not go through; the message never holds the URL."""


def backoff(attempts: int) -> timedelta:
    """How long to wait after the ``attempts``-th failed try."""
    if attempts <= 0:
        return timedelta(0)
    if attempts <= len(BACKOFF_S):
        return timedelta(seconds=BACKOFF_S[attempts - 1])
    return timedelta(seconds=RETRY_EVERY_S)


# ---- webhook configuration ----------------------------------------------------------------


def _keyring_name(floor_id: str, kind: str) -> str:
    return f"webhook:{floor_id}:{kind}"


def check_url(url: str) -> str:
    u = url.strip()
    try:
        p = urllib.parse.urlsplit(u)
    except ValueError:
        raise NotifyError(QT_TRANSLATE_NOOP("Notify", "This is not a valid URL")) from None
    if p.scheme not in ("http", "https") or not p.hostname:
        raise NotifyError(QT_TRANSLATE_NOOP("Notify", "The robot URL must be an http(s) URL with a host"))
    if any(c.isspace() for c in u):
        raise NotifyError(QT_TRANSLATE_NOOP("Notify", "The URL must not contain spaces"))
    return u


def redact(url: str) -> str:
    """The URL fit to show: every query value, any user:password and a long last path
    segment (some robots carry the key in the path) replaced by ***."""
    try:
        p = urllib.parse.urlsplit(url)
    except ValueError:
        return "***"
    host = p.hostname or ""
    if p.port:
        host = f"{host}:{p.port}"
    if p.username or p.password:
        host = f"***@{host}"
    parts = p.path.split("/")
    if parts and len(parts[-1]) >= 16:
        parts[-1] = "***"
    query = "&".join(f"{k}=***" for k, _v in urllib.parse.parse_qsl(p.query,
                                                                    keep_blank_values=True))
    return urllib.parse.urlunsplit((p.scheme, host, "/".join(parts), query, ""))


def set_webhook(engine: Engine, kind: str, url: str, *, by: str, now: datetime,
                workstation: str = "") -> None:
    """Store the robot URL in this PC's keyring and mark the kind configured for the
    floor (audited as ``webhook_set``, with the kind only)."""
    if kind not in WEBHOOK_KINDS:
        raise NotifyError(QT_TRANSLATE_NOOP("Notify", "Unknown robot kind {kind} (wecom or dingtalk)").format(
            kind=repr(kind)))
    url = check_url(url)

    def keep(fid: str) -> None:
        try:
            keyring.set_password(KEYRING_SERVICE, _keyring_name(fid, kind), url)
            kept = keyring.get_password(KEYRING_SERVICE, _keyring_name(fid, kind))
        except keyring.errors.KeyringError as e:
            raise NotifyError(QT_TRANSLATE_NOOP("Notify", "Cannot store the URL in the system keyring: {why}")
                              .format(why=str(e))) from None
        if kept != url:  # e.g. keyring's null backend, which accepts and forgets
            raise NotifyError(QT_TRANSLATE_NOOP("Notify", "The system keyring did not keep the URL (is a "
                                               "keyring service available on this PC?)"))

    notify_db.add_robot(engine, kind, keep, by=by, now=now,
                        detail={"kind": kind, "url": redact(url)}, workstation=workstation)
    log.info("%s robot configured by %s (%s)", kind, by, redact(url))


def clear_webhook(engine: Engine, kind: str, *, by: str, now: datetime,
                  workstation: str = "") -> None:
    """Stop using a robot: the kind leaves the floor's list and this PC's keyring."""

    def forget(fid: str) -> None:
        # not on this PC: nothing to delete
        with contextlib.suppress(keyring.errors.KeyringError):
            keyring.delete_password(KEYRING_SERVICE, _keyring_name(fid, kind))

    if not notify_db.remove_robot(engine, kind, forget, by=by, now=now,
                                  workstation=workstation):
        raise NotifyError(QT_TRANSLATE_NOOP("Notify", "No {kind} robot is configured").format(kind=kind))


def webhook_url(conn: Connection, kind: str) -> str | None:
    """This PC's URL for the floor's ``kind`` robot (None: not in this keyring)."""
    return _url(notify_db.floor_id(conn), kind)


def _url(fid: str | None, kind: str) -> str | None:
    """This PC's keyring entry for floor ``fid``'s ``kind`` robot, if any."""
    if fid is None:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, _keyring_name(fid, kind))
    except keyring.errors.KeyringError as e:
        log.warning("keyring unavailable: %s", e)
        return None


@dataclass(frozen=True, slots=True)
class WebhookInfo:
    kind: str
    #: the URL with its secrets replaced by ***, or None when not in this PC's keyring
    redacted: str | None


def webhooks(conn: Connection) -> list[WebhookInfo]:
    out = []
    for k in notify_db.webhook_kinds(conn):
        u = webhook_url(conn, k)
        out.append(WebhookInfo(k, None if u is None else redact(u)))
    return out


# ---- messages ------------------------------------------------------------------------------


#: a mobile (138 0013 8000), a landline (010-12345678) or any run of 7+ digits (an
#: ID card); a date (2026-03-02) is left alone
_NUMBER = re.compile(r"(?<![0-9])(?:1[0-9]{2}[ -]?[0-9]{4}[ -]?[0-9]{4}"
                     r"|0[0-9]{2,3}[ -]?[0-9]{7,8}|[0-9]{7,})(?![0-9])")


def scrub_numbers(text: str) -> str:
    """A phone or ID number typed into a title (a caller's, most likely) is masked
    (R-PRIV-1): the message goes to a chat group."""
    return _NUMBER.sub(lambda m: mask_caller(re.sub(r"[^0-9]", "", m.group(0))), text)


def escalation_text(alert: AlertRecord, title: str, tz: ZoneInfo,
                    heads: Sequence[str]) -> str:
    """The message's Chinese text: why, which ticket, when (floor time). Never the
    caller's number."""
    why = WHY_TEXT.get(str(alert.detail.get("why", "")), "急件需处理")
    local = alert.raised_at.astimezone(tz)
    offset = local.strftime("%z")
    lines = [f"【急件升级】{why}",
             f"工单:{scrub_numbers(title)[:300]}" + (f"(编号 {alert.ticket})" if alert.ticket else ""),
             f"发生时间:{local:%Y-%m-%d %H:%M:%S}(UTC{offset[:3]}:{offset[3:]})",
             "请值班主任与承办单位负责人立即处理并回复处理情况。"]
    if heads:
        lines.append("承办单位负责人:" + "、".join(heads))
    return "\n".join(lines)


def message(kind: str, content: str, mobiles: Sequence[str]) -> dict[str, Any]:
    """The group robot's JSON (WeCom / DingTalk text messages with @-mentions)."""
    if kind == "wecom":
        text: dict[str, Any] = {"content": content}
        if mobiles:
            text["mentioned_mobile_list"] = list(mobiles)
        return {"msgtype": "text", "text": text}
    if kind == "dingtalk":
        # DingTalk highlights a mention only when "@mobile" is in the text as well
        if mobiles:
            content = content + "\n" + " ".join(f"@{m}" for m in mobiles)
        return {"msgtype": "text", "text": {"content": content},
                "at": {"atMobiles": list(mobiles), "isAtAll": False}}
    raise ValueError(f"unknown webhook kind {kind!r}")


# ---- sending -------------------------------------------------------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A robot answering with a redirect is a failure, not a GET somewhere else."""

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any,
                         newurl: str) -> None:
        return None


def _scrub(text: str, url: str) -> str:
    """Any trace of the URL or its secrets out of an error text."""
    out = text.replace(url, "<robot>")
    try:
        p = urllib.parse.urlsplit(url)
        for _k, v in urllib.parse.parse_qsl(p.query):
            if len(v) >= 4:
                out = out.replace(v, "***")
        last = p.path.rsplit("/", 1)[-1]
        if len(last) >= 16:
            out = out.replace(last, "***")
    except ValueError:
        pass
    return out[:500]


def post(url: str, body: dict[str, Any], timeout: float = TIMEOUT_S) -> None:
    """POST ``body`` as JSON; :class:`DeliveryFailed` for a non-2xx answer, an
    ``errcode`` other than 0 in a JSON answer, or no answer in ``timeout`` s."""
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise DeliveryFailed("not an http(s) URL")
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    req = urllib.request.Request(url, data=data, method="POST", headers={
        "Content-Type": "application/json; charset=utf-8", "User-Agent": "Seatwatch"})
    try:
        with urllib.request.build_opener(_NoRedirect).open(req, timeout=timeout) as resp:
            status = int(resp.status)
            raw = resp.read(65536)
    except urllib.error.HTTPError as e:
        with e:
            try:
                snippet = e.read(300).decode("utf-8", "replace").strip()
            except (OSError, HTTPException):
                snippet = ""
        msg = f"HTTP {e.code}" + (f": {snippet}" if snippet else "")
        raise DeliveryFailed(_scrub(msg, url)) from None
    except urllib.error.URLError as e:
        raise DeliveryFailed(_scrub(f"cannot reach the robot: {e.reason}", url)) from None
    except (OSError, HTTPException, ValueError) as e:
        raise DeliveryFailed(_scrub(f"cannot reach the robot: {e}", url)) from None
    if not 200 <= status < 300:
        raise DeliveryFailed(f"HTTP {status}")
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return  # a 2xx without JSON: the robot took it
    if isinstance(doc, dict) and "errcode" in doc:
        try:
            code = int(doc["errcode"])
        except (TypeError, ValueError):
            code = -1
        if code != 0:
            raise DeliveryFailed(_scrub(f"errcode {doc.get('errcode')}: "
                                        f"{doc.get('errmsg', '')}", url))


# ---- planning ------------------------------------------------------------------------------


_PHONE_IN_TARGET = re.compile(r"\(([^()]*)\)\s*$")


def phone_target(c: Contact) -> str:
    return f"{c.unit} {c.head} ({c.phone})"[:200]


def plan(engine: Engine, now: datetime) -> int:
    """Record who is to be told of each open escalation that has no notification
    rows yet (R-URGENT-2); returns the number of escalations planned."""
    if not notify_db.any_unplanned(engine, ESCALATION_RULE):
        return 0  # the usual case: no write transaction
    return notify_db.plan_escalations(engine, ESCALATION_RULE,
                                      lambda aid, who: _plan_rows(aid, who, now))


def _plan_rows(aid: str, who: notify_db.Recipients, now: datetime) -> list[dict[str, Any]]:
    """The notification rows of escalation ``aid``: each director's console (told at
    once), each configured robot (to send now), each unit head (mentioned by the
    robots; to phone when there is none), or one "nobody to notify" row."""
    rows: list[dict[str, Any]] = []
    base = {"alert_id": aid, "created_at": now, "last_error": None}
    rows += [{**base, "channel": "console", "target": d, "status": "sent",
              "attempts": 1, "sent_at": now, "next_try_at": None} for d in who.directors]
    rows += [{**base, "channel": "webhook", "target": k, "status": "pending",
              "attempts": 0, "sent_at": None, "next_try_at": now} for k in who.kinds]
    seen: set[str] = set()
    for c in who.heads:
        t = phone_target(c)
        if t in seen:
            continue
        seen.add(t)
        if who.kinds:
            rows.append({**base, "channel": "phone", "target": t, "status": "pending",
                         "attempts": 0, "sent_at": None, "next_try_at": None})
        else:
            rows.append({**base, "channel": "phone", "target": t, "status": "failed",
                         "attempts": 0, "sent_at": None, "next_try_at": None,
                         "last_error": stored(QT_TRANSLATE_NOOP("Notify",
                             "No group robot is configured: phone them"))})
    if not rows:
        rows.append({**base, "channel": "none", "target": "-", "status": "failed",
                     "attempts": 0, "sent_at": None, "next_try_at": None,
                     "last_error": stored(QT_TRANSLATE_NOOP("Notify",
                         "Nobody to notify: no director, group robot or unit "
                         "contact"))})
    log.info("escalation %s: %d director console(s), %d robot(s), %d unit head(s)",
             aid, len(who.directors), len(who.kinds), len(seen))
    return rows


# ---- delivery ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Job:
    row_id: int
    alert_id: str
    kind: str
    body: dict[str, Any] | None
    url: str | None
    error: str | None  # known before sending (no URL on this PC, alert gone)


def _prepare(row: Any, got: notify_db.Claimed, tz: ZoneInfo) -> _Job:
    kind = str(row.target)
    alert = got.alert
    if alert is None:
        return _Job(row.id, row.alert_id, kind, None, None,
                    QT_TRANSLATE_NOOP("Notify", "The alert is not in the history"))
    title = got.title
    if not title:
        title = alert.message.split(":", 1)[-1]
    heads, mobiles = [], []
    for target in got.phones:
        m = _PHONE_IN_TARGET.search(target)
        heads.append(target[:m.start()].strip() if m else target)
        if m:
            mob = alerts_db.mobile(m.group(1))
            if mob and mob not in mobiles:
                mobiles.append(mob)
    body = message(kind, escalation_text(alert, str(title), tz, heads), mobiles) \
        if kind in WEBHOOK_KINDS else None
    url = _url(got.floor, kind)
    error = None
    if body is None:
        error = QT_TRANSLATE_NOOP("Notify", "Unknown robot kind {kind} (wecom or dingtalk)").format(kind=repr(kind))
    elif url is None:
        error = QT_TRANSLATE_NOOP("Notify", "The robot URL is not in this PC's keyring: run “seatwatch notify "
                                         "set-webhook” on this PC")
    return _Job(row.id, alert.id, kind, body, url, error)


def _claim(engine: Engine, row: Any, now: datetime, tz_box: list[ZoneInfo]) -> _Job | None:
    """Count the attempt and push the next try back before sending, in one short
    transaction: a host that dies mid-send retries later, a second one skips it."""
    got = notify_db.claim_webhook(engine, row.id, row.alert_id, row.attempts, row.status,
                                  now + backoff(row.attempts + 1), with_tz=not tz_box)
    if got is None:
        return None
    if got.tz is not None:
        tz_box.append(got.tz)
    return _prepare(row, got, tz_box[0])


def _finish(engine: Engine, job: _Job, error: str | None, now: datetime) -> None:
    if error is None:
        notify_db.record_delivery(engine, job.row_id, job.alert_id, now)
        return
    notify_db.record_delivery(
        engine, job.row_id, job.alert_id, now, error=stored(error),
        phone_error=stored(QT_TRANSLATE_NOOP("Notify", "{kind}: {error}").format(
            kind=job.kind, error=message_of(error) or str(error)[:500])))


def deliver_due(engine: Engine, now: datetime) -> int:
    """Plan new escalations, then send every webhook notification that is due (new,
    or failed and past its backoff). Returns how many were delivered."""
    plan(engine, now)
    due = notify_db.due_webhooks(engine, now)
    delivered = 0
    tz_box: list[ZoneInfo] = []
    for row in due:
        job = _claim(engine, row, now, tz_box)
        if job is None:
            continue
        error = job.error
        if error is None:
            assert job.url is not None and job.body is not None
            try:
                post(job.url, job.body)
            except DeliveryFailed as e:
                error = str(e)
        _finish(engine, job, error, now)
        if error is None:
            delivered += 1
            log.info("escalation %s delivered to the %s robot (attempt %d)", job.alert_id,
                     job.kind, row.attempts + 1)
        else:
            log.warning("escalation %s: the %s robot failed (attempt %d, retry in %s): %s",
                        job.alert_id, job.kind, row.attempts + 1,
                        backoff(row.attempts + 1), error)
    return delivered


def post_text(engine: Engine, content: str) -> list[tuple[str, str | None]]:
    """``content`` to every configured robot once, no retry (issue #18: a report's
    summary line; the report itself is stored): (kind, error or None)."""
    kinds, fid, _ = notify_db.robot_settings(engine)
    out: list[tuple[str, str | None]] = []
    for k in kinds:
        url = _url(fid, k)
        if url is None:
            out.append((k, "the robot URL is not in this PC's keyring"))
            continue
        try:
            post(url, message(k, scrub_numbers(content), []))
            out.append((k, None))
        except DeliveryFailed as e:
            out.append((k, str(e)))
    return out


def send_test(engine: Engine, now: datetime) -> list[tuple[str, str | None]]:
    """A test message to every configured robot: (kind, error or None)."""
    kinds, fid, tz = notify_db.robot_settings(engine)
    urls = {k: _url(fid, k) for k in kinds}
    local = now.astimezone(tz)
    content = (f"【急件升级】测试消息:Seatwatch 群机器人连接正常。\n"
               f"发送时间:{local:%Y-%m-%d %H:%M:%S}")
    out: list[tuple[str, str | None]] = []
    for k in kinds:
        url = urls[k]
        if url is None:
            out.append((k, "the robot URL is not in this PC's keyring"))
            continue
        try:
            post(url, message(k, content, []))
            out.append((k, None))
        except DeliveryFailed as e:
            out.append((k, str(e)))
    return out
