"""The director's window (issue #17): a filter bar over pages of the floor's
history — trends charts here; the league table, the heat map and staffing are
pages of their own, added with :meth:`DirectorWindow.add_page`."""
