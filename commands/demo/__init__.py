"""``corong demo``: a workspace full of believable work, to try Corong before a team moves in.

``cast`` is the sales team, ``story`` what they did over the last 120 days (a seeded, dated
list of events), ``build`` replays it through the very commands reps type, each at its time,
so every report, nudge and digest reads it as it would a real team's.
"""
