"""Boilerplate removal for scraped plain-text articles.

Scrapers hand us the story together with what the page wrapped around it: donation and
subscription appeals, ad-blocker notices, "Read also" lists, photo captions and credits, social
embeds, share widgets, correction footers, a second copy of the headline, the outlet's sign-off.
None of it is story text, and left in it would feed the analyzer fake actors and events.

Rules are general, never tied to an outlet:

* **cue phrases** made of general words ("support us", "disable your ad blocker", "Read also",
  "Credit:", "Getty Images", "pic.twitter.com", "Skip Ad"...), checked together with
* **line shape** (short, no sentence punctuation, a hyphen-joined slug, all a list of links),
* **position**: appeals sit at the tail, so a block opener there ("Dear readers", "A Message from
  X:") starts a block that runs to the end when what follows reads like an appeal; mid-article the
  cleaner is conservative and needs strong cues, and
* **repetition**: lines seen in several earlier articles of the same outlet (`repeated_lines`).

Every cut is recorded as a `Removed` span of the raw text with a reason from `REASONS`; the clean
text is the raw text minus those spans, with runs of blank lines collapsed to one. A text with no
boilerplate comes back unchanged, so offsets into it stay valid.

Everything is line based and linear in the length of the text; regexes are compiled once, and
each scanning regex is guarded by a literal substring check, so story lines pass quickly.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

from newsgraph.model import Removed

# --- reasons (the fixed vocabulary of `Removed.reason`) ------------------------------------------

DONATION = "donation appeal"
AD_BLOCKER = "ad-blocker notice"
RELATED = "related links"
CAPTION = "photo caption"
CREDIT = "photo credit"
IMAGE_FILE = "image file name"
SOCIAL = "social embed"
SHARE = "share widget"
CORRECTION = "correction footer"
REPEATED_HEADLINE = "repeated headline"
SIGN_OFF = "outlet sign-off"
REPEATED = "repeated across outlet"
SUBSCRIPTION = "subscription prompt"
COOKIE = "cookie notice"
ADVERT = "advertisement"
COPYRIGHT = "copyright notice"
CONTACT = "contact prompt"
BYLINE = "byline"
UI_TEXT = "ui text"

REASONS = frozenset(
    {
        DONATION,
        AD_BLOCKER,
        RELATED,
        CAPTION,
        CREDIT,
        IMAGE_FILE,
        SOCIAL,
        SHARE,
        CORRECTION,
        REPEATED_HEADLINE,
        SIGN_OFF,
        REPEATED,
        SUBSCRIPTION,
        COOKIE,
        ADVERT,
        COPYRIGHT,
        CONTACT,
        BYLINE,
        UI_TEXT,
    }
)

# At the tail, a short name line just above an appeal, or closing the text just below a footer,
# is the outlet signing off.
_APPEAL_REASONS = frozenset({DONATION, AD_BLOCKER, SUBSCRIPTION})
_FOOTER_REASONS = frozenset(
    {DONATION, AD_BLOCKER, SUBSCRIPTION, CORRECTION, SHARE, RELATED, COPYRIGHT, CONTACT, COOKIE}
)

MAX_TITLE_WORDS = 20
MAX_APPEAL_WORDS = 80  # an appeal paragraph is short; a long one with "you" in it is a story


@dataclass
class CleanResult:
    """The story text of one article and what was cut from it."""

    text: str  # the clean story text
    removed: list[Removed] = field(default_factory=list)  # spans of the RAW text, with reasons
    title: str | None = None  # a headline found at the top of the text
    outlet: str | None = None  # an outlet name recognised from a signature in the text


# --- lexicons and patterns -----------------------------------------------------------------------

_I = re.IGNORECASE

# Characters that print as nothing but split words and names ("Japan\u200b" is not "Japan"):
# zero-width space, soft hyphen, word joiner, byte-order mark. ZWJ and ZWNJ stay: scripts and
# emoji need them.
_INVISIBLE: dict[int, str | None] = dict.fromkeys(map(ord, "\u200b\u00ad\u2060\ufeff"))
_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2012": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)
_QUOTE_MAP: dict[int, str | None] = {**_INVISIBLE, **_TYPOGRAPHY}
_DIGITS = re.compile(r"\d+")

_ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*$")
_ENDS_PUNCT = re.compile(r"[.!?…:;,][\"'”’)\]]*$")
_REPORTING = re.compile(r"\b(?:said|says|told|tells|according\s+to)\b", _I)
# The outlet talking to its readers ("US" the country is not "us").
_VOICE = re.compile(
    r"\b(?:[Ww]e|[Ww]e're|[Ww]e've|[Oo]ur|[Oo]urs|us|[Yy]ou|[Yy]our|[Yy]ou're|[Yy]ou've|[Yy]ours"
    r"|WE|OUR|YOU|YOUR)\b"
)
_WE = re.compile(r"\b(?:[Ww]e|[Ww]e're|[Ww]e've|[Oo]ur|[Oo]urs|us|WE|OUR)\b")
_QUOTED_START = re.compile(r"^[\"“‘'«]")

# Appeals ------------------------------------------------------------------------------------------
_APPEAL_OPENER = re.compile(
    r"^(?:(?:an?|one)\s+(?:message|note|request|word|letter|appeal|plea)\s+(?:from\s+(?P<name>"
    r"[^:.!?]{2,60}?)|to\s+(?:our\s+)?readers)\s*[:.!]?"
    r"|dear\s+(?:\w+\s+)?(?:readers?|friends?|subscribers?|visitors?|supporters?|users?)\s*[,:!.]?"
    r"|to\s+our\s+readers\s*[:,.]?"
    r"|before\s+you\s+go\s*[,:.!…]*"
    r"|(?:one\s+more\s+thing|a\s+quick\s+favou?r|a\s+small\s+favou?r)\s*[,:.!…]*"
    r"|we\s+(?:need|rely\s+on|depend\s+on)\s+your\s+(?:help|support)\s*[.!:]?"
    r"|(?:please\s+)?support\s+(?:independent|quality|our|free|fearless)\s+"
    r"(?:journalism|media|press|reporting)\s*[.!:]?"
    r"|thank\s+you\s+for\s+reading\s*[.!:]?)$",
    _I,
)
_DONATION_CUE = re.compile(
    r"\b(?:donat(?:e|es|ed|ing|ion|ions)|contribut(?:e|es|ion|ions|ing)"
    r"|support\s+(?:us|our\s+\w+|independent\s+\w+|\w+\s+journalism)|your\s+support"
    r"|by\s+supporting|please\s+(?:consider\s+)?(?:support|help|giv|chip)"
    r"|become\s+a\s+(?:member|supporter|patron|subscriber|donor|sponsor)"
    r"|reader[\s-](?:funded|supported)|patreon|paypal|(?:per|a|each|every)\s+month|monthly"
    r"|one[\s-](?:off|time)\s+(?:gift|payment|donation)|tax[\s-]deductible|paywall"
    r"|subscri(?:be|bing|ption|bers?))\b",
    _I,
)
_APPEAL_TOPIC = re.compile(
    r"\b(?:journalism|journalists?|newsroom|reporting|independent|our\s+(?:work|mission|team|staff"
    r"|readers|reporters|website|site)|readers|help|thank\s+you|free\s+(?:press|media)|censorship"
    r"|silenced?|advertis\w*|revenue|funding|financial)\b",
    _I,
)
_APPEAL_IMPERATIVE = re.compile(
    r"^(?:donate|contribute)\b|^(?:support|help)\s+(?:us|our|independent|quality|free|this)\b"
    r"|^subscribe\b|^give\s+(?:now|today|monthly|once|a\s+gift)\b|^join\s+(?:us|our)\b"
    r"|^become\s+a\s+(?:member|supporter|patron|subscriber|donor|friend)\b"
    r"|^(?:remind\s+me\s+later|maybe\s+later|not\s+now|no,?\s+thanks|close)\b",
    _I,
)

_AD_BLOCKER = re.compile(r"\bad[\s-]?block(?:er|ers|ing)?\b|\badblock\w*", _I)

# Footers and prompts --------------------------------------------------------------------------
_CORRECTION = re.compile(
    r"\b(?:suggest|request|report|submit|send\s+us)\s+(?:a|an)\s+(?:correction|clarification"
    r"|error|typo|mistake)|highlight\s+(?:the|a|some)?\s*text\s+and\s+press|ctrl\s*\+\s*enter"
    r"|\b(?:spotted|found|see|notice[d]?)\s+(?:a|an)\s+(?:mistake|error|typo)\b"
    r"|suggestions?\s+or\s+corrections?|corrections?\s+or\s+clarifications?"
    r"|corrections?\s+policy",
    _I,
)
_SUBSCRIBE_STRONG = re.compile(
    r"newsletter\s+sign[\s-]?up|sign\s+up\s+(?:for|to)\s+(?:our|the|my|free|\w+'s)\s+(?:[\w+&-]+\s+)"
    r"{0,3}(?:newsletters?|e-?mails?|alerts|updates|briefings?)\b"
    r"|thanks?\s+(?:you\s+)?for\s+subscribing"
    r"|invalid\s+e-?mail\s+address|enter\s+your\s+e-?mail|(?:delivered|straight|direct(?:ly)?|"
    r"right)\s+to\s+your\s+inbox|you\s+must\s+select\s+a\s+newsletter|subscribe\s+(?:now|today"
    r"|here)\b|by\s+subscribing|subscribe\s+to\s+(?:our|the)\s+[\w\s]{0,30}?(?:newsletter|channel"
    r"|podcast|updates|feed)|already\s+a\s+(?:subscriber|member)\b|get\s+digital\s+access"
    r"|chat\s+with\s+us\s+(?:in|on)|download\s+(?:our|the\s+\w+)\s+app|(?:like|follow|join)\s+us"
    r"\s+on\s+(?:facebook|twitter|x|instagram|telegram|youtube|linkedin|tiktok|whatsapp)"
    r"|sign\s+up\s+for\s+(?:breaking|free|daily|weekly)"
    r"|(?:subscribe|sign\s+in|log\s*in)\s+to\s+(?:continue|keep)\s+reading"
    r"|free\s+articles?\s+(?:left|remaining|this\s+month)|reached\s+your\s+(?:limit|free)",
    _I,
)
_SUBSCRIBE_START = re.compile(
    r"^(?:subscribe(?:\s+(?:now|today|here))?\s*[.!]?$|subscribe\s+to\s+(?:our|updates"
    r"|the\s+newsletter)\b|sign\s+up\s*[.!]?$|get\s+(?:the|our)\s+[\w\s'’]{0,30}newsletter"
    r"|follow\s+(?:us|[\w.'’\-"
    r" ]{1,40}\s+on\s+(?:twitter|facebook|x|instagram|telegram|youtube|linkedin|tiktok))"
    r"|like\s+[\w.'’\- ]{1,40}\s+on\s+facebook|check\s+us\s+out|join\s+(?:us|our)\b"
    r"|keep\s+up\s+with|get\s+(?:our|the)\s+(?:app|alerts|latest)|stay\s+(?:informed|updated"
    r"|connected)|never\s+miss)",
    _I,
)
_COOKIE_CUE = re.compile(
    r"\b(?:we\s+use|this\s+(?:web)?site|accept|consent|privacy|settings|policy|browsing"
    r"|preferences)\b",
    _I,
)
_COPYRIGHT = re.compile(
    r"^(?:copyright\s*(?:©|\(c\))?\s*\d{4}|©\s*\w|\(c\)\s*\d{4})|\ball\s+rights\s+reserved\b"
    r"|\bmay\s+not\s+be\s+(?:re)?published,?\s+broadcast",
    _I,
)
_PHOTO_COPYRIGHT = re.compile(r"^©\s*[\w.&' -]{1,40}/(?!.*rights\s+reserved)", _I)
_COPYRIGHT_ANY = re.compile(r"\bcopyright\s+(?:©\s*)?\d{4}\b|©\s*\d{4}", _I)
_COPYRIGHT_NAME = re.compile(
    r"(?:copyright|©)\s*(?:©|\(c\))?\s*(?:\d{4}\s*(?:[-–]\s*\d{4}\s*)?)?,?\s*"
    r"(?P<name>[A-Z][\w&'’.\-]*(?:\s+[A-Z&][\w&'’.\-]*){0,5})",
)
_ADVERT = re.compile(
    r"^(?:advertisement|advertising|sponsored(?:\s+content)?|ad|paid\s+(?:content|post)"
    r"|promoted(?:\s+content)?)(?:\s*[-–—:|]?\s*(?:continue\s+reading(?:\s+(?:the\s+main\s+story"
    r"|below))?|story\s+continues\s+below))?\s*[.:]?$"
    r"|^(?:the\s+)?(?:story|article)\s+continues\s+(?:below|after)\s+(?:this\s+)?(?:the\s+)?"
    r"(?:advertisement|ad)\s*[.:]?$|^continue\s+reading\s+(?:the\s+main\s+story|below)\s*[.:]?$",
    _I,
)
_CONTACT = re.compile(
    r"^(?:contact|e-?mail|write\s+to|send|reach|do\s+you\s+have|got\s+a|have\s+a|we\s+pay)\b"
    r"|\be-?mail\s+us\b|\bcontact\s+(?:us|the\s+(?:writer|author|reporter)s?)\b|\btips?@",
    _I,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
_PRINT_NOTE = re.compile(
    r"^order\s+reprints\b|\ba\s+version\s+of\s+this\s+article\s+(?:appears|appeared)\s+in\s+print",
    _I,
)
_UI = re.compile(
    r"^(?:remind\s+me\s+later|maybe\s+later|not\s+now|no,?\s+thanks|close|next|prev|previous"
    r"|continue\s+reading|load\s+more|show\s+more|see\s+more|view\s+more|loading|watch|replay"
    r"|skip|back\s+to\s+top|comments?|view\s+comments|show\s+comments|\d+\s+comments?"
    r"|now\s+playing|up\s+next|watch\s+next|video|watch\s+video|play\s+video|click\s+to\s+play"
    r"|scroll\s+(?:down\s+|below\s+)?(?:for|to\s+see|to\s+watch)\s+(?:the\s+)?(?:video|more"
    r"|photos?)|media\s+playback\s+is\s+unsupported\s+on\s+your\s+device|listen\s+to\s+(?:this\s+)?"
    r"(?:article|story)|\d+\s*(?:min|minute)s?\s+read|more-in|story\s+highlights"
    r"|top\s+deals|trending\s+right\s+now|print(?:\s+this\s+(?:article|page))?"
    r"|leave\s+a\s+(?:comment|reply)|join\s+the\s+(?:conversation|discussion)"
    r"|(?:show|view|read)\s+\d*\s*comments?)"
    r"\s*[.:!…]*$",
    _I,
)
_CLICK_HERE = re.compile(r"^(?:click|tap)\s+here\b", _I)
_TAGS = re.compile(r"^(?:tags?|topics?|filed\s+under|categories)\s*:\s*\S", _I)

# Related links --------------------------------------------------------------------------------
_RELATED_OPENER = re.compile(
    r"^(?:read\s+(?:also|more|next)|see\s+also|also\s+(?:read|see)|related(?:\s+(?:posts?"
    r"|articles?|stories|content|coverage|news|links|reading|topics|videos?))?|more\s+(?:on|from"
    r"|in)\b[^.!?]{0,50}|more\s+(?:stories|news|coverage|headlines)|more"
    r"|you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy|be\s+interested\s+in)|recommended(?:\s+"
    r"(?:for\s+you|stories|reading|articles))?|most\s+(?:read|popular|viewed|shared)\b[^.!?]{0,30}"
    r"|what\s+to\s+read\s+next|further\s+reading|(?:top|latest)\s+(?:stories|news|headlines)"
    r"|trending(?:\s+(?:now|stories))?|(?:editor'?s|our)\s+picks?|popular\s+(?:now|stories))"
    r"\s*[:\-–—|>»]*\s*$",
    _I,
)
_RELATED_LABEL = re.compile(
    r"^(?:read\s+(?:also|more|next)|see\s+also|also\s+read|related(?:\s+(?:stories|articles"
    r"|posts?|coverage|video))?|recommended)\s*(?::|\||»|>|–|—|-)\s*\S"
    r"|^(?:also\s+read|read\s+also)\s+(?-i:[A-Z‘'\"“])",
    _I,
)
_RELATED_BLOCK = re.compile(r"^most\s+(?:read|popular|viewed|shared)\s+in\s+\S", _I)
_RELATED_LABEL_WEAK = re.compile(r"^(?:more|watch|listen|video)\s*(?::|\||»|>)\s*\S", _I)
_READ_MORE_TAIL = re.compile(r"\bread\s+more\s*[»>…]*$", _I)
_READ_ORIGINAL = re.compile(r"^read\s+the\s+original\s+article\b", _I)
_BRACKETED = re.compile(r"^\[\s*(?:[^\[\]\s]+\s+){3,}[^\[\]]*[^\[\]\d\s]\s*\]$")  # 4+ words
_BRACKET_KEEP = re.compile(r"^\[\s*(?:editor|update|sic|correction|note)", _I)
_URL = re.compile(r"(?:https?://|www\.)\S+", _I)

# Captions and credits -------------------------------------------------------------------------
_AGENCY = (
    r"(?:Getty\s+Images|Getty|GETTY(?:\s+IMAGES)?|AP\s+Photo|AP|AFP|EPA|PA(?:\s+Wire)?|Reuters"
    r"|REUTERS|Rex\s+Features|REX|Shutterstock|Alamy|SWNS|Splash\s+News|Xinhua|Anadolu|TASS"
    r"|Sputnik|WireImage|Bloomberg|Associated\s+Press|Press\s+Association|dpa|DPA|EFE|ANSA|AAP)"
)
_CAPTION_START = re.compile(
    r"^(?:enlarge\s+this\s+image|toggle\s+caption|image\s+copyright|image\s+caption|media\s+"
    r"caption|hide\s+caption|caption\s*:|photos?\s*:|photograph\s*:|pictures?\s*:|pictured\s*:"
    r"|images?\s*:|illustration\s*:|gallery\s*:|view\s+(?:photos|gallery)|slideshow\s*\(\d+)",
    _I,
)
_CAPTION_ANY = re.compile(
    r"\b(?:toggle\s+caption|image\s+copyright|image\s+caption|media\s+caption|hide\s+caption"
    r"\s+\d+\s+of\s+\d+)\b",
    _I,
)
_CREDIT_ONLY = re.compile(
    r"^(?:\(?\s*(?:photo|image|picture|photograph|illustration)s?\s*(?:credit)?\s*[:/]\s*"
    r"[^.:]{1,80}\)?|\(?\s*(?:credits?|photo\s+credit|image\s+credit|source)\s*:\s*[^.:]{1,80}\)?)$",
    _I,
)
_CREDIT_TAIL = re.compile(
    r"(?:\b(?:credit|photo|photograph|image|picture|illustration|photographer|photo\s+credit"
    r"|image\s+credit|pictures?)\s*:\s*[^.:!?]{1,80}|\bvia\s+(?:getty\s+images|reuters|ap"
    r"|shutterstock|storyful))\s*\)?$",
    _I,
)
# "... in Los Angeles. Jane Doe/Getty Images": a sentence, then a photographer/agency credit.
_SLASH_TAIL = re.compile(
    r"[.!?]\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}\s?/\s?(?:[A-Z][\w.'’&-]*\s?){1,4}$"
)
_PAREN_TAIL = re.compile(r"\(([^()]{2,120})\)\s*$")
_PAREN_CREDIT = re.compile(
    rf"\b(?:[Pp]hoto|[Ii]mage|[Pp]icture|[Cc]redit|[Cc]ourtesy|[Ff]ile|{_AGENCY}|Invision|Storyful"
    r"|AAP|NurPhoto|SOPA|ZUMA|Sipa)\b|^[^,]*[A-Za-z]\s?/\s?[A-Z][^,]*$",
)
_AGENCY_LINE = re.compile(rf"^\(?{_AGENCY}\)?$")
_AGENCY_PREFIX = re.compile(
    rf"^(?:{_AGENCY}(?:\s*[-/•:|]\s*(?:Contributor|{_AGENCY}|Associated\s+Press))?"
    r"|[\w-]+\.(?:co\.uk|com))\s*[•:|-]?\s+[A-Z]"
)
_SLASH_CREDIT = re.compile(
    r"^\(?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*/\s*[A-Z][\w.'’&-]*(?:[\s/][A-Z][\w.'’&-]*)"
    r"{0,4}(?:,?\s+(?:via|for)\s+[A-Z][\w\s]{1,30})?(?:,\s*FILE)?\)?$"
)
_VIA_CREDIT = re.compile(rf"^[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,3}}\s+via\s+{_AGENCY}$")
_PHOTO_WORD = re.compile(r"^(?:photo|photos|image|images|picture|pictures|gallery)$", _I)
_SLUG = re.compile(r"^[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+){2,}(?:\.(?:jpe?g|png|gif|webp|avif))?$")
_IMAGE_FILE = re.compile(r"^\S+\.(?:jpe?g|png|gif|webp|avif|tiff?)$", _I)

# Social embeds and share widgets --------------------------------------------------------------
_SOCIAL = re.compile(
    r"pic\.twitter\.com/\w+|^a\s+post\s+shared\s+by\b|^(?:https?://)?t\.co/\S+$"
    r"|[—–-]\s*[^—–()\n]{1,60}\(@\w{1,30}\)\s*(?:on\s+)?[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}\s*$",
    _I,
)
_WIDGET_ANCHOR = re.compile(
    r"Skip\s+Ad|Skip\s+in\s+Skip|Ad\s+Loading|x\s+Embed|x\s+Share|(?:Save){2,}"
    r"|Full\s+Screen\s+Autoplay|Share\s+this\s+(?:article|story|video)"
    r"|(?:Facebook|Twitter|Pinterest|WhatsApp|LinkedIn|Reddit|Email|Messenger)\s+(?:Facebook"
    r"|Twitter|Pinterest|WhatsApp|LinkedIn|Reddit|Email|Messenger)\s+(?:Facebook|Twitter"
    r"|Pinterest|WhatsApp|LinkedIn|Reddit|Email|Messenger)"
)
_WIDGET_TOKEN = (
    r"(?:Skip\s+Ad|Skip\s+in\s+Skip|Ad\s+Loading\s*(?:\.{3}|…)|Loading\s*(?:\.{3}|…)|x\s+Embed"
    r"|x\s+Share|Embed|Share(?:\s+this(?:\s+(?:article|story|video))?)?|CLOSE|Close|×|Autoplay"
    r"|Full\s+Screen|(?:Save){2,}|Save|Facebook|Twitter|Pinterest|WhatsApp|LinkedIn|Reddit"
    r"|Messenger|Email|E-mail|Print|Copy\s+(?:link|URL)|Tweet|Replay|Next|Previous"
    r"|\d+\s+of\s+\d+)"
)
_WIDGET_RUN = re.compile(rf"(?<![\w.]){_WIDGET_TOKEN}(?:\s+{_WIDGET_TOKEN})*(?!\w)")
_GALLERY = re.compile(r"^\d+\s+of\s+\d+\b")
_SHARE_LINE = re.compile(r"^read\s+or\s+share\s+this\s+story\b|^share\s+(?:this|on)\b", _I)
_STORY_HIGHLIGHTS = re.compile(r"^Story highlights\s+(?=\S)")

# Bylines --------------------------------------------------------------------------------------
_NAME = r"[A-Z][\w.'’-]+"
_BYLINE = re.compile(
    rf"^(?:By|BY)\s+{_NAME}(?:\s+{_NAME}){{1,3}}(?:\s*(?:,|and|&)\s*{_NAME}(?:\s+{_NAME}){{0,3}})*"
    rf"(?:\s*[,|/–—-]\s*{_NAME}(?:\s+{_NAME}){{0,4}})?$"
    r"|^\(?(?:additional\s+)?(?:reporting|writing|editing)\s+by\s+[^()]{2,150}\)?$"
    r"|^[—–-]\s*with\s+assistance\s+(?:by|from)\s+[^.]{2,80}$",
)


# --- line model ----------------------------------------------------------------------------------


@dataclass
class _Line:
    """One non-blank line of the raw text; `start`/`end` bound its content without outer blanks."""

    start: int
    end: int
    text: str  # stripped content
    words: int
    key: str


@dataclass
class _Doc:
    """The raw text split into lines, and the decisions taken so far."""

    raw: str
    lines: dict[int, _Line]  # non-blank lines by line number
    order: list[int]  # line numbers of the non-blank lines, in text order
    bounds: list[tuple[int, int, int]]  # per line number: start, end (before "\n"), next start
    reasons: dict[int, str] = field(default_factory=dict)  # line number -> why it is cut
    inline: dict[int, list[tuple[int, int, str]]] = field(default_factory=dict)

    def after(self, pos: int) -> list[int]:
        """Line numbers of the non-blank lines after position `pos` of `order`."""
        return self.order[pos + 1 :]

    def kept(self, i: int) -> bool:
        return i not in self.reasons


def line_keys(text: str) -> set[str]:
    """The `line_key`s of a text's short lines: what an outlet's line counts are kept of (a
    line past `MAX_LINE_KEY` characters is prose, never boilerplate to learn)."""
    keys = (line_key(line) for line in text.splitlines() if line.strip())
    return {key for key in keys if key and len(key) <= MAX_LINE_KEY}


def strip_invisible(text: str) -> str:
    """The text without characters that print as nothing but split words (`_INVISIBLE`)."""
    return text.translate(_INVISIBLE)


MAX_LINE_KEY = 300


def line_key(line: str) -> str:
    """Normalised key of a line, so a line repeated across an outlet's articles is recognised.

    Case, spacing, typographic quotes and dashes, edge punctuation and numbers (years, counts)
    do not make two copies of a boilerplate line different.
    """
    s = line.translate(_QUOTE_MAP).lower()
    s = _DIGITS.sub("0", s)
    s = " ".join(s.split())
    start, end = 0, len(s)
    while start < end and not (s[start].isalnum()):
        start += 1
    while end > start and not (s[end - 1].isalnum()):
        end -= 1
    return s[start:end]


def _split(raw: str) -> _Doc:
    """Split on "\\n" only, so offsets stay simple ("\\r" stays with the line terminator)."""
    lines: dict[int, _Line] = {}
    bounds: list[tuple[int, int, int]] = []
    pos = 0
    n = len(raw)
    while True:
        nl = raw.find("\n", pos)
        end = n if nl < 0 else nl
        content_end = end - 1 if end > pos and raw[end - 1] == "\r" else end
        nxt = n if nl < 0 else nl + 1
        seg = raw[pos:content_end]
        stripped = seg.strip()
        if stripped:
            start = pos + len(seg) - len(seg.lstrip())
            lines[len(bounds)] = _Line(
                start, start + len(stripped), stripped, len(stripped.split()), line_key(stripped)
            )
        bounds.append((pos, content_end, nxt))
        if nl < 0:
            break
        pos = nxt
    return _Doc(raw, lines, sorted(lines), bounds)


def _is_sentence(line: _Line) -> bool:
    """A line that reads like story prose: several words ending in sentence punctuation."""
    return line.words >= 6 and bool(_ENDS_SENTENCE.search(line.text))


def _is_headline_like(line: _Line, max_words: int = MAX_TITLE_WORDS) -> bool:
    """Short and without terminal sentence punctuation (a question mark, or the ellipsis of a
    truncated headline, is allowed)."""
    if not 1 <= line.words <= max_words:
        return False
    return not _ENDS_HEADLINE_PUNCT.search(line.text) or bool(_ENDS_ELLIPSIS.search(line.text))


_ENDS_HEADLINE_PUNCT = re.compile(r"[.!…:;,][\"'”’)\]]*$")
_ENDS_ELLIPSIS = re.compile(r"\w(?:\.\.\.|…)[\"'”’]*$")


# --- per-line rules ------------------------------------------------------------------------------


def _appeal_like(text: str) -> bool:
    """Reads like an outlet talking to its readers about money or support (not a quote)."""
    if _QUOTED_START.match(text) or _REPORTING.search(text) or len(text.split()) > MAX_APPEAL_WORDS:
        return False
    if _APPEAL_IMPERATIVE.match(text) and len(text.split()) <= 25:
        return True
    return bool(_VOICE.search(text) and (_DONATION_CUE.search(text) or _APPEAL_TOPIC.search(text)))


def _strong_appeal(text: str) -> bool:
    """An appeal line: a donation cue in the outlet's voice, or an imperative ("Donate now")."""
    if (
        _QUOTED_START.match(text)
        or _REPORTING.search(text)
        or len(text.split()) > MAX_APPEAL_WORDS
        or not _DONATION_CUE.search(text)
    ):
        return False
    return bool(_VOICE.search(text) or _APPEAL_IMPERATIVE.match(text))


