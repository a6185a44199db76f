"""The alerts of the floor on the console (issue #4), one module per part:

- :mod:`views.alerts.source`: what the panel and the contacts dialog are handed and
  ask for (:class:`~views.alerts.source.AlertsSource`, answered by
  :mod:`console.alerts_backend`; the escalation steps, contacts, history rows);
- :mod:`views.alerts.describe`: what the console says about an alert (its
  description, subject, ticket, the resolve dialog's question, the listing order);
- :mod:`views.alerts.models`: the tables (live alerts, the escalation trail, the
  history);
- :mod:`views.alerts.panel`: :class:`~views.alerts.panel.AlertsPanel`, the dock's tabs
  and actions;
- :mod:`views.alerts.banners`: the urgent banner (R-URGENT-1/2) and the peak-plan
  banner (R-PEAK-1/2);
- :mod:`views.alerts.sounds`: a sound per severity and the tray (Qt Multimedia
  imported only when a sound is prepared);
- :mod:`views.alerts.contacts`: the editor of the units' contact list (R-URGENT-2).

The label texts the wall and the audit log share with this package (rule names,
severities, categories) are in :mod:`views.kit.texts`: the wall imports nothing from
here.
"""
