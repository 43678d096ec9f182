"""Helpers shared by the per-state plan modules of states-b (KY LA MO MT KS
ME MI MN MS NE MA MD): which printed intermediates a row carries."""
from decimal import Decimal, InvalidOperation


def printed(row):
    """The row's expected_intermediates that are plain numbers."""
    out = {}
    for part in (row.get("expected_intermediates") or "").split(";"):
        if "=" not in part:
            continue
        k, v = part.split("=", 1)
        try:
            Decimal(v.replace(",", "").strip())
        except InvalidOperation:
            continue
        out[k.strip()] = v.strip()
    return out


def pick(row, mapping):
    """The part of {printed name: result column} the row prints as a number."""
    have = printed(row)
    return {k: v for k, v in mapping.items() if k in have}