def _letters_ratio(text: str) -> float:
    return sum(c.isalpha() for c in text) / max(1, len(text))


def _has(low: str, keys: tuple[str, ...]) -> bool:
    """Whether the (usually lowercased) line contains one of the literal `keys`.

    Every scanning regex is guarded by such a check: substring tests run at C speed, so a story
    line pays a few microseconds instead of a pass of each regex over it.
    """
    return any(k in low for k in keys)


_K_SOCIAL = ("twitter.com", "(@", "post shared", "t.co/")
_K_COPYRIGHT = ("copyright", "©", "(c)", "rights reserved", "may not be")
_K_CORRECTION = ("correction", "clarification", "ctrl", "mistake", "typo", "error")
_K_SUBSCRIBE = (
    "newsletter",
    "sign up",
    "subscri",
    "inbox",
    "e-mail",
    "email",
    "digital access",
    "already a",
    "chat with",
    "download",
    "like us",
    "follow us",
    "join us",
    "reading",
    "free article",
    "reached your",
)
_K_CAPTION = ("caption", "image copyright")
_K_CREDIT_TAIL = ("credit", "photo", "image", "picture", "illustration", "via ")
_K_WIDGET = (
    "Skip",
    "Loading",
    "Embed",
    "x Share",
    "SaveSave",
    "Full Screen",
    "Share this",
    "Facebook",
    "Twitter",
    "Pinterest",
    "WhatsApp",
    "LinkedIn",
    "Reddit",
    "Messenger",
)
_K_URL = ("http", "www.")
_K_PRINT = ("reprints", "version of this article")


