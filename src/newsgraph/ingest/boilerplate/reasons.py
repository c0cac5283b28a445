"""The reasons a span of text is judged not to be story text: the one vocabulary of
`Removed.reason`, whatever the source (plain text, JSON record, HTML page)."""

from __future__ import annotations

DONATION = "donation appeal"
AD_BLOCKER = "ad-blocker notice"
RELATED = "related links"
CAPTION = "photo caption"
CREDIT = "photo credit"
IMAGE_FILE = "image file name"
GALLERY = "gallery controls"
SOCIAL = "social embed"
SHARE = "share widget"
VIDEO = "video player"
CORRECTION = "correction footer"
HEADLINE = "repeated headline"
STANDFIRST = "standfirst"
SIGN_OFF = "outlet sign-off"
REPEATED = "repeated across outlet"
SUBSCRIPTION = "subscription prompt"
COOKIE = "cookie notice"
ADVERT = "advertisement"
COPYRIGHT = "copyright notice"
CONTACT = "contact prompt"
BYLINE = "byline"
TIMESTAMP = "timestamp"
UI_TEXT = "ui text"

REASONS = frozenset(
    {
        DONATION,
        AD_BLOCKER,
        RELATED,
        CAPTION,
        CREDIT,
        IMAGE_FILE,
        GALLERY,
        SOCIAL,
        SHARE,
        VIDEO,
        CORRECTION,
        HEADLINE,
        STANDFIRST,
        SIGN_OFF,
        REPEATED,
        SUBSCRIPTION,
        COOKIE,
        ADVERT,
        COPYRIGHT,
        CONTACT,
        BYLINE,
        TIMESTAMP,
        UI_TEXT,
    }
)
