"""``corong export``: a workspace's deals, activities and BANT records as CSV or JSON lines.

Deals are written in Corong's import format (``commands.imports.columns.FIELDS``), so an export
imported into an empty workspace gives back the same deals, and into the same one changes
nothing.
"""