def _caption_reason(line: _Line, low: str) -> str | None:
    """Photo captions, credits and image file names, recognised by cue and shape."""
    t = line.text
    w = line.words
    if w == 1 and ((_SLUG.match(t) and _letters_ratio(t) >= 0.6) or _IMAGE_FILE.match(t)):
        return IMAGE_FILE
    if w <= 2 and _PHOTO_WORD.match(t.rstrip(".:")):
        return CAPTION
    if w <= 4 and _AGENCY_LINE.match(t):
        return CREDIT
    if w <= 8 and _CREDIT_ONLY.match(t):
        return CREDIT
    if w <= 10 and ((w >= 2 and _SLASH_CREDIT.match(t)) or _VIA_CREDIT.match(t)):
        return CREDIT
    if w <= 80 and _CAPTION_START.match(t):
        return CREDIT if w <= 6 and ":" in t[:14] else CAPTION
    if w <= 80 and _has(low, _K_CAPTION) and _CAPTION_ANY.search(t):
        return CAPTION
    if w <= 60 and (
        (_has(low, _K_CREDIT_TAIL) and _CREDIT_TAIL.search(t))
        or ("/" in t and _SLASH_TAIL.search(t))
    ):
        return CAPTION
    if w <= 50 and t.endswith(")"):
        m = _PAREN_TAIL.search(t)
        if m and _PAREN_CREDIT.search(m.group(1)) and not _REPORTING.search(m.group(1)):
            return CAPTION if m.start() > 0 else CREDIT
    if w <= 35 and _AGENCY_PREFIX.match(t) and not _ENDS_PUNCT.search(t):
        return CAPTION
    return None


