"""The App Home dashboard: a rep's follow-ups and week, and an admin's failed scheduled posts."""
