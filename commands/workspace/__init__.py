"""The workspace and its people: ``/sales`` (help, pipeline, BANT policy, undo), ``/sales setup``,
teams and admins."""