def _classify(line: _Line) -> str | None:
    """The reason a line is boilerplate on its own (strong cues and shape), else None."""
    t = line.text
    w = line.words
    low = t.lower()
    reporting = (
        "said" in low or "says" in low or "told" in low or "tells" in low or "according" in low
    ) and bool(_REPORTING.search(t))
    if w <= 80 and _has(low, _K_SOCIAL) and _SOCIAL.search(t):
        return SOCIAL
    if _has(low, _K_COPYRIGHT) and (
        (w <= 60 and _COPYRIGHT.search(t)) or (w <= 30 and _COPYRIGHT_ANY.search(t))
    ):
        # "© Agency/ Photographer A rocket takes off...": a photo caption, not a notice
        return CAPTION if _PHOTO_COPYRIGHT.match(t) else COPYRIGHT
    if w <= 12 and _ADVERT.match(t):
        return ADVERT
    if w <= 45 and not reporting and _has(low, _K_CORRECTION) and _CORRECTION.search(t):
        return CORRECTION
    if (
        w <= 80
        and not reporting
        and "block" in low
        and _AD_BLOCKER.search(t)
        and (_VOICE.search(t) or "please" in low)
    ):
        return AD_BLOCKER
    if (w <= 12 and _UI.match(t)) or (w <= 80 and _has(low, _K_PRINT) and _PRINT_NOTE.search(t)):
        return UI_TEXT
    if w <= 25 and _CLICK_HERE.match(t):
        return UI_TEXT
    if w <= 30 and _TAGS.match(t) and not _ENDS_SENTENCE.search(t):
        return RELATED
    if w <= 80 and _SHARE_LINE.match(t) and (w <= 12 or _has(low, _K_URL)):
        return SHARE
    if _has(t, _K_WIDGET) and _WIDGET_ANCHOR.search(t):
        whole, _ = _inline_widgets(line)
        if whole:
            return whole  # a line of widget text only (spans inside story lines come later)
    if w <= 8 and _RELATED_OPENER.match(t):
        return RELATED
    if w <= 40 and (_RELATED_LABEL.match(t) or _READ_ORIGINAL.match(t)):
        return RELATED
    if _RELATED_BLOCK.match(t):
        return RELATED
    if w <= 30 and _RELATED_LABEL_WEAK.match(t) and not _ENDS_SENTENCE.search(t):
        return RELATED
    if w <= 25 and "read more" in low and _READ_MORE_TAIL.search(t):
        return RELATED
    if (
        3 <= w <= 30
        and _BRACKETED.match(t)
        and not _BRACKET_KEEP.match(t)
        and not t[1:-1].rstrip().endswith(".")
    ):
        return RELATED
    if not reporting:
        if w <= 15 and _SUBSCRIBE_START.match(t):
            return SUBSCRIPTION
        if w <= 300 and _has(low, _K_SUBSCRIBE):
            cues = len(_SUBSCRIBE_STRONG.findall(t))
            if cues >= 2 or (cues and w <= 80):
                return SUBSCRIPTION
        if w <= 60 and "cookie" in low and _COOKIE_CUE.search(t) and _VOICE.search(t):
            return COOKIE
        if w <= 40 and "@" in t and _EMAIL.search(t) and _CONTACT.search(t):
            return CONTACT
    reason = _caption_reason(line, low)
    if reason:
        return reason
    if w <= 12 and _has(low, _K_URL) and _URL.search(t):
        rest = _URL.sub("", t).strip()
        if len(rest.split()) <= 5 and not _ENDS_SENTENCE.search(rest):
            return RELATED
    if w <= 20 and _BYLINE.match(t):
        return BYLINE
    if w <= 40 and _APPEAL_IMPERATIVE.match(t) and _strong_appeal(t):
        return DONATION
    return None


