"""The GUI's own kit (issue #15 step 2): what every dialog of the console needs once.

- :mod:`views.kit.table`: :class:`RowTableModel`, the read-only table over a list of
  keyed rows, and :func:`make_table`, the table view every list uses;
- :mod:`views.kit.status`: :class:`StatusLine`, a dialog's one line of news, coloured
  from the theme in force (never a fixed colour that is light-theme only);
- :mod:`views.kit.dialogs`: the confirm, reason and save-path questions;
- :mod:`views.kit.dates`: ``QDate`` ⇄ ``date`` and a moment in the floor's time zone;
- :mod:`views.kit.texts`: the label texts (states, roles, away reasons, rule and
  alert names, ticket categories) that every panel and the wall show the same way.
"""
