"""Stored derived state (issue 7 §6): each person's pipeline stage, pending steps with their due dates, steps
recorded late and the badges due at coming presentation days, rewritten from the event log in every write's
transaction (`store`, called by the services' `_rebuild`) and by `manage.py rebuild_standing`, so that the
pipeline board, the due lists and the badge list are indexed queries instead of a fold of every person's log.

The folds stay the reference (members.due, members.pages.pipeline, members.party_age): tests check that the
stored rows read the same. Stored rows do not depend on the day they were written, except badges (presentation
days from that day on); days left and overdue are counted when read. A rule or holiday change calls for
`manage.py rebuild_standing` (docs/members.md).
"""