def _inline_widgets(line: _Line) -> tuple[str | None, list[tuple[int, int, str]]]:
    """Share/ad widget text inside a line: a whole-line reason, or sub-line spans to cut.

    Offsets of the spans are relative to the stripped line.
    """
    t = line.text
    spans: list[tuple[int, int, str]] = []
    highlight = _STORY_HIGHLIGHTS.match(t)
    if highlight:
        spans.append((0, highlight.end(), UI_TEXT))
    widgets = 0  # widget runs on the line: three or more make it a video playlist
    for m in _WIDGET_RUN.finditer(t):
        if _WIDGET_ANCHOR.search(m.group(0)):
            widgets += 1
            spans.append((m.start(), m.end(), SHARE))
    if not spans:
        return None, []
    if spans[0][0] == 0 and spans[0][2] == SHARE and _GALLERY.match(t):
        return CAPTION, []  # a photo gallery: counter, controls and captions on one line
    kept_words = len(t.split()) - sum(len(t[s:e].split()) for s, e, _ in spans)
    if widgets >= 3 or kept_words < 3:
        return SHARE if widgets else UI_TEXT, []
    return None, spans


# --- the cleaner ---------------------------------------------------------------------------------


def clean_text(
    raw: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    repeated_lines: Collection[str] = (),
) -> CleanResult:
    """Cut boilerplate from a scraped article, recording each cut with its reason.

    `title`/`outlet` are known metadata: a later copy of the title is a repeated headline, a line
    that is just the outlet's name at the tail is a sign-off. `repeated_lines` holds `line_key`s
    seen in several earlier articles of the same outlet: such lines are boilerplate.
    """
    doc = _split(raw)
    if not doc.order:
        return CleanResult(text=raw)
    for i in doc.order:
        reason = _classify(doc.lines[i])
        if reason:
            doc.reasons[i] = reason
    _mark_slug_captions(doc)
    title_idx = _find_title(doc, title)
    found_title = doc.lines[title_idx].text if title_idx is not None else None
    _mark_repeated_headline(doc, title_idx, [title, found_title])
    recognised = _mark_appeal_block(doc, title_idx)
    _mark_tail_appeal(doc)
    signed = _mark_sign_off(doc, outlet, recognised)
    _mark_related_lists(doc)
    if repeated_lines:
        _mark_repeated(doc, title_idx, repeated_lines)
    _mark_inline(doc, title_idx)
    _mark_tail_link_list(doc)
    found_outlet = recognised or signed or _copyright_outlet(doc)
    if title_idx is not None and not doc.kept(title_idx):
        found_title = None  # the top line turned out to be part of a link list or a widget

    removed = _spans(doc)
    if not removed:
        return CleanResult(text=raw, removed=[], title=found_title, outlet=found_outlet)
    return CleanResult(text=_rebuild(doc), removed=removed, title=found_title, outlet=found_outlet)


