"""月度考核 (issue #18, DOMAIN §8): the monthly assessment screen — the month's sheet,
the register with the floor's proposals, the year — for the console's 班务 menu
(:class:`~views.assessment.dialog.AssessmentDialog`) and the director's 考核 page
(:class:`~views.assessment.page.AssessmentPage`)."""
