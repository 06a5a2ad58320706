"""Bringing a team's pipeline in from a CSV file: another CRM's export or Corong's own format.

``columns`` recognises the file, ``cells`` reads each value, ``rows`` turns a line into a deal
or into the reasons it cannot be one, ``plan`` compares the file with the deals already here,
and ``apply`` writes the plan as one change that ``undo`` takes back. ``summary`` words what
was found for the terminal and Slack alike; ``upload`` is ``/sales import``'s side of it.
"""