def _find_title(doc: _Doc, known: str | None) -> int | None:
    """The first line left standing at the top, when it is shaped like a headline (or is the
    title known from metadata, whatever its shape)."""
    for pos, i in enumerate(doc.order):
        if not doc.kept(i):
            continue
        ln = doc.lines[i]
        if known and ln.key == line_key(known):
            return i
        if (
            ln.words >= 2
            and _is_headline_like(ln)
            and pos + 1 < len(doc.order)
            and not _STORY_HIGHLIGHTS.match(ln.text)
        ):
            return i
        return None
    return None


def _mark_repeated_headline(doc: _Doc, title_idx: int | None, titles: list[str | None]) -> None:
    """Any later copy of the headline (found at the top, or known from metadata)."""
    known = [t.strip() for t in titles if t]
    keys = {k for k in (line_key(t) for t in known) if len(k.split()) >= 2}
    if not keys:
        return
    for i in doc.order:
        ln = doc.lines[i]
        if i == title_idx or not doc.kept(i) or ln.key not in keys:
            continue
        # A copy that ends like a sentence is story prose that happens to match (a lead
        # paragraph used as a summary line), unless the headline itself is spelled that way.
        if _is_headline_like(ln, 40) or ln.text in known:
            doc.reasons[i] = REPEATED_HEADLINE


