"""考勤: the shift leader's attendance dialog (DOMAIN §6, R-ATT-1 … 6), one module per page.

- :mod:`.register`: 考勤登记, the day's register and its workflow — confirm a row as
  the platform suggests it, correct it with a reason, confirm every settled row at
  once in ONE save (all or none, issue #15 step 3), the daily checks;
- :mod:`.summary`: 月考勤汇总, one row per agent for a month and the Excel export;
- :mod:`.leave`: 请假, the requests of this month and next and their approval chain;
- :mod:`.dialog`: :class:`~views.attendance.dialog.AttendanceDialog`, the tab host
  that builds the pages and routes what they share (the names, the agents);
- :mod:`.texts`: the words the pages share (types, statuses, roles, numbers);
- :mod:`.common`: what the pages ask of the backend, the row roles, the colours.

Every request goes through the backend as a :class:`console.ops.Request` bound
weakly to its page; every one has a visible failure path (the page's status line).
"""
