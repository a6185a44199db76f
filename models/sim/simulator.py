"""A seeded discrete-event simulator of a 12345 government hotline floor.

It plays the telephony adapter: it produces the :class:`FloorEvent` s a real
switch would (agents logging in, calls queueing, ringing, talking, holds,
after-call work, tickets, breaks, shift changes) and executes supervisor
controls (DOMAIN §2). Everything it emits is accepted by
:func:`models.domain.floor.apply`; the tests fold every event through it.

Determinism: all randomness comes from ``random.Random(config.seed)`` (split
into independent streams so that, say, ticket titles do not shift arrival
times); nothing reads the clock. Time is virtual: float seconds after
``config.start``, stamped on events as UTC datetimes.

The model, briefly:

* Arrivals are a Poisson process whose rate follows the hourly profile in
  floor local time (``arrivals_per_hour`` is the rate at the profile's busiest
  hour; the flat rate when the profile is off). A share finishes in the IVR.
* Routing is one FIFO over all queues by queueing time; a freed agent takes
  the oldest waiting call, a new call goes to the longest-idle ready agent.
* Callers abandon after an exponential patience, while waiting or ringing.
* Agents work the default policy's shifts (白班 08:00–20:00, 夜班 20:00–08:00),
  take short breaks every 1.5–2 h (R-BREAK-1 limit sometimes overrun, R-BREAK-2
  mostly respected), a meal, and now and then training, a meeting, a callback
  or a personal "other" away; never within R-SEAT-1's first 30 minutes.

Cost: a binary heap of pending events, an insertion-ordered dict of idle agents
(insertion order = idle since) and a heap of waiting calls, so one event costs
O(log n) whatever the size of the floor.
"""

from __future__ import annotations

import heapq
import math
import random
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from models.domain.commands import (
    CALL_ACTIONS,
    SESSION_MODES,
    Action,
    CommandRefused,
    SupervisorCommand,
    check,
    result_payload,
)
from models.domain.floor import FloorState
from models.domain.policy import Policy, ShiftDef
from models.domain.texts import QT_TRANSLATE_NOOP, Msg, reason_text
from models.domain.types import AwayReason, FloorEvent, SupervisorMode

__all__ = ["DEFAULT_PROFILE", "REST_DAYS_PER_WEEK", "SimConfig", "Simulator", "Surge",
           "demo_start", "works_on"]

#: Relative call volume per local hour (0..23) of a city 12345 hotline: a quiet
#: night, a morning peak 9–11, a lunch dip, an afternoon peak 14–16.
DEFAULT_PROFILE: tuple[float, ...] = (
    0.12, 0.08, 0.06, 0.05, 0.05, 0.07, 0.12, 0.25,  # 00–07
    0.60, 1.00, 1.00, 0.75, 0.45, 0.60, 0.95, 0.95,  # 08–15
    0.85, 0.65, 0.45, 0.35, 0.30, 0.25, 0.20, 0.15,  # 16–23
)

_DEFAULT_START = datetime(2024, 3, 3, 16, 0, tzinfo=UTC)  # Mon 2024-03-04 00:00 Asia/Shanghai

#: with ``SimConfig.rest_days`` every agent has two rest days (休) a week
REST_DAYS_PER_WEEK = 2


def works_on(agent_id: str, day: date) -> bool:
    """Whether the agent works its shift that starts on ``day`` under the demo roster
    (issue #12): two consecutive rest days a week, staggered by 工号 so that every
    day about 5/7 of each shift is on. The roster (console.simulate.sim_roster) and
    the simulated logins both ask this, so they always agree."""
    try:
        n = int(agent_id)
    except ValueError:
        n = sum(map(ord, agent_id))
    return (day.toordinal() + n) % 7 >= REST_DAYS_PER_WEEK


def demo_start(policy: Policy, now: datetime, margin: timedelta = timedelta(minutes=15)
               ) -> datetime | None:
    """Where a demo floor starts so that the agents of every shift running at ``now``
    have come on time (issue #12: they all signed in when the demo started, so at
    night the register showed everyone hours late): ``margin`` before the earliest
    start of those shifts. None when no shift runs at ``now``."""
    local = now.astimezone(policy.tz)
    starts = [span[0] for sd in policy.shifts
              if (span := sd.instance_containing(local)) is not None]
    return min(starts) - margin if starts else None


@dataclass(frozen=True)
class Surge:
    """A seeded surge (issue #17, the live SL forecast's measurement): ``queue``'s
    arrival rate × ``factor`` for ``minutes`` from ``at_s`` seconds after the start.

    The extra calls are a second Poisson stream with its own random numbers, at
    (factor − 1) × the queue's rate of the moment (the profile's), so the floor's own
    calls are the same with and without the surge: a run differs only by the surge.
    """

    queue: str
    at_s: float
    minutes: float
    factor: float