def _mark_slug_captions(doc: _Doc) -> None:
    """The caption line that repeats an image file name in words goes with the file name."""
    for pos, i in enumerate(doc.order):
        if doc.reasons.get(i) != IMAGE_FILE:
            continue
        words = re.sub(r"\.\w{2,4}$", "", doc.lines[i].text)
        words = line_key(re.sub(r"[-_]+", " ", words))
        for j in doc.after(pos)[:2]:
            key = doc.lines[j].key
            if doc.lines[j].words <= 60 and (key.startswith(words) or words.startswith(key)):
                if doc.reasons.get(j) in (None, CREDIT):
                    doc.reasons[j] = CAPTION
                break


def _mark_related_lists(doc: _Doc) -> None:
    """A bare "Read also:" / "Related Posts" opener takes the list of headlines below it.

    When nothing but cut lines follows the list (the tail), every short line of it is a link;
    mid-article only headline-shaped lines are, and the last of them stays when story prose
    follows (it is a subheading).
    """
    for pos, i in enumerate(doc.order):
        ln = doc.lines[i]
        if doc.reasons.get(i) != RELATED or not (ln.words <= 8 and _RELATED_OPENER.match(ln.text)):
            continue
        following = doc.after(pos)
        block: list[int] = []
        for j in following:
            if not doc.kept(j):
                break
            block.append(j)
        rest = following[len(block) :]
        at_tail = not any(doc.kept(j) for j in rest)
        if block and at_tail and _link_list([doc.lines[j] for j in block]):
            for j in block:
                doc.reasons[j] = RELATED
            continue
        run: list[int] = []
        for j in block:
            if not _is_headline_like(doc.lines[j], 25) or len(run) >= 10:
                break
            run.append(j)
        if run:
            nxt = next((j for j in following if j > run[-1]), None)
            if nxt is not None and doc.kept(nxt) and _is_sentence(doc.lines[nxt]):
                run.pop()
        for j in run:
            doc.reasons[j] = RELATED


def _link_list(block: list[_Line]) -> bool:
    """Lines closing a text below a link-list opener that read as headlines, not as story.

    Link titles may end in a full stop ("X happened. Then Y."), but they are short, carry no
    attribution ("said", "according to"), and at least one of them is shaped like a headline.
    """
    if len(block) > 12 or any(ln.words > 25 for ln in block):
        return False
    shaped = [_is_headline_like(ln, 25) for ln in block]
    if all(shaped):
        return True
    return (
        len(block) >= 2
        and any(shaped)
        and not any(
            _REPORTING.search(ln.text) for ln, ok in zip(block, shaped, strict=True) if not ok
        )
    )


# Lines already cut by a rule of their own that may sit inside or after an appeal block.
_ALONGSIDE_APPEAL = frozenset(
    {AD_BLOCKER, RELATED, SHARE, CORRECTION, COPYRIGHT, SOCIAL, COOKIE, CONTACT, ADVERT, SIGN_OFF}
)


def _mark_appeal_block(doc: _Doc, title_idx: int | None) -> str | None:
    """An opener ("Dear readers", "A Message from X:") followed by appeal text to the end.

    Returns the outlet named by the opener ("A Message from X:"), if any.
    """
    for pos, i in enumerate(doc.order):
        ln = doc.lines[i]
        if pos == 0 or i == title_idx or ln.words > 14:
            continue
        m = _APPEAL_OPENER.match(ln.text)
        if not m:
            continue
        body = [
            doc.lines[j].text for j in doc.after(pos) if doc.reasons.get(j) not in _ALONGSIDE_APPEAL
        ]
        prose = [t for t in body if not _APPEAL_OPENER.match(t)]
        if not prose or any(_REPORTING.search(t) for t in prose):
            continue  # story prose ("said", "according to") is never part of an appeal
        appeal = [_appeal_like(t) for t in prose]
        if any(
            not ok and _ENDS_SENTENCE.search(t) and len(t.split()) >= 6
            for t, ok in zip(prose, appeal, strict=True)
        ):
            continue
        strong = any(_strong_appeal(t) for t in prose)
        if strong and sum(appeal) >= 0.75 * len(prose):
            for j in [i, *doc.after(pos)]:
                if doc.reasons.get(j) not in _ALONGSIDE_APPEAL:
                    doc.reasons[j] = DONATION
            name = m.group("name")
            return name.strip() if name else None
    return None


def _mark_tail_appeal(doc: _Doc) -> None:
    """Appeal lines at the very end, without an opener.

    The run needs a donation cue in the reader-facing voice, and the outlet speaking as "we" or
    asking outright ("please", "Donate now").
    """
    run: list[int] = []
    for i in reversed(doc.order):
        if not doc.kept(i):
            if run:
                break
            continue
        if not _appeal_like(doc.lines[i].text):
            break
        run.append(i)
    texts = [doc.lines[i].text for i in run]
    if any(_strong_appeal(t) for t in texts) and any(
        _WE.search(t) or "please" in t.lower() or _APPEAL_IMPERATIVE.match(t) for t in texts
    ):
        for i in run:
            doc.reasons[i] = DONATION


def _is_name_line(ln: _Line) -> bool:
    """A short Title Case line without end punctuation: could be an outlet's name."""
    if not 1 <= ln.words <= 5 or _ENDS_PUNCT.search(ln.text):
        return False
    return all(
        w[:1].isupper() or w[:1].isdigit() or w.lower() in _NAME_SMALL_WORDS
        for w in ln.text.split()
    )


_NAME_SMALL_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "de", "la", "&", "-"})


