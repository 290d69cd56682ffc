"""Dates as a Vietnamese reader writes them: "Chủ nhật, 10/03/2024 08:00", the ISO value kept.

Portals print day/month/year with the weekday first; the time is shown in the offset the page
stated (Vietnam's +07:00 unless the page said otherwise), never converted, and another offset
is named, so the reader sees what the portal printed.
"""

from datetime import date, datetime

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
VIETNAM_OFFSET = "+07:00"


def vietnamese_date(value: str | None) -> str | None:
    """ "2024-03-10T08:00:00+07:00" → "Chủ nhật, 10/03/2024 08:00"; None if not an ISO date."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        try:
            moment = datetime.combine(date.fromisoformat(value.strip()[:10]), datetime.min.time())
        except ValueError:
            return None
        return f"{WEEKDAYS[moment.weekday()]}, {moment:%d/%m/%Y}"
    text = f"{WEEKDAYS[moment.weekday()]}, {moment:%d/%m/%Y}"
    if "T" in value or " " in value.strip():
        text += f" {moment:%H:%M}"
        offset = moment.strftime("%z")
        if offset and f"{offset[:3]}:{offset[3:]}" != VIETNAM_OFFSET:
            text += f" (UTC{offset[:3]}:{offset[3:]})"
    return text