@dataclass(frozen=True)
class SimConfig:
    """What to simulate. Every default is a plausible 12345 floor of 60 agents."""

    agents: int = 60
    #: number of groups (班组); None: one per 15 agents, named 一班 二班 …
    groups: int | None = None
    queues: tuple[tuple[str, str], ...] = (("Q1", "12345热线"), ("Q2", "12345企业专线"))
    #: share of (non-IVR and IVR) arrivals per queue; None or a length mismatch: equal
    queue_shares: tuple[float, ...] | None = (0.8, 0.2)
    start: datetime = _DEFAULT_START
    seed: int = 1
    #: arrivals per hour at the profile's busiest hour (flat rate without profile);
    #: None: derived so that occupancy is about 80 % at the peak
    arrivals_per_hour: float | None = None
    #: 24 hourly weights in floor local time; None: flat, and everyone works the whole run
    profile: tuple[float, ...] | None = DEFAULT_PROFILE
    timezone: str = "Asia/Shanghai"
    talk_mean_s: float = 240.0  # mean talk including hold
    talk_dist: str = "lognormal"  # "exponential" | "lognormal"
    talk_sigma: float = 0.6  # lognormal shape
    acw_mean_s: float = 30.0  # 0: no after-call work (ready at the instant the call ends)
    #: share of after-call work that runs 15–20 min (R-ACW-1); only when acw_mean_s > 0
    acw_long_share: float = 0.003
    patience_mean_s: float | None = 90.0  # None: callers never abandon
    ivr_share: float = 0.15
    breaks: bool = True  # short breaks, meals and the occasional training/meeting/…
    max_on_break_per_group: int = 2  # R-BREAK-2 as agents respect it
    #: chance that an agent whose break is due goes even when the group is full
    break_violation_share: float = 0.05
    ringing: bool = True
    ring_no_answer_share: float = 0.02  # rings 16–20 s unanswered (past R-RING-1)
    hold_share: float = 0.12
    #: consult / suggest / complaint / help (R-TICKET-2)
    ticket_shares: tuple[float, float, float, float] = (0.55, 0.10, 0.20, 0.15)
    urgent_share: float = 0.01
    login_spread_s: float = 120.0
    day_share: float = 0.75  # agents on the day shift when the profile is on
    #: put before call and ticket ids, so that several runs can share one database
    id_prefix: str = ""
    #: the demo roster (issue #12): agents rest two days a week (:func:`works_on`)
    rest_days: bool = False
    #: an agent whose shift is already under way at ``start`` signs in at once (a
    #: restarted floor); False: it waits for its next shift (a run that starts before
    #: the shifts it is meant to show, see :func:`demo_start`)
    join_started: bool = True
    #: calls arrive from this many seconds after ``start`` on (a demo floor that begins
    #: hours back for its agents' sign-ins need not replay those hours' calls)
    calls_from_s: float = 0.0
    #: seeded surges of one queue's arrivals (issue #17); none by default
    surges: tuple[Surge, ...] = ()

    def __post_init__(self) -> None:
        if self.agents < 1:
            raise ValueError("agents must be at least 1")
        if self.groups is not None and not 1 <= self.groups <= self.agents:
            raise ValueError("groups must be between 1 and the number of agents")
        if not self.queues:
            raise ValueError("at least one queue is needed")
        if self.start.tzinfo is None or self.start.utcoffset() is None:
            raise ValueError("start must be timezone-aware")
        if self.profile is not None and (len(self.profile) != 24 or min(self.profile) < 0
                                         or max(self.profile) <= 0):
            raise ValueError("profile needs 24 non-negative hourly weights, not all zero")
        if self.talk_dist not in ("exponential", "lognormal"):
            raise ValueError("talk_dist must be 'exponential' or 'lognormal'")
        if self.talk_mean_s <= 0 or self.acw_mean_s < 0:
            raise ValueError("talk_mean_s must be > 0 and acw_mean_s >= 0")
        if self.patience_mean_s is not None and self.patience_mean_s <= 0:
            raise ValueError("patience_mean_s must be > 0 (None: callers never abandon)")
        if self.arrivals_per_hour is not None and self.arrivals_per_hour < 0:
            raise ValueError("arrivals_per_hour must be >= 0")
        for name in ("ivr_share", "hold_share", "urgent_share", "day_share", "acw_long_share",
                     "break_violation_share", "ring_no_answer_share"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1")
        if self.ivr_share >= 1.0 and self.arrivals_per_hour is None:
            raise ValueError("ivr_share 1 leaves nothing to derive the arrival rate from")
        if len(self.ticket_shares) != 4 or min(self.ticket_shares) < 0 or not sum(
                self.ticket_shares) > 0:
            raise ValueError("ticket_shares needs 4 non-negative shares")
        if self.login_spread_s < 0:
            raise ValueError("login_spread_s must be >= 0")
        if self.calls_from_s < 0:
            raise ValueError("calls_from_s must be >= 0")
        ids = {q for q, _ in self.queues}
        for i, sg in enumerate(self.surges):
            if sg.queue not in ids:
                raise ValueError(f"surges[{i}].queue: unknown queue {sg.queue!r} "
                                 f"(one of {', '.join(sorted(ids))})")
            if not (math.isfinite(sg.at_s) and sg.at_s >= 0):
                raise ValueError(f"surges[{i}].at_s must be seconds >= 0, got {sg.at_s!r}")
            if not (math.isfinite(sg.minutes) and sg.minutes > 0):
                raise ValueError(f"surges[{i}].minutes must be > 0, got {sg.minutes!r}")
            if not (math.isfinite(sg.factor) and sg.factor >= 1):
                raise ValueError(f"surges[{i}].factor must be >= 1 (a rate multiplied), "
                                 f"got {sg.factor!r}")

    @property
    def group_count(self) -> int:
        return self.groups if self.groups is not None else max(1, math.ceil(self.agents / 15))


# ---- internal state ---------------------------------------------------------------

# agent states (mirror the reducer's AgentState)
_OUT, _READY, _RING, _TALK, _HOLD, _ACW, _AWAY = range(7)
# call states
_WAIT, _CRING, _CTALK, _CHOLD, _DONE = range(5)

_SB = AwayReason.SHORT_BREAK
_MEAL = AwayReason.MEAL
_CALLBACK = AwayReason.CALLBACK
_OTHER = AwayReason.OTHER
_TRAINING = AwayReason.TRAINING
_MEETING = AwayReason.MEETING

_SEAT_SETTLE_S = 30 * 60.0  # R-SEAT-1: nobody leaves the seat in the first 30 min
_BREAK_EVERY_S = (90 * 60.0, 120 * 60.0)
#: occasional aways per agent-hour: (reason, rate per hour)
_AWAY_RATES = ((_OTHER, 0.20), (_CALLBACK, 0.15), (_TRAINING, 0.012), (_MEETING, 0.015))
#: meal windows in local time: (earliest start, spread of starts in minutes)
_MEALS = ((time(11, 30), 70.0), (time(0, 0), 60.0))
_LEADERS = (("L01", "周建国"), ("L02", "吴秀兰"), ("L03", "郑海涛"), ("L04", "孙丽萍"))


class _Agent:
    __slots__ = ("id", "name", "group", "shift", "state", "reason", "call", "acw_call",
                 "epoch", "life", "break_token", "leaving", "break_pending", "break_violate",
                 "meal_pending", "pending", "login_t")

    def __init__(self, aid: str, name: str, group: _Group, shift: ShiftDef | None) -> None:
        self.id = aid
        self.name = name
        self.group = group
        self.shift = shift
        self.state = _OUT
        self.reason: AwayReason | None = None
        self.call: _Call | None = None
        self.acw_call: str | None = None  # the call whose ticket the agent is writing
        self.epoch = 0  # bumped to cancel the pending end of ACW / away
        self.life = 0  # bumped at every logout: cancels the shift's pending timers
        self.break_token = 0  # bumped to cancel the pending break-due timer
        self.leaving = False  # shift over: log out at the next free moment
        self.break_pending = False
        self.break_violate = False  # this time, goes even when R-BREAK-2 says wait
        self.meal_pending = False
        self.pending: list[tuple[AwayReason, float]] = []
        self.login_t = 0.0


class _Group:
    __slots__ = ("id", "name", "on_break", "waiting")

    def __init__(self, gid: str, name: str) -> None:
        self.id = gid
        self.name = name
        self.on_break: set[str] = set()
        #: agents whose break is due but who wait for a free slot (R-BREAK-2), in order
        self.waiting: dict[str, None] = {}


class _Call:
    __slots__ = ("id", "no", "queue", "queued_t", "state", "agent", "epoch", "rona", "sups",
                 "intercepted_by")

    def __init__(self, cid: str, no: int, queue: str, queued_t: float) -> None:
        self.id = cid
        self.no = no
        self.queue = queue
        self.queued_t = queued_t
        self.state = _WAIT
        self.agent: _Agent | None = None
        self.epoch = 0  # bumped to cancel the call's pending ring end / holds / end
        self.rona = False  # this offer will ring unanswered
        self.sups: dict[str, SupervisorMode] = {}
        self.intercepted_by: str | None = None


@dataclass
class _Names:
    """Realistic Chinese names, places and ticket summaries (R-TICKET-4: place + summary)."""

    surnames: str = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田"
                     "董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方")
    given: str = ("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂英华玉兰萍红鹏辉建国志文斌"
                  "宇浩凯婷雪琳晨欣怡佳慧俊峰海燕丹春梅波亮晓东雷琴颖倩宁飞")
    places: tuple[str, ...] = (
        "人民路", "解放路", "中山路", "建设路", "和平街道", "新华小区", "幸福里社区", "滨江花园",
        "长江路", "文化路", "东风路", "朝阳小区", "青年路", "高新区科技园", "火车站广场",
        "城南农贸市场", "第一中学门口", "市人民医院", "北京路", "湖滨街道", "西湖区政务中心",
        "翠苑一区", "江南大道", "体育场路", "天目山路", "莫干山路", "德胜新村", "紫金港路",
    )
    summaries: tuple[tuple[str, ...], ...] = (
        ("社保缴费咨询", "公积金提取咨询", "户籍迁入咨询", "居住证办理咨询", "医保报销咨询",
         "不动产登记咨询", "营业执照办理咨询", "子女入学政策咨询", "稳岗补贴申领咨询",
         "企业开办流程咨询", "退休金发放咨询", "燃气开户咨询"),
        ("建议增设公交站点", "建议增加路灯", "建议延长图书馆开放时间", "建议设置减速带",
         "建议增设非机动车停车位", "建议优化红绿灯时长", "建议增设公共厕所"),
        ("噪音扰民", "占道经营", "夜间施工扰民", "物业收费不合理", "餐饮油烟扰民",
         "违章停车堵塞消防通道", "商家拒不退款", "出租车拒载", "垃圾清运不及时"),
        ("小区停水", "楼道照明损坏", "老人走失求助", "路灯不亮", "下水道堵塞", "暖气不热",
         "电梯故障", "困难家庭申请救助"),
    )
    urgent: tuple[str, ...] = ("井盖缺失", "燃气泄漏", "路面塌陷", "水管爆裂", "电梯困人",
                               "树木倒伏压住车辆", "高压电线断落", "化粪池冒溢")
    mobile_prefixes: tuple[str, ...] = (
        "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
        "153", "155", "156", "157", "158", "159", "166", "173", "175", "176", "177", "180",
        "181", "182", "183", "185", "186", "187", "188", "189", "198", "199")
    area_code: str = "0571"
    categories: tuple[str, ...] = field(default=("consult", "suggest", "complaint", "help"))