def _mark_sign_off(doc: _Doc, outlet: str | None, recognised: str | None) -> str | None:
    """The outlet's name alone on a line at the tail; returns the name when it was inferred.

    Known names (metadata, an appeal's signature) match by key. Without one, a Title Case name
    line directly above a tail appeal or ad-blocker notice, or closing the text right below a
    footer (correction request, share widget...), is taken as the sign-off.
    """
    keys = {k.removeprefix("the ") for k in (line_key(x) for x in (outlet, recognised) if x)}
    keys.discard("")
    found: str | None = None
    later_removed = True  # every non-blank line below the current one is cut
    last = len(doc.order) - 1
    for pos in range(last, 0, -1):
        i = doc.order[pos]
        ln = doc.lines[i]
        reason = doc.reasons.get(i)
        if reason is None and later_removed and _is_name_line(ln):
            nxt = doc.order[pos + 1] if pos < last else None
            known_name = ln.key.removeprefix("the ") in keys
            above_appeal = nxt is not None and doc.reasons.get(nxt) in _APPEAL_REASONS
            below_footer = ln.words <= 4 and doc.reasons.get(doc.order[pos - 1]) in _FOOTER_REASONS
            if known_name or above_appeal or below_footer:
                doc.reasons[i] = SIGN_OFF
                found = found or ln.text
        elif reason == CREDIT and later_removed and _AGENCY_LINE.match(ln.text):
            doc.reasons[i] = SIGN_OFF  # "Reuters" closing the text: the wire's sign-off
        later_removed = later_removed and not doc.kept(i)
        if not later_removed and pos < last - 2:
            break
    return found


def _mark_repeated(doc: _Doc, title_idx: int | None, repeated_lines: Collection[str]) -> None:
    """Lines the outlet printed in several earlier articles.

    A repeated line that reads like story prose is only cut at the head or tail of the text: a
    re-published or updated story repeats its own sentences, and those must stay. When most of the
    text is repeated the article is a duplicate (dedup's job), and only non-prose lines go.
    """
    cands = {
        i
        for i in doc.order
        if doc.kept(i) and i != title_idx and doc.lines[i].key in repeated_lines
    }
    cands = {i for i in cands if doc.lines[i].key}
    if not cands:
        return
    total = sum(len(doc.lines[i].text) for i in doc.order)
    duplicate = sum(len(doc.lines[i].text) for i in cands) > 0.5 * total
    edge: set[int] = set()
    if not duplicate:
        for order in (doc.order, doc.order[::-1]):
            for i in order:
                if i == title_idx or not doc.kept(i):
                    continue
                if i not in cands:
                    break
                edge.add(i)
    for i in cands:
        if i in edge or not _is_sentence(doc.lines[i]):
            doc.reasons[i] = REPEATED


def _mark_inline(doc: _Doc, title_idx: int | None) -> None:
    """Share and ad widget text inside story lines (cut as sub-line spans)."""
    for i in doc.order:
        ln = doc.lines[i]
        if not doc.kept(i) or i == title_idx:
            continue
        if not ln.text.startswith("Story highlights") and not (
            _has(ln.text, _K_WIDGET) and _WIDGET_ANCHOR.search(ln.text)
        ):
            continue
        whole, spans = _inline_widgets(ln)
        if whole:
            doc.reasons[i] = whole
        elif spans:
            doc.inline[i] = [
                (*_widen(doc.raw, ln, ln.start + a, ln.start + b), r) for a, b, r in spans
            ]


def _mark_tail_link_list(doc: _Doc) -> None:
    """Headlines closing the text right below a link label or a video playlist are links too."""
    run: list[int] = []
    for i in reversed(doc.order):
        ln = doc.lines[i]
        if doc.kept(i):
            if not _is_headline_like(ln, 25) or ln.words < 4:
                return
            run.append(i)
        elif run:
            label = _RELATED_OPENER.match(ln.text) or _RELATED_LABEL.match(ln.text)
            if len(run) >= 2 and (doc.reasons[i] == SHARE or (doc.reasons[i] == RELATED and label)):
                for j in run:
                    doc.reasons[j] = RELATED
            return


def _widen(raw: str, ln: _Line, start: int, end: int) -> tuple[int, int]:
    """Take one side's spacing with an inline span, so the words around it stay one space apart."""
    if start > ln.start:
        while start > ln.start and raw[start - 1] in " \t":
            start -= 1
    else:
        while end < ln.end and raw[end] in " \t":
            end += 1
    return start, end


def _copyright_outlet(doc: _Doc) -> str | None:
    """The name in a "© 2024 X" / "Copyright 2024 X." notice."""
    for i in doc.order:
        if doc.reasons.get(i) != COPYRIGHT:
            continue
        m = _COPYRIGHT_NAME.search(doc.lines[i].text)
        if m:
            name = re.sub(r"\s+(?:All|Inc|Ltd|LLC)\b.*$", "", m.group("name"))
            name = name.strip(" .,")
            if name and name.lower() not in {"all", "the"}:
                return name
    return None


def _spans(doc: _Doc) -> list[Removed]:
    """Removed spans in text order; consecutive lines cut for one reason become one span."""
    out: list[Removed] = []
    cur: list[int | str] = []  # start, end, reason of the span being grown

    def flush() -> None:
        if cur:
            s, e, r = int(cur[0]), int(cur[1]), str(cur[2])
            out.append(Removed(s, e, doc.raw[s:e], r))
            cur.clear()

    for i in doc.order:
        ln = doc.lines[i]
        reason = doc.reasons.get(i)
        if reason is None:
            flush()
            for s, e, r in doc.inline.get(i, ()):
                out.append(Removed(s, e, doc.raw[s:e], r))
        elif cur and cur[2] == reason:
            cur[1] = ln.end
        else:
            flush()
            cur.extend([ln.start, ln.end, reason])
    flush()
    return out


def _rebuild(doc: _Doc) -> str:
    """The raw text minus cut lines and spans, for a text where something was cut.

    Runs of blank lines shrink to one (cuts leave gaps), blank lines at the start and end go, and
    the text ends with a line break iff the raw text did.
    """
    raw = doc.raw
    out: list[str] = []
    blank: str | None = None  # the first blank line waiting for the next kept line
    for i, (start, end, nxt) in enumerate(doc.bounds):
        if i not in doc.lines:
            blank = raw[start:nxt] if blank is None else blank
            continue
        if not doc.kept(i):
            continue
        content = raw[start:end]
        for s, e, _ in sorted(doc.inline.get(i, ()), reverse=True):
            content = content[: s - start] + content[e - start :]
        if out and blank is not None:
            out.append(blank)
        blank = None
        out.append(content + raw[end:nxt])
    text = "".join(out).rstrip("\r\n")
    if raw.endswith("\n"):
        text += "\r\n" if raw.endswith("\r\n") else "\n"
    return text
