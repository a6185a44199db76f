"""质量监控: the quality-inspection screens (issue #18, DOMAIN §7 and §8), one widget for
the console's 班务 menu and the director's window.

- :mod:`.panel`: :class:`~views.qa.panel.QaPanel`, three pages — import the
  inspectors' score sheet (a dry run first, then all rows or none), this week's
  register and proposed sample, the control chart with its signals — and the two
  hosts, :class:`~views.qa.panel.QaDialog` (console) and
  :class:`~views.qa.panel.QaPage` (director's window);
- :mod:`.chart`: :class:`~views.qa.chart.ControlChart`, the pyqtgraph plot (created
  once, fed with ``setData``);
- :mod:`.models`: the pages' tables;
- :mod:`.texts`: the words they share.

The screens never open a session: they ask their source (console/qa_backend.py),
whose every read and write checks the right to keep QA scores in the database.
"""
