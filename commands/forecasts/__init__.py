"""The forecast call: each rep's commit and best case for the month or quarter, the manager's
roll-up of them beside the weighted pipeline, bookings and quota, and how close past commits
came to what was booked (``accuracy``)."""
