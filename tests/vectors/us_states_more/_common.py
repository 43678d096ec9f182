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


def single_or_married(row, w4):
    """The certificate's status from state_w4, else from the row's
    filing_status text ("Married ..." but not "... single rate")."""
    fs = (row["filing_status"] or "").lower()
    return w4.get("filing_status",
                  "married" if fs.startswith("married") and "single" not in fs
                  else "single")


def pick(row, mapping):
    """The part of {printed name: result column} the row prints as a number."""
    have = printed(row)
    return {k: v for k, v in mapping.items() if k in have}
