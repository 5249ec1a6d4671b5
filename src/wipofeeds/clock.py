"""The one place that reads the wall clock, so nothing else can leak it into output."""

from __future__ import annotations

import os
from datetime import datetime, timezone


def now() -> datetime:
    """Current UTC time, or SOURCE_DATE_EPOCH when set (reproducible builds).

    Only the change history asks for this, to stamp a session it sees for the first time.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    return datetime.now(timezone.utc).replace(microsecond=0)
