"""What ``/pipeline``, ``/funnel`` and the App Home say around the metrics."""

MESSAGES: dict[str, dict[str, str]] = {}
