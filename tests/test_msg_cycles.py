"""A message shown leaves no garbage for the cycle collector (issue #20).

The windows freeze their long-lived objects every half minute (console/ui.py) so a
full collection stays short; a reference cycle that dies after a freeze is then never
freed. tr_msg made one for every message it translated (a nested function calling
itself): the console benchmark found them, 250 in 40 seconds, the only ones left."""

from __future__ import annotations

import gc

from models.domain.texts import Msg
from views.msg import tr_msg


def test_translating_a_message_makes_no_reference_cycle() -> None:
    inner = Msg("Roles", "shift leader")
    m = Msg("Controls", "{who} may not {what}: {roles}",
            {"who": "L1", "what": inner, "roles": ["a", inner]})
    gc.collect()
    gc.disable()
    try:
        texts = [tr_msg(m, lambda _c, s: s) for _ in range(50)]
        found = gc.collect()
    finally:
        gc.enable()
    assert texts[0] == "L1 may not shift leader: a, shift leader"
    assert found == 0