_N = _Names()

#: the caller's request (诉求, R-TICKET-4) by category; chosen by the ticket's number,
#: not the random streams, so a seed's floor stays the floor it was
_REQUESTS: dict[str, tuple[str, ...]] = {
    "consult": ("来电人询问{t}的办理条件和所需材料，希望告知办理地点。",
                "来电人咨询{t}，希望工作人员回电详细解答。"),
    "suggest": ("来电人{t}，希望有关部门研究采纳并答复。",
                "来电人{t}，认为可方便周边居民出行，请予考虑。"),
    "complaint": ("来电人反映{t}，已持续多日，要求有关部门尽快核实处理并回复处理结果。",
                  "来电人反映{t}，多次沟通无果，要求依法处理，并希望处理后回访。"),
    "help": ("来电人反映{t}，请求有关部门尽快派人到场处理。",
             "来电人反映{t}，家中有老人，请求尽快协助解决。"),
    "urgent": ("来电人反映{t}，现场存在安全隐患，请求立即派人处置。",),
}


def _request(cat: str, title: str, urgent: bool, n: int) -> str:
    forms = _REQUESTS["urgent" if urgent else cat]
    return forms[n % len(forms)].format(t=title.removeprefix("急件 "))


def _cn_number(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    return str(n)


# event kinds on the heap
(_K_ARRIVAL, _K_ABANDON, _K_RING_END, _K_HOLD_START, _K_HOLD_END, _K_CALL_END, _K_ACW_END,
 _K_AWAY_END, _K_BREAK_DUE, _K_MEAL_DUE, _K_AWAY_DUE, _K_LOGIN, _K_SHIFT_END, _K_LEADER,
 _K_TICKET_DONE, _K_DISPATCH, _K_PEAK_RETURN, _K_PEAK_END, _K_RETRY, _K_GROUP_SLOT,
 _K_SURGE) = range(21)

_INF = math.inf


class Simulator:
    """A floor that runs in virtual time; see the module docstring for the model."""

    def __init__(self, config: SimConfig) -> None:
        self.config = cfg = config
        self._start = config.start.astimezone(UTC)
        self._tz = ZoneInfo(config.timezone)
        self._policy = Policy(timezone=config.timezone)
        master = random.Random(config.seed)
        self._rng_setup = random.Random(master.getrandbits(64))
        self._rng_arr = random.Random(master.getrandbits(64))  # arrivals, queues, callers
        self._rng_svc = random.Random(master.getrandbits(64))  # ring, talk, hold, ACW
        self._rng_beh = random.Random(master.getrandbits(64))  # breaks, aways, shifts
        self._rng_tkt = random.Random(master.getrandbits(64))  # tickets
        self._rng_cmd = random.Random(master.getrandbits(64))  # after supervisor controls
        self._rng_surge = random.Random(master.getrandbits(64))  # surges' extra calls (#17)

        self._t = 0.0
        self._at = self._start
        self._seq = 0
        self._heap: list[tuple[float, int, int, Any, Any]] = []
        self._out: list[FloorEvent] = []
        self._setup_done = False
        self._setup: list[FloorEvent] = []
        self._peak = 0
        #: every control this floor carried out or refused, by command id: the
        #: switch's own memory, asked by a host that finds a control claimed by a
        #: host that died before recording it (issue #13 item 5)
        self._controls: dict[str, tuple[bool, Msg | str]] = {}

        self._calls: dict[str, _Call] = {}
        self._call_no = 0
        self._ticket_no = 0
        self._waiting: list[tuple[float, int, _Call]] = []
        self._n_wait = 0
        self._ready: OrderedDict[str, None] = OrderedDict()  # idle agents, longest idle first
        self._recent_callers: list[str] = []
        self._surge_callers: list[str] = []
        self._leader_k = 0
        self._leader: str | None = None

        # talk time parameters
        if cfg.talk_dist == "lognormal":
            self._talk_mu = math.log(cfg.talk_mean_s) - cfg.talk_sigma ** 2 / 2
        else:
            self._talk_rate = 1.0 / cfg.talk_mean_s
        shares = cfg.queue_shares
        if shares is None or len(shares) != len(cfg.queues) or sum(shares) <= 0:
            shares = tuple(1.0 for _ in cfg.queues)
        total = sum(shares)
        acc = 0.0
        self._queue_cum: list[tuple[float, str]] = []
        self._queue_share: dict[str, float] = {}
        for (qid, _), s in zip(cfg.queues, shares, strict=True):
            acc += s / total
            self._queue_cum.append((acc, qid))
            self._queue_share[qid] = s / total
        tot_t = sum(cfg.ticket_shares)
        self._ticket_cum = [sum(cfg.ticket_shares[:i + 1]) / tot_t for i in range(4)]

        self._build_floor()
        self._peak_rate_h = self._derive_peak_rate()
        self._seg_end = -1.0
        self._seg_rate = 0.0

        self._handlers: list[Callable[[Any, Any], None]] = [
            self._on_arrival, self._on_abandon, self._on_ring_end, self._on_hold_start,
            self._on_hold_end, self._on_call_end, self._on_acw_end, self._on_away_end,
            self._on_break_due, self._on_meal_due, self._on_away_due, self._on_login,
            self._on_shift_end, self._on_leader, self._on_ticket_done, self._on_dispatch,
            self._on_peak_return, self._on_peak_end, self._on_retry, self._on_group_slot,
            self._on_surge,
        ]
        self._schedule_start()

    # ---- public API ----------------------------------------------------------------

    @property
    def now(self) -> datetime:
        """The virtual time reached: the ``until`` of the last advance (or ``at`` of execute)."""
        return self._start + timedelta(seconds=self._t)

    @property
    def peak_level(self) -> int:
        return self._peak

    def setup_events(self) -> list[FloorEvent]:
        """``floor_setup`` and the first shift leader on duty, at ``config.start``.

        Idempotent; :meth:`advance` emits them first if they were not asked for.
        """
        self._setup_done = True
        return [FloorEvent(e.type, e.at, dict(e.data)) for e in self._setup]

    def advance(self, until: datetime) -> list[FloorEvent]:
        """Every event with time <= ``until`` (in time order); the clock moves to ``until``."""
        u = self._offset(until)
        out: list[FloorEvent] = [] if self._setup_done else self.setup_events()
        self._out = out
        heap = self._heap
        handlers = self._handlers
        pop = heapq.heappop
        start = self._start
        while heap and heap[0][0] <= u:
            t, _, kind, obj, tok = pop(heap)
            if t != self._t:
                self._t = t
                self._at = start + timedelta(seconds=t)
            handlers[kind](obj, tok)
        if u > self._t:
            self._t = u
            self._at = start + timedelta(seconds=u)
        return out

    def set_peak_level(self, level: int) -> None:
        """The peak plan's level (R-PEAK-1/-2), as the host's alert rules decide it.

        From level 1: no new short breaks or callbacks; agents on a short break or a
        callback are called back to ready at once (at :attr:`now`, emitted by the next
        :meth:`advance`); their break stays owed until the level drops to 0.
        From level 2 (all hands, R-PEAK-2) planned training and meetings are not started.
        """
        if level < 0:
            raise ValueError("peak level must be >= 0")
        old, self._peak = self._peak, level
        if level >= 1 and old < 1:
            self._push(self._t, _K_PEAK_RETURN, None, None)
        elif level == 0 and old >= 1:
            self._push(self._t, _K_PEAK_END, None, None)

    def execute(self, cmd: SupervisorCommand, state: FloorState,
                at: datetime) -> list[FloorEvent]:
        """Carry out a supervisor control at ``at`` (DOMAIN §2).

        ``state`` is the floor as the caller folded it; the control is checked against
        it (:func:`models.domain.commands.check`) and against the simulator's own
        view, so a control never acts on a call or state that changed (R-CTRL-2).
        Returns the visible effect and ``command_done``, or just ``command_failed``.
        What follows from the effect (a waiting call routed to a freed agent, the end of
        an intercepted call) comes from later :meth:`advance` calls.

        The simulator carries on from the new state: a forced away ends by itself after
        a time usual for its reason, a forced logout lasts until the agent's next shift
        (the whole run when the profile is off), after-call work cut short by a control
        still yields its ticket.

        ``at`` may not lie before :attr:`now` nor after a pending simulated event:
        advance to ``at`` first.
        """
        t = self._offset(at)
        if t < self._t - 1e-6:  # (``now`` is rounded to the microsecond)
            raise ValueError(f"execute at {at.isoformat()} is before the simulator's time "
                             f"{self.now.isoformat()}")
        if self._heap and self._heap[0][0] < t:
            raise ValueError("events are pending before the control's time: advance(at) first")
        if t > self._t:
            self._t = t
        self._at = max(self._at, at.astimezone(UTC))
        self._out = out = []
        try:
            check(state, cmd)
            self._own_check(cmd)
        except CommandRefused as err:
            self._controls[cmd.id] = (False, err.args[0] if err.args else str(err))
            return [FloorEvent("command_failed", self._at, result_payload(cmd.id, err))]
        a = cmd.action
        if a in SESSION_MODES:
            msg = self._x_session(cmd)
        elif a is Action.STOP:
            msg = self._x_stop(cmd)
        elif a is Action.FORCE_RELEASE:
            msg = self._x_release(cmd)
        elif a is Action.INTERCEPT:
            msg = self._x_intercept(cmd)
        elif a is Action.FORCE_READY:
            msg = self._x_force_ready(cmd)
        elif a is Action.FORCE_AWAY:
            msg = self._x_force_away(cmd)
        else:
            msg = self._x_force_logout(cmd)
        self._controls[cmd.id] = (True, msg)
        out.append(FloorEvent("command_done", self._at, result_payload(cmd.id, msg)))
        return out

    def control_outcome(self, command_id: str) -> tuple[bool, Msg | str] | None:
        """(carried out?, message) of a control this floor saw, or None if it never
        saw it: a control is never carried out twice to find out (issue #13 item 5)."""
        return self._controls.get(command_id)

    def remember_controls(self, prev: Simulator) -> None:
        """Keep what ``prev`` (the floor this one restarts) knew about controls."""
        self._controls = {**prev._controls, **self._controls}

    def effect_holds(self, cmd: SupervisorCommand) -> bool:
        """Whether the floor now shows what ``cmd`` was meant to bring about (asked
        when this floor cannot remember the control: it started after the claim)."""
        ag = self._agents.get(cmd.agent)
        if ag is None:
            return False
        a = cmd.action
        c = self._calls.get(cmd.call or "")
        if a in SESSION_MODES:
            return c is not None and c.sups.get(cmd.supervisor) is SESSION_MODES[a]
        if a is Action.STOP:
            return c is None or cmd.supervisor not in c.sups
        if a is Action.FORCE_RELEASE:
            return c is None or c.agent is not ag
        if a is Action.INTERCEPT:
            return c is not None and c.intercepted_by == cmd.supervisor
        if a is Action.FORCE_READY:
            return ag.state == _READY
        if a is Action.FORCE_AWAY:
            return ag.state == _AWAY and ag.reason is cmd.away_reason
        return ag.state == _OUT

    # ---- helpers ---------------------------------------------------------------

    def _offset(self, at: datetime) -> float:
        if at.tzinfo is None:
            raise ValueError("times must be timezone-aware")
        return (at - self._start).total_seconds()

    def _push(self, t: float, kind: int, obj: Any, tok: Any) -> None:
        self._seq += 1
        heapq.heappush(self._heap, (t, self._seq, kind, obj, tok))

    def _emit(self, etype: str, data: dict[str, Any]) -> None:
        self._out.append(FloorEvent(etype, self._at, data))

    def _abs(self, t: float) -> datetime:
        return self._start + timedelta(seconds=t)

    def _local(self, t: float) -> datetime:
        return self._abs(t).astimezone(self._tz)

    def _off_local(self, local: datetime) -> float:
        return (local - self._start).total_seconds()

    # ---- set-up ----------------------------------------------------------------

    def _build_floor(self) -> None:
        cfg = self.config
        rng = self._rng_setup
        ng = cfg.group_count
        self._groups = [_Group(f"G{i + 1}", f"{_cn_number(i + 1)}班") for i in range(ng)]
        shifts = self._policy.shifts
        day, night = shifts[0], shifts[1 % len(shifts)]
        members: list[list[int]] = [[] for _ in range(ng)]
        for i in range(cfg.agents):
            members[i * ng // cfg.agents].append(i)
        used: set[str] = set()
        self._agents: dict[str, _Agent] = {}
        self._agent_list: list[_Agent] = []
        for gi, idx in enumerate(members):
            n_day = round(cfg.day_share * len(idx))
            for j, i in enumerate(idx):
                name = self._name(rng, used)
                shift = None if cfg.profile is None else (day if j < n_day else night)
                ag = _Agent(str(1001 + i), name, self._groups[gi], shift)
                self._agents[ag.id] = ag
                self._agent_list.append(ag)
        self._agent_list.sort(key=lambda a: int(a.id))
        data = {
            "source": "simulator",
            "groups": [{"id": g.id, "name": g.name} for g in self._groups],
            "queues": [{"id": q, "name": n} for q, n in cfg.queues],
            "agents": [{"id": a.id, "name": a.name, "group": a.group.id,
                        "shift": a.shift.name if a.shift else None}
                       for a in self._agent_list],
        }
        self._setup.append(FloorEvent("floor_setup", self._start, data))
        lid, lname = _LEADERS[0]
        self._leader = lid
        self._setup.append(FloorEvent("shift_leader_on_duty", self._start, {
            "agent": lid, "name": lname, "on": True,
            "shift": self._policy.shift_period(self._start).name}))

    @staticmethod
    def _name(rng: random.Random, used: set[str]) -> str:
        while True:
            sur = rng.choice(_N.surnames)
            given = rng.choice(_N.given)
            if rng.random() < 0.6:
                given += rng.choice(_N.given)
            name = sur + given
            if name not in used:
                used.add(name)
                return name

    def _derive_peak_rate(self) -> float:
        """Arrivals/hour at the profile's busiest hour, so that occupancy is about 80 %
        where the load is highest for the staff on duty (the peak hours by default)."""
        cfg = self.config
        if cfg.arrivals_per_hour is not None:
            return cfg.arrivals_per_hour
        if cfg.profile is None:
            staff = float(cfg.agents)
        else:
            prof = cfg.profile
            top = max(prof)
            day0 = self._local(0).date()
            ratios = []
            for h in range(24):
                ref = datetime.combine(day0, time(h, 30), self._tz)
                on = sum(1 for a in self._agent_list
                         if a.shift is not None and a.shift.instance_containing(ref))
                if on and prof[h] > 0:
                    ratios.append(on / (prof[h] / top))  # staff per unit of peak load
            staff = min(ratios) if ratios else float(cfg.agents)
            if cfg.rest_days:
                staff *= (7 - REST_DAYS_PER_WEEK) / 7
        available = staff * (0.87 if cfg.breaks else 1.0)  # breaks, meals, aways: ~13 %
        acw = cfg.acw_mean_s + (cfg.acw_long_share * 1050.0 if cfg.acw_mean_s > 0 else 0.0)
        per_agent_h = 3600.0 / (cfg.talk_mean_s + acw)
        return 0.8 * available * per_agent_h / (1.0 - cfg.ivr_share)

    def _schedule_start(self) -> None:
        cfg = self.config
        rng = self._rng_beh
        spread = cfg.login_spread_s
        for ag in self._agent_list:
            if ag.shift is None:
                self._push(rng.uniform(0.0, spread), _K_LOGIN, ag, _INF)
            else:
                self._schedule_login(ag, 0.0)
        first = self._next_arrival(max(0.0, cfg.calls_from_s))
        if first < _INF:
            self._push(first, _K_ARRIVAL, None, None)
        self._push(self._next_boundary(0.0), _K_LEADER, None, None)
        for i, sg in enumerate(cfg.surges):
            nxt = self._next_surge(sg, max(sg.at_s, cfg.calls_from_s))
            if nxt < _INF:
                self._push(nxt, _K_SURGE, i, None)

    def _shift_instance(self, sd: ShiftDef, t: float) -> tuple[float, float]:
        """Offsets of the instance of ``sd`` that contains ``t`` or starts next."""
        local = self._local(t)
        for off in (-1, 0, 1, 2):
            d = local.date() + timedelta(days=off)
            s = datetime.combine(d, sd.start, self._tz)
            e_day = d if sd.end > sd.start else d + timedelta(days=1)
            e = datetime.combine(e_day, sd.end, self._tz)
            if e > local:
                return self._off_local(s), self._off_local(e)
        raise AssertionError("no shift instance within two days")  # pragma: no cover

    def _schedule_login(self, ag: _Agent, after: float) -> None:
        assert ag.shift is not None
        s, e = self._shift_instance(ag.shift, after)
        cfg = self.config
        for _ in range(8):  # the next instance the agent works (at most a week on)
            late_join = s < 0.0 <= after and not cfg.join_started
            if not late_join and (not cfg.rest_days
                                  or works_on(ag.id, self._local(s).date())):
                break
            s, e = self._shift_instance(ag.shift, e)
        spread = cfg.login_spread_s
        lo = max(after, s - spread)  # arrive early for the handover, or as the run starts
        t = lo + self._rng_beh.uniform(0.0, spread)
        self._push(min(t, max(lo, e - 1.0)), _K_LOGIN, ag, e)

    def _next_boundary(self, t: float) -> float:
        best = _INF
        local = self._local(t)
        for sd in self._policy.shifts:
            for off in (0, 1):
                s = self._off_local(datetime.combine(local.date() + timedelta(days=off),
                                                     sd.start, self._tz))
                if s > t:
                    best = min(best, s)
        return best

    # ---- arrivals --------------------------------------------------------------

    def _segment(self, t: float) -> None:
        """Rate and end of the local hour containing ``t``."""
        prof = self.config.profile
        if prof is None:
            self._seg_end, self._seg_rate = _INF, self._peak_rate_h / 3600.0
            return
        local = self._local(t + 1e-3)  # (at a boundary, rounding must not pick the last hour)
        hour_start = local.replace(minute=0, second=0, microsecond=0)
        self._seg_end = self._off_local(hour_start) + 3600.0
        self._seg_rate = self._peak_rate_h / 3600.0 * prof[local.hour] / max(prof)

    def _next_arrival(self, t: float) -> float:
        """Next arrival of the Poisson process with piecewise-constant hourly rate."""
        e = self._rng_arr.expovariate(1.0)
        for _ in range(24 * 400):
            if t >= self._seg_end or self._seg_end < 0:
                self._segment(t)
            r, end = self._seg_rate, self._seg_end
            if r > 0 and e <= r * (end - t):
                return t + e / r
            if end == _INF:
                return _INF
            e -= r * (end - t)
            t = end
        return _INF

    def _base_rate(self, t: float) -> float:
        """The floor's arrival rate (calls/s) at ``t``, without touching the segment."""
        prof = self.config.profile
        if prof is None:
            return self._peak_rate_h / 3600.0
        return self._peak_rate_h / 3600.0 * prof[self._local(t + 1e-3).hour] / max(prof)

    def _next_surge(self, sg: Surge, t: float) -> float:
        """The surge's next extra call after ``t`` (thinning of a Poisson stream at the
        surge's highest rate: exact for the profile's hourly steps), or never."""
        end = sg.at_s + sg.minutes * 60.0
        prof = self.config.profile
        top = (sg.factor - 1.0) * self._peak_rate_h / 3600.0 * self._queue_share[sg.queue]
        if top <= 0.0:
            return _INF
        rng = self._rng_surge
        while True:
            t += rng.expovariate(top)
            if t >= end:
                return _INF
            if prof is None or rng.random() * top <= (
                    (sg.factor - 1.0) * self._base_rate(t) * self._queue_share[sg.queue]):
                return t

    def _on_surge(self, idx: int, _tok: Any) -> None:
        sg = self.config.surges[idx]
        self._arrive(sg.queue, self._rng_surge)
        nxt = self._next_surge(sg, self._t)
        if nxt < _INF:
            self._push(nxt, _K_SURGE, idx, None)

    def _caller(self, rng: random.Random, recent: list[str]) -> str:
        if recent and rng.random() < 0.06:  # a caller calling again
            return rng.choice(recent)
        if rng.random() < 0.82:
            num = rng.choice(_N.mobile_prefixes) + f"{rng.randrange(10 ** 8):08d}"
        else:
            num = _N.area_code + f"{rng.randint(2, 8)}{rng.randrange(10 ** 7):07d}"
        if len(recent) < 400:
            recent.append(num)
        else:
            recent[rng.randrange(400)] = num
        return num

    def _on_arrival(self, _obj: Any, _tok: Any) -> None:
        rng = self._rng_arr
        u = rng.random()
        queue = self._queue_cum[-1][1]
        for cum, qid in self._queue_cum:
            if u < cum:
                queue = qid
                break
        self._arrive(queue, rng)
        nxt = self._next_arrival(self._t)
        if nxt < _INF:
            self._push(nxt, _K_ARRIVAL, None, None)

    def _arrive(self, queue: str, rng: random.Random) -> None:
        """One call reaches ``queue`` now; ``rng`` draws its caller, IVR and patience."""
        cfg = self.config
        t = self._t
        self._call_no += 1
        no = self._call_no
        cid = f"{self.config.id_prefix}C{no:07d}"
        # a surge's callers are its own (and call again among themselves): the floor's
        # own stream draws exactly what it draws without the surge
        caller = self._caller(rng, self._surge_callers if rng is self._rng_surge
                              else self._recent_callers)
        if rng.random() < cfg.ivr_share:
            self._emit("call_queued", {"call": cid, "queue": queue, "caller": caller,
                                       "ivr_only": True})
        else:
            c = _Call(cid, no, queue, t)
            self._calls[cid] = c
            self._emit("call_queued", {"call": cid, "queue": queue, "caller": caller})
            if cfg.patience_mean_s is not None:
                self._push(t + rng.expovariate(1.0 / cfg.patience_mean_s), _K_ABANDON, c, None)
            self._enqueue(c)
            self._dispatch()

    # ---- routing ---------------------------------------------------------------

    def _enqueue(self, c: _Call) -> None:
        c.state = _WAIT
        c.agent = None
        heapq.heappush(self._waiting, (c.queued_t, c.no, c))
        self._n_wait += 1

    def _pop_waiting(self) -> _Call:
        w = self._waiting
        while True:
            c = heapq.heappop(w)[2]
            if c.state == _WAIT:
                self._n_wait -= 1
                return c

    def _dispatch(self) -> None:
        ready = self._ready
        while self._n_wait and ready:
            aid, _ = ready.popitem(last=False)
            self._assign(self._pop_waiting(), self._agents[aid])

    def _agent_ready(self, ag: _Agent) -> None:
        """``ag`` is ready (the reducer knows it): take the oldest call or wait for one."""
        if self._n_wait:
            self._assign(self._pop_waiting(), ag)
        else:
            self._ready[ag.id] = None

    def _assign(self, c: _Call, ag: _Agent) -> None:
        cfg = self.config
        if not cfg.ringing:
            self._answer(c, ag)
            return
        c.state = _CRING
        c.agent = ag
        ag.state = _RING
        ag.call = c
        self._emit("call_offered", {"call": c.id, "agent": ag.id, "queue": c.queue})
        rng = self._rng_svc
        if rng.random() < cfg.ring_no_answer_share:
            c.rona = True
            ring = rng.uniform(16.0, 20.0)
        else:
            ring = rng.triangular(2.0, 12.0, 4.0)
        self._push(self._t + ring, _K_RING_END, c, c.epoch)

    def _answer(self, c: _Call, ag: _Agent) -> None:
        cfg = self.config
        rng = self._rng_svc
        t = self._t
        c.state = _CTALK
        c.agent = ag
        ag.state = _TALK
        ag.call = c
        self._emit("call_answered", {"call": c.id, "agent": ag.id, "queue": c.queue})
        if cfg.talk_dist == "lognormal":
            talk = rng.lognormvariate(self._talk_mu, cfg.talk_sigma)
        else:
            talk = rng.expovariate(self._talk_rate)
        if cfg.hold_share and rng.random() < cfg.hold_share:
            # mostly short holds; about a fifth pass R-HOLD-1's 30 s
            hold = min(60.0, 10.0 + rng.expovariate(1.0 / 12.0))
            if talk > hold + 10.0:
                h0 = t + rng.uniform(5.0, talk - hold - 5.0)
                self._push(h0, _K_HOLD_START, c, c.epoch)
                self._push(h0 + hold, _K_HOLD_END, c, c.epoch)
        self._push(t + talk, _K_CALL_END, c, c.epoch)

    def _on_ring_end(self, c: _Call, epoch: int) -> None:
        if c.epoch != epoch or c.state != _CRING:
            return
        ag = c.agent
        assert ag is not None
        if not c.rona:
            self._answer(c, ag)
            return
        # ring-no-answer: the call waits again (at its place: its queueing time)
        c.rona = False
        c.epoch += 1
        self._emit("call_unanswered", {"call": c.id, "agent": ag.id})
        ag.state = _READY
        ag.call = None
        self._enqueue(c)
        self._dispatch()
        settled = self._t - ag.login_t >= _SEAT_SETTLE_S  # R-SEAT-1
        if self.config.breaks and settled and not ag.leaving and self._rng_beh.random() < 0.5:
            # the agent was not at the desk: the next minutes count as "other"
            self._start_away(ag, _OTHER, self._rng_beh.uniform(60.0, 240.0))
        else:
            self._release(ag, allow_away=True)

    def _on_abandon(self, c: _Call, _tok: Any) -> None:
        if c.state == _WAIT:
            self._n_wait -= 1
            c.state = _DONE
            del self._calls[c.id]
            self._emit("call_abandoned", {"call": c.id})
        elif c.state == _CRING:
            ag = c.agent
            assert ag is not None
            c.state = _DONE
            c.epoch += 1
            del self._calls[c.id]
            self._emit("call_abandoned", {"call": c.id, "agent": ag.id})
            ag.state = _READY  # the reducer puts a ringing agent back to ready
            ag.call = None
            self._release(ag, allow_away=True)

    def _on_hold_start(self, c: _Call, epoch: int) -> None:
        if c.epoch != epoch or c.state != _CTALK or c.agent is None:
            return
        c.state = _CHOLD
        c.agent.state = _HOLD
        self._emit("hold_started", {"call": c.id, "agent": c.agent.id})

    def _on_hold_end(self, c: _Call, epoch: int) -> None:
        if c.epoch != epoch or c.state != _CHOLD or c.agent is None:
            return
        c.state = _CTALK
        c.agent.state = _TALK
        self._emit("hold_ended", {"call": c.id, "agent": c.agent.id})

    def _on_call_end(self, c: _Call, epoch: int) -> None:
        if c.epoch != epoch or c.state not in (_CTALK, _CHOLD):
            return
        c.state = _DONE
        del self._calls[c.id]
        if c.intercepted_by is not None:
            self._emit("call_ended", {"call": c.id, "supervisor": c.intercepted_by})
            return
        ag = c.agent
        assert ag is not None
        self._emit("call_ended", {"call": c.id, "agent": ag.id})
        self._start_acw(ag, c)

    def _start_acw(self, ag: _Agent, c: _Call) -> None:
        """The reducer put ``ag`` in after-call work; it ends with the ticket written."""
        cfg = self.config
        ag.state = _ACW
        ag.call = None
        ag.acw_call = c.id
        ag.epoch += 1
        acw = 0.0
        if cfg.acw_mean_s > 0:
            rng = self._rng_svc
            if rng.random() < cfg.acw_long_share:
                acw = rng.uniform(900.0, 1200.0)  # a hard ticket: past R-ACW-1's 15 min
            else:
                acw = rng.expovariate(1.0 / cfg.acw_mean_s)
        self._push(self._t + acw, _K_ACW_END, ag, ag.epoch)

    def _on_acw_end(self, ag: _Agent, epoch: int) -> None:
        if ag.epoch != epoch or ag.state != _ACW:
            return
        self._write_ticket(ag)
        self._release(ag, allow_away=True)

    # ---- tickets (R-TICKET-1..4, R-URGENT-1) -------------------------------------

    def _write_ticket(self, ag: _Agent) -> None:
        cid = ag.acw_call
        if cid is None:
            return
        ag.acw_call = None
        cfg = self.config
        rng = self._rng_tkt
        self._ticket_no += 1
        tid = f"{cfg.id_prefix}GD{self._ticket_no:07d}"
        place = rng.choice(_N.places)
        urgent = rng.random() < cfg.urgent_share
        if urgent:
            cat = "help" if rng.random() < 0.7 else "complaint"
            title = f"急件 {place}{rng.choice(_N.urgent)}"
        else:
            u = rng.random()
            ci = next((i for i, cum in enumerate(self._ticket_cum) if u < cum), 3)
            cat = _N.categories[ci]
            title = place + rng.choice(_N.summaries[ci])
        self._emit("ticket_created", {"ticket": tid, "call": cid, "agent": ag.id,
                                      "category": cat, "title": title, "urgent": urgent,
                                      "request": _request(cat, title, urgent, self._ticket_no)})
        # completion: usually minutes, about one in ten past R-TICKET-5's 15 min
        delay = rng.lognormvariate(math.log(240.0), 1.0)
        self._push(self._t + delay, _K_TICKET_DONE, tid, None)

    def _on_ticket_done(self, tid: str, _tok: Any) -> None:
        self._emit("ticket_completed", {"ticket": tid})

    # ---- agents: free moments, aways, breaks -------------------------------------

    def _release(self, ag: _Agent, *, allow_away: bool) -> None:
        """``ag`` is free (after-call done, back from away, or rung back to ready)."""
        if ag.leaving:
            self._logout(ag)
            return
        if allow_away:
            nxt = self._next_away(ag)
            if nxt is not None:
                self._start_away(ag, *nxt)
                return
        if ag.state != _READY:
            ag.state = _READY
            self._emit("agent_state", {"agent": ag.id, "state": "ready"})
        self._agent_ready(ag)

    def _away_duration(self, reason: AwayReason, rng: random.Random) -> float:
        if reason is _SB:
            # mean ~7 min; about one in eight runs past R-BREAK-1's 10 minutes
            return rng.lognormvariate(math.log(420.0) - 0.35 ** 2 / 2, 0.35)
        if reason is _MEAL:
            return rng.uniform(20 * 60.0, 30 * 60.0)
        if reason is _OTHER:
            # personal matters: minutes, some past R-AWAY-1's 15 minutes
            return rng.lognormvariate(math.log(300.0), 0.8)
        if reason is _CALLBACK:
            return rng.uniform(3 * 60.0, 12 * 60.0)
        if reason is _TRAINING:
            return rng.uniform(30 * 60.0, 60 * 60.0)
        return rng.uniform(15 * 60.0, 30 * 60.0)  # meeting

    def _away_allowed(self, reason: AwayReason) -> bool:
        if reason is _CALLBACK:
            return self._peak < 1  # R-PEAK-1: the callback service stops
        if reason in (_TRAINING, _MEETING):
            return self._peak < 2  # R-PEAK-2: all hands take calls
        return True

    def _next_away(self, ag: _Agent) -> tuple[AwayReason, float] | None:
        rng = self._rng_beh
        if ag.meal_pending:
            ag.meal_pending = False
            return _MEAL, self._away_duration(_MEAL, rng)
        while ag.pending:
            reason, dur = ag.pending.pop(0)
            if self._away_allowed(reason):
                return reason, dur
        if ag.break_pending and self._break_slot(ag):
            return _SB, self._away_duration(_SB, rng)
        return None

    def _break_slot(self, ag: _Agent) -> bool:
        """May ``ag`` start the short break that is due? (R-PEAK-1, R-BREAK-2)"""
        if self._peak >= 1:
            return False
        g = ag.group
        if len(g.on_break) < self.config.max_on_break_per_group or ag.break_violate:
            return True
        g.waiting[ag.id] = None
        return False

    def _start_away(self, ag: _Agent, reason: AwayReason, dur: float,
                    command: str | None = None) -> None:
        self._ready.pop(ag.id, None)
        if reason is _SB:
            ag.break_pending = False
            ag.break_violate = False
            ag.break_token += 1
            ag.group.on_break.add(ag.id)
            ag.group.waiting.pop(ag.id, None)
        ag.state = _AWAY
        ag.reason = reason
        ag.epoch += 1
        data: dict[str, Any] = {"agent": ag.id, "state": "away", "reason": reason.value}
        if command is not None:
            data["command"] = command
        self._emit("agent_state", data)
        self._push(self._t + dur, _K_AWAY_END, ag, ag.epoch)

    def _end_away(self, ag: _Agent) -> bool:
        """Bookkeeping when an away ends; True when a short-break slot came free."""
        reason = ag.reason
        ag.reason = None
        ag.epoch += 1
        if reason is _SB:
            ag.group.on_break.discard(ag.id)
            self._schedule_break(ag, self._t)
            return True
        if reason is _MEAL:  # a meal is a rest: the break clock starts again
            ag.break_pending = False
            ag.group.waiting.pop(ag.id, None)
            self._schedule_break(ag, self._t)
        return False

    def _on_away_end(self, ag: _Agent, epoch: int) -> None:
        if ag.epoch != epoch or ag.state != _AWAY:
            return
        freed = self._end_away(ag)
        self._release(ag, allow_away=False)
        if freed:
            self._group_slot(ag.group)
        if ag.state == _READY and (ag.pending or ag.meal_pending or ag.break_pending):
            self._push(self._t + self._rng_beh.uniform(30.0, 120.0), _K_RETRY, ag, ag.life)

    def _idle(self, ag: _Agent) -> bool:
        return ag.id in self._ready

    def _try_idle_away(self, ag: _Agent) -> None:
        nxt = self._next_away(ag)
        if nxt is not None:
            self._start_away(ag, *nxt)

    def _group_slot(self, g: _Group) -> None:
        """A short break in ``g`` ended: the first idle agent waiting for one may go."""
        if self._peak >= 1:
            return
        for aid in list(g.waiting):
            if len(g.on_break) >= self.config.max_on_break_per_group:
                return
            ag = self._agents[aid]
            if not ag.break_pending or ag.state == _OUT:
                del g.waiting[aid]
            elif self._idle(ag):
                self._start_away(ag, _SB, self._away_duration(_SB, self._rng_beh))

    def _on_group_slot(self, g: _Group, _tok: Any) -> None:
        self._group_slot(g)

    def _schedule_break(self, ag: _Agent, after: float) -> None:
        ag.break_token += 1
        self._push(after + self._rng_beh.uniform(*_BREAK_EVERY_S), _K_BREAK_DUE, ag,
                   ag.break_token)

    def _on_break_due(self, ag: _Agent, token: int) -> None:
        if token != ag.break_token or ag.state == _OUT:
            return
        ag.break_pending = True
        ag.break_violate = self._rng_beh.random() < self.config.break_violation_share
        if self._idle(ag):
            self._try_idle_away(ag)

    def _schedule_meal(self, ag: _Agent, after: float, shift_end: float) -> None:
        """The next meal of the shift: the first meal window that starts after ``after``."""
        rng = self._rng_beh
        local = self._local(after)
        best = _INF
        for off in (0, 1):
            for start, spread in _MEALS:
                s = datetime.combine(local.date() + timedelta(days=off), start, self._tz)
                t = self._off_local(s) + rng.uniform(0.0, spread * 60.0)
                if after <= t < shift_end - 1800.0:
                    best = min(best, t)
        if best < _INF:
            self._push(best, _K_MEAL_DUE, ag, ag.life)

    def _on_meal_due(self, ag: _Agent, life: int) -> None:
        if life != ag.life or ag.state == _OUT:
            return
        ag.meal_pending = True
        self._schedule_meal(ag, self._t + 6 * 3600.0, self._shift_end_of(ag))
        if self._idle(ag):
            self._try_idle_away(ag)

    def _on_away_due(self, ag: _Agent, tok: tuple[int, AwayReason, float]) -> None:
        life, reason, rate = tok
        if life != ag.life or ag.state == _OUT:
            return
        rng = self._rng_beh
        self._push(self._t + rng.expovariate(rate / 3600.0), _K_AWAY_DUE, ag, tok)
        if not self._away_allowed(reason) or ag.leaving:
            return
        ag.pending.append((reason, self._away_duration(reason, rng)))
        if self._idle(ag):
            self._try_idle_away(ag)

    def _on_retry(self, ag: _Agent, life: int) -> None:
        if life != ag.life or not self._idle(ag):
            return
        if ag.leaving:
            self._ready.pop(ag.id, None)
            self._logout(ag)
        else:
            self._try_idle_away(ag)

    # ---- shifts ------------------------------------------------------------------

    def _shift_end_of(self, ag: _Agent) -> float:
        if ag.shift is None:
            return _INF
        return self._shift_instance(ag.shift, self._t)[1]

    def _on_login(self, ag: _Agent, shift_end: float) -> None:
        t = self._t
        if ag.state == _OUT:
            ag.leaving = False
            ag.login_t = t
            ag.state = _READY
            self._emit("agent_state", {"agent": ag.id, "state": "ready"})
        else:  # still finishing the last shift (a long away): it simply carries on
            ag.leaving = False
            ag.life += 1  # the last shift's timers end here; this shift's start below
        if shift_end < _INF:
            self._push(shift_end + self._rng_beh.uniform(0.0, self.config.login_spread_s),
                       _K_SHIFT_END, ag, None)
        if self.config.breaks:
            rng = self._rng_beh
            ag.break_token += 1
            self._push(t + rng.uniform(50 * 60.0, 120 * 60.0), _K_BREAK_DUE, ag, ag.break_token)
            self._schedule_meal(ag, t + _SEAT_SETTLE_S, shift_end)
            for reason, rate in _AWAY_RATES:
                due = t + _SEAT_SETTLE_S + rng.expovariate(rate / 3600.0)
                self._push(due, _K_AWAY_DUE, ag, (ag.life, reason, rate))
        if ag.state == _READY and not self._idle(ag):
            self._agent_ready(ag)

    def _on_shift_end(self, ag: _Agent, _tok: Any) -> None:
        assert ag.shift is not None
        self._schedule_login(ag, self._t + 3600.0)
        if ag.state == _OUT:
            return
        if self._idle(ag):
            self._ready.pop(ag.id)
            self._logout(ag)
        else:
            ag.leaving = True

    def _logout(self, ag: _Agent, command: str | None = None) -> None:
        self._ready.pop(ag.id, None)
        ag.group.waiting.pop(ag.id, None)
        ag.state = _OUT
        ag.reason = None
        ag.leaving = False
        ag.life += 1
        ag.epoch += 1
        ag.break_token += 1
        ag.break_pending = ag.meal_pending = False
        ag.pending.clear()
        data: dict[str, Any] = {"agent": ag.id, "state": "logged_out"}
        if command is not None:
            data["command"] = command
        self._emit("agent_state", data)

    def _on_leader(self, _obj: Any, _tok: Any) -> None:
        shift = self._policy.shift_period(self._at).name
        if self._leader is not None:
            self._emit("shift_leader_on_duty", {"agent": self._leader, "on": False})
        self._leader_k += 1
        lid, lname = _LEADERS[self._leader_k % len(_LEADERS)]
        self._leader = lid
        self._emit("shift_leader_on_duty", {"agent": lid, "name": lname, "on": True,
                                            "shift": shift})
        self._push(self._next_boundary(self._t), _K_LEADER, None, None)

    # ---- peak plan (R-PEAK-1/-2) ------------------------------------------------

    def _on_peak_return(self, _obj: Any, _tok: Any) -> None:
        if self._peak < 1:
            return
        back = [a for a in self._agent_list
                if a.state == _AWAY and a.reason in (_SB, _CALLBACK)]
        for ag in back:
            was_break = ag.reason is _SB
            self._end_away(ag)
            if was_break:  # the break is owed: taken when the peak is over
                ag.break_token += 1
                ag.break_pending = True
            self._release(ag, allow_away=False)

    def _on_peak_end(self, _obj: Any, _tok: Any) -> None:
        if self._peak >= 1:
            return
        for ag in self._agent_list:
            if self._idle(ag) and (ag.break_pending or ag.pending or ag.meal_pending):
                self._try_idle_away(ag)

    def _on_dispatch(self, _obj: Any, _tok: Any) -> None:
        self._dispatch()

    # ---- supervisor controls (DOMAIN §2) ---------------------------------------

    def _own_check(self, cmd: SupervisorCommand) -> None:
        """R-CTRL-2 against the simulator's own floor, which may be ahead of ``state``."""
        ag = self._agents.get(cmd.agent)
        if ag is None:
            raise CommandRefused(QT_TRANSLATE_NOOP("Commands", "Agent {agent} does not exist")
                                 .format(agent=cmd.agent))
        if cmd.action in CALL_ACTIONS:
            c = self._calls.get(cmd.call or "")
            if (c is None or c.agent is not ag or c.intercepted_by is not None
                    or c.state not in (_CTALK, _CHOLD)):
                raise CommandRefused(QT_TRANSLATE_NOOP(
                    "Commands", "Call {call} has ended or is no longer on agent {agent}").format(
                    call=cmd.call, agent=cmd.agent))
            if cmd.action is Action.STOP and cmd.supervisor not in c.sups:
                raise CommandRefused(QT_TRANSLATE_NOOP("Commands", "You are not in this call"))
            if cmd.action in SESSION_MODES and c.sups.get(cmd.supervisor) is SESSION_MODES[
                    cmd.action]:
                raise CommandRefused(QT_TRANSLATE_NOOP("Commands",
                                                       "You are already in this call in this mode"))
            return
        busy = ag.state in (_OUT, _RING, _TALK, _HOLD)
        if ((cmd.action is Action.FORCE_READY and (busy or ag.state == _READY))
                or (cmd.action is Action.FORCE_AWAY
                    and (busy or (ag.state == _AWAY and ag.reason is cmd.away_reason)))
                or (cmd.action is Action.FORCE_LOGOUT and busy)):
            raise CommandRefused(QT_TRANSLATE_NOOP("Commands", "Agent {agent}'s state has changed")
                                 .format(agent=cmd.agent))
        own_call = ag.call.id if ag.call is not None else None
        if cmd.call is not None and cmd.call != own_call:
            raise CommandRefused(QT_TRANSLATE_NOOP("Commands", "Agent {agent}'s call has changed")
                                 .format(agent=cmd.agent))

    def _x_session(self, cmd: SupervisorCommand) -> Msg:
        c = self._calls[cmd.call or ""]
        mode = SESSION_MODES[cmd.action]
        c.sups[cmd.supervisor] = mode
        self._emit("supervisor_joined", {"call": c.id, "agent": cmd.agent,
                                         "supervisor": cmd.supervisor, "mode": mode.value,
                                         "command": cmd.id})
        return {"monitor": QT_TRANSLATE_NOOP("Commands", "Monitoring call {call}"),
                "whisper": QT_TRANSLATE_NOOP("Commands", "Whispering on call {call}"),
                "barge": QT_TRANSLATE_NOOP("Commands", "Barged into call {call}"),
                }[mode.value].format(call=c.id)

    def _x_stop(self, cmd: SupervisorCommand) -> Msg:
        c = self._calls[cmd.call or ""]
        del c.sups[cmd.supervisor]
        self._emit("supervisor_left", {"call": c.id, "agent": cmd.agent,
                                       "supervisor": cmd.supervisor, "command": cmd.id})
        return QT_TRANSLATE_NOOP("Commands", "Left call {call}").format(call=c.id)

    def _x_release(self, cmd: SupervisorCommand) -> Msg:
        c = self._calls.pop(cmd.call or "")
        ag = c.agent
        assert ag is not None
        c.state = _DONE
        c.epoch += 1  # the call's own holds and end are void
        self._emit("call_ended", {"call": c.id, "agent": ag.id, "supervisor": cmd.supervisor,
                                  "command": cmd.id})
        self._start_acw(ag, c)
        return QT_TRANSLATE_NOOP("Commands", "Call {call} released").format(call=c.id)

    def _x_intercept(self, cmd: SupervisorCommand) -> Msg:
        c = self._calls[cmd.call or ""]
        ag = c.agent
        assert ag is not None
        c.epoch += 1  # the agent's holds and end are void; the supervisor ends it
        c.state = _CTALK
        c.agent = None
        c.intercepted_by = cmd.supervisor
        c.sups = {cmd.supervisor: SupervisorMode.INTERCEPT}
        self._emit("call_intercepted", {"call": c.id, "agent": ag.id,
                                        "supervisor": cmd.supervisor, "command": cmd.id})
        talk = 30.0 + self._rng_cmd.expovariate(1.0 / 150.0)
        self._push(self._t + talk, _K_CALL_END, c, c.epoch)
        self._start_acw(ag, c)  # the agent still writes the ticket (R-FIRST-1)
        return QT_TRANSLATE_NOOP("Commands", "Call {call} taken over by {supervisor}").format(
            call=c.id, supervisor=cmd.supervisor)

    def _leave_state(self, ag: _Agent) -> None:
        """End what ``ag`` is doing (ready, after-call or away) for a forced change."""
        if ag.state == _READY:
            self._ready.pop(ag.id, None)
        elif ag.state == _ACW:
            ag.epoch += 1
            self._write_ticket(ag)  # the ticket is saved as after-call work is cut short
        elif ag.state == _AWAY and self._end_away(ag):
            self._push(self._t, _K_GROUP_SLOT, ag.group, None)

    def _x_force_ready(self, cmd: SupervisorCommand) -> Msg:
        ag = self._agents[cmd.agent]
        self._leave_state(ag)
        ag.state = _READY
        self._emit("agent_state", {"agent": ag.id, "state": "ready", "command": cmd.id})
        self._ready[ag.id] = None
        self._push(self._t, _K_DISPATCH, None, None)
        if ag.leaving:
            self._push(self._t + 60.0, _K_RETRY, ag, ag.life)
        return QT_TRANSLATE_NOOP("Commands", "Agent {agent} set ready").format(agent=ag.id)

    def _x_force_away(self, cmd: SupervisorCommand) -> Msg:
        ag = self._agents[cmd.agent]
        reason = cmd.away_reason
        assert reason is not None
        self._leave_state(ag)
        self._start_away(ag, reason, self._away_duration(reason, self._rng_cmd), command=cmd.id)
        return QT_TRANSLATE_NOOP("Commands", "Agent {agent} set away ({reason})").format(
            agent=ag.id, reason=reason_text(reason.value))

    def _x_force_logout(self, cmd: SupervisorCommand) -> Msg:
        ag = self._agents[cmd.agent]
        self._leave_state(ag)
        self._logout(ag, command=cmd.id)
        return QT_TRANSLATE_NOOP("Commands", "Agent {agent} signed out").format(agent=ag.id)
