"""Regular expressions: the resolution patterns (matched against a lower-cased, normalised
expression) and the detection patterns (original-case text)."""

from __future__ import annotations

import re

from newsgraph.lexicon.numbers import NUMBER_WORDS
from newsgraph.lexicon.timex import HOLIDAYS, MONTHS, VAGUE_COUNTS, WEEKDAYS

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?"
_WD = r"(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?"
_DAYNUM = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEARNUM = r"(?P<year>1\d{3}|2[01]\d{2})"
PART_OF_DAY = r"(?:morning|afternoon|evening|night|midday|lunchtime)"
_NUM = (
    r"(?P<num>\d+|"
    + "|".join(re.escape(w) for w in sorted([*NUMBER_WORDS, *VAGUE_COUNTS], key=len, reverse=True))
    + r")"
)
_UNIT = (
    r"(?P<unit>seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|"
    r"years?|decades?|centuries|century)"
)
_YEAR_REF = (
    r"(?:(?P<qyear>\d{4})|"
    r"(?P<yrel>this|last|next|the|that|the same|the previous|the following) year)"
)

SPACE_RE = re.compile(r"\s+")
CLOCK_RE = re.compile(
    r"\b(?:at |around |about |by |from |until )?(?:\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)"
    r"(?=\W|$)|\d{1,2}:\d{2}|noon|midnight)"
    r"(?:\s*\(?(?:gmt|utc|bst|cet|cest|est|edt|pst|pdt|cst|cdt|et|pt|local time)\)?)?"
    r"(?: (?:local time|\w+ time))?"
)
PREP_RE = re.compile(
    r"^(?P<prep>on|in|at|during|since|for|over|within|throughout|by|until|till|from|before|"
    r"after|as of|around|about|of|through) (?P<rest>.+)$"
)
EDGE_PUNCT = " ,.;:!?()[]\"'`-–—"

DEICTIC_RE = re.compile(
    r"^(?:(?:earlier|later|early|late) )?(?P<word>today|tonight|yesterday|tomorrow|"
    r"this (?:morning|afternoon|evening)|last night|the day before yesterday|"
    r"the day after tomorrow)(?: " + PART_OF_DAY + r")?$"
)
DEICTIC_OFFSETS: dict[str, int] = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "yesterday": -1, "last night": -1, "tomorrow": 1, "the day before yesterday": -2,
    "the day after tomorrow": 2,
}  # fmt: skip
ANAPHORA_RE = re.compile(
    r"^(?:(?:later|earlier) )?(?P<what>(?:the|that) same (?:day|" + PART_OF_DAY[3:-1] + r")|"
    r"that (?:day|"
    + PART_OF_DAY[3:-1]
    + r")|(?:the )?(?:next|following) (?:day|"
    + PART_OF_DAY[3:-1]
    + r")|the (?:previous|preceding) (?:day|"
    + PART_OF_DAY[3:-1]
    + r")|"
    r"the (?:day|night) before|the day after|the eve|"
    r"in the (?:day|" + PART_OF_DAY[3:-1] + r"))$"  # "later in the day"
)
# "just days after": an unnamed few units before (or after) the moment of the clause.
FEW_UNITS_RE = re.compile(
    r"^(?:just |only |mere |barely |within |some )?(?:a few |several )?"
    r"(?P<unit>hours|days|weeks|months) (?P<dir>after|before|later|earlier)$"
)
# Sets: "every Monday", "each year", "twice a week", "on Mondays", "every two weeks".
SET_RE = re.compile(
    r"^(?:(?:every|each) (?:other |single )?(?:\w+ )?(?:day|night|week|weekend|month|quarter|"
    r"year|morning|afternoon|evening|hour|(?:mon|tues|wednes|thurs|fri|satur|sun)day)s?|"
    r"(?:once|twice|three times|four times|\d+ times|several times) (?:a|an|per|every|each) "
    r"(?:day|week|month|quarter|year|hour)|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)days|"
    r"per (?:day|week|month|year))$"
)
# Times named but never placed: "at a later date", "an earlier stage".
UNDATED_RE = re.compile(r"^(?:a|an|some) (?:later|earlier|future|unspecified|unknown) "
                        r"(?:time|date|stage|point)$")  # fmt: skip
UNSPECIFIED_PERIOD_RE = re.compile(
    r"^(?:a|an) (?:undetermined|unspecified|indefinite|undisclosed|unknown|unlimited) "
    r"(?:period|length|amount)(?: of time)?$"
)
HOLIDAY_SEASON_RE = re.compile(
    r"^(?:the )?(?:christmas|easter|new year|holiday)(?: and new year(?:'s)?)? "
    r"(?:(?:sales|shopping|holidays?|trading) )?"
    r"(?:season|period|rush|break|sales|shopping|holidays|trading)$"
)
HOLIDAY_TEXT_RE = re.compile(r"(?:the )?(?:christmas|easter|new year(?:'s)?)", re.IGNORECASE)
# The same, in running text: a holiday that names the season around it ("Christmas sales").
HOLIDAY_SEASON_AFTER_RE = re.compile(
    r"(?:\s+and\s+New\s+Year(?:'s)?)?\s+(?:sales|shopping|holidays?|season|trading|rush|break)"
    r"(?:\s+(?:season|period|rush))?\b",
    re.IGNORECASE,
)
# A clock time on its own ("10 a.m.", "14:30 GMT", "noon"): its day is the one in context.
CLOCK_ONLY_RE = re.compile(
    r"^(?:at |around |about |by |from |until |before |after )?(?:\d{1,2}(?::\d{2})?\s*"
    r"(?:a\.?m\.?|p\.?m\.?)|\d{1,2}[:.]\d{2}|noon|midnight|midday)"
    r"(?:\s*\(?(?:gmt|utc|bst|cet|cest|est|edt|pst|pdt|cst|cdt|et|pt)\)?)?"
    r"(?: (?:local time|\w+ time))?$"
)
SHIFTED_RE = re.compile(
    r"^" + _NUM + r" " + _UNIT + r" (?P<dir>later|earlier|after|before|afterwards?|on|prior)$"
)
FOLLOWING_RE = re.compile(
    r"^(?:the (?P<dir>following|previous|preceding|prior|same)|that) "
    r"(?P<unit>week|month|quarter|year)$|"
    r"^(?:the |a )?(?P<unit2>week|month|quarter|year)[ -](?P<dir2>before|after|earlier|later|ago)"
    r"(?: (?:period|quarter|level|levels|figure|figures|month|week))?$|"
    r"^(?:the same (?:period|quarter|month|week|time|day|date) |this time )"
    r"(?P<dir3>a year (?:ago|earlier|before)|last year|of last year|of the last year|"
    r"of the previous year|the previous year|the year before)$"
)
RANGE_RE = re.compile(
    r"^(?:between (?P<a1>.+?) and (?P<b1>.+)|(?P<a2>.+?) ?(?: to | through | until | till | and "
    r"| or |-|–) ?(?P<b2>.+))$"
)
WEEKDAY_RE = re.compile(
    r"^(?:(?P<rel>last|next|this coming|this past|this|coming|past|previous|the following|"
    r"the previous|the next|the last) )?" + _WD + r"(?: " + PART_OF_DAY + r")?$"
)
ISO_DATE_RE = re.compile(r"^(?P<year>\d{4})[-/](?P<month>\d{1,2})[-/](?P<day>\d{1,2})$")
NUMERIC_DATE_RE = re.compile(
    r"^(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{2}|\d{4})$"
)
ISO_MONTH_RE = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})$")
ISO_WEEK_RE = re.compile(r"^(?P<year>\d{4})-?w(?P<week>\d{1,2})$")
WEEK_NUM_RE = re.compile(r"^(?:the )?week (?P<week>\d{1,2})(?:,? (?:of )?(?P<year>\d{4}))?$")
DAY_MONTH_RE = re.compile(
    r"^(?:"
    + _WD
    + r",? )?(?:the )?"
    + _DAYNUM
    + r" (?:of )?"
    + _MONTH
    + r"(?:,? "
    + _YEARNUM
    + r")?$"
)
MONTH_DAY_RE = re.compile(
    r"^(?:" + _WD + r",? )?" + _MONTH + r" (?:the )?" + _DAYNUM + r"(?:,? " + _YEARNUM + r")?$"
)
MONTH_YEAR_RE = re.compile(r"^(?:the month of )?" + _MONTH + r",? (?:of )?" + _YEARNUM + r"$")
MONTH_REL_YEAR_RE = re.compile(
    r"^(?:(?P<day>\d{1,2})(?:st|nd|rd|th)? )?(?:the month of )?"
    + _MONTH
    + r"(?: (?P<day2>\d{1,2})(?:st|nd|rd|th)?)?,? (?:of )?(?P<rel>last|next|this) year$"
)
PART_OF_RE = re.compile(
    r"^the (?P<edge>first|last|final|opening|closing) (?:(?P<num>\d+|"
    + "|".join(w for w in NUMBER_WORDS if " " not in w)
    + r") )?(?P<unit>days?|weeks?|months?|quarters?) of (?P<rest>.+)$"
)
PERIOD_TO_RE = re.compile(
    r"^(?:the )?(?:(?P<num>\d+|"
    + "|".join(w for w in NUMBER_WORDS if " " not in w)
    + r") )?(?P<unit>days?|weeks?|months?|quarters?|years?) (?:to|ending|ended) (?P<rest>.+)$"
)
MONTH_ONLY_RE = re.compile(
    r"^(?:(?P<rel>last|next|this|this past|this coming|the month of|the) )?" + _MONTH + r"$"
)
DAY_RANGE_RE = re.compile(
    r"^(?:" + _MONTH + r" (?P<d1>\d{1,2})(?:st|nd|rd|th)?\s*(?:-|–|to|through|and)\s*"
    r"(?P<d2>\d{1,2})(?:st|nd|rd|th)?|(?P<e1>\d{1,2})(?:st|nd|rd|th)?\s*(?:-|–|to|and)\s*"
    r"(?P<e2>\d{1,2})(?:st|nd|rd|th)? (?P<month2>[a-z]+)\.?)(?:,? " + _YEARNUM + r")?$"
)
YEAR_RE = re.compile(r"^(?:the )?(?:(?:calendar )?year )?" + _YEARNUM + r"$")
YEAR_RANGE_RE = re.compile(
    r"^(?P<y1>1\d{3}|2[01]\d{2})\s*(?:-|–|/|to|through)\s*(?P<y2>\d{4}|\d{2})$"
)
DECADE_RE = re.compile(r"^(?:the )?(?:(?P<century>1\d|20)|')?(?P<decade>\d)0'?s$")
QUARTER_RE = re.compile(
    r"^(?:the )?(?:(?P<year1>\d{4}) )?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|"
    r"last|past|previous|current|this|next|coming)[- ](?:fiscal |calendar )?quarter"
    r"(?:,? (?:of )?(?:fiscal )?" + _YEAR_REF + r")?$"
)
QUARTER_CODE_RE = re.compile(
    r"^(?:(?P<year1>\d{4})[- ]?)?q(?P<q>[1-4])(?:[ ,-]+(?:(?P<year>\d{4})|'?(?P<yy>\d{2})))?$"
)
HALF_RE = re.compile(
    r"^(?:the )?(?:(?P<ord>first|second|1st|2nd) half|h(?P<h>[12]))(?:,? (?:of )?"
    + _YEAR_REF
    + r")?$"
)
SEASON_RE = re.compile(
    r"^(?:(?P<rel>this|last|next|the|past|coming|this past|this coming) )?"
    r"(?P<season>spring|summer|autumn|fall|winter)(?:,? (?:of )?(?P<year>\d{4}))?$"
)
CAL_UNIT_RE = re.compile(
    r"^(?P<the>the )?(?:(?P<rel>last|next|this|past|previous|coming|current|following|same|"
    r"present) )?(?P<unit>week|weekend|month|year|decade|quarter)$"
)
MODIFIER_RE = re.compile(
    r"^(?:the )?(?:very )?(?P<mod>earlier|later|early|mid|middle|late|beginning|start|end|"
    r"turn|close|rest|remainder|balance|first days|last days)(?:-| in | of | )(?P<rest>.+)$"
)
RECENT_RE = re.compile(
    r"^(?:the )?(?P<dir>recent|coming|upcoming|next few|coming few) "
    r"(?P<unit>days|weeks|months|years)$"
)
AGO_RE = re.compile(
    r"^(?:about |some |nearly |almost |more than |over |just )?" + _NUM + r" " + _UNIT + r" ago$"
)
FROM_NOW_RE = re.compile(r"^" + _NUM + r" " + _UNIT + r"(?: from now|'s time| hence)$")
DURATION_RE = re.compile(
    r"^(?:(?P<the>the|a|an) )?(?:(?P<dir>past|last|previous|next|coming|first|following|"
    r"another|an additional|additional) )?"
    r"(?:(?:more than|over|nearly|almost|about|around|some|roughly|approximately|at least|"
    r"up to|just|only|less than|under|fewer than|close to) )?"
    + _NUM
    + r"[ -]"
    + _UNIT
    + r"(?:[ -]long| or so)?$"
)
BARE_UNITS_RE = re.compile(
    r"^(?:(?:the )?(?P<dir>past|last|next|coming) )?(?P<unit>hours|days|weeks|months|years|"
    r"decades|centuries)(?:[ -]long)?$"
)
FISCAL_RE = re.compile(
    r"^(?:the )?(?:(?P<rel>this|last|next|current|previous|past|coming) )?(?:financial|fiscal) "
    r"year(?: (?P<year>\d{4}))?$|^(?:fiscal|fy) ?(?:year )?(?P<year2>\d{4})$"
)
HOLIDAY_RE = re.compile(
    r"^(?:(?P<rel>last|next|this) )?(?P<name>"
    + "|".join(re.escape(h) for h in HOLIDAYS)
    + r")(?:,? (?P<year>\d{4}))?$"
)
ABSOLUTE_HINT_RE = re.compile(
    r"\b(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b|\b(?:1\d|20)\d{2}\b"
)
YEAR_HINT_RE = re.compile(r"\b(?:1\d|20)\d{2}\b")
DAY_ONLY_RE = re.compile(r"\d{1,2}(?:st|nd|rd|th)?")
MONTH_TAIL_RE = re.compile(r"\b(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b.*$")

# Detection (original-case text).
_NUMERIC_DATE_CUE = (
    r"\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{4}[-/]\d{1,2}[-/]\d{1,2}\b|\b\d{1,2}[.-]\d{1,2}[.-]\d{4}\b"
)
AGE_RE = re.compile(
    r"\b\d+[- ](?:years?|months?)[- ]old\b|\bage(?:d| of)\b|\byears? of age\b|\byear-olds?\b",
    re.IGNORECASE,
)
TEMPORAL_CUE_RE = re.compile(
    r"\b(?:" + "|".join(sorted([*MONTHS, *WEEKDAYS], key=len, reverse=True)) + r")\b|"
    r"\b(?:days?|weeks?|weekends?|fortnights?|months?|quarters?|years?|decades?|centur(?:y|ies)|"
    r"hours?|minutes?|seconds|nights?|mornings?|afternoons?|evenings?|today|tonight|yesterday|"
    r"tomorrow|now|currently|recently|soon|spring|summer|autumn|fall|winter|christmas|"
    r"annual|annually|daily|weekly|monthly|quarterly|yearly|hourly|nightly|eve|"
    r"past|future|present|lately|nowadays|q[1-4]|h[12])\b|"
    r"\b(?:1\d|20)\d{2}s?\b|'\d0s|\b\d0s\b|" + _NUMERIC_DATE_CUE + r"|\b\d{4}-w\d{2}\b|"
    r"\b\d{1,2}(?::\d{2})?\s?(?:a\.m\b\.?|p\.m\b\.?|am\b|pm\b)|\b\d{1,2}:\d{2}\b|\bnoon\b|"
    r"\bmidnight\b|\b(?:later|earlier) (?:time|date|stage|point)\b|\bperiod of time\b|"
    r"\bindefinite(?:ly)? period\b|\blater\b|\bearlier\b",
    re.IGNORECASE,
)
CLOCK_ONLY_TEXT_RE = re.compile(
    r"\d{1,2}(?::\d{2})?\s?(?:a\.m\b\.?|p\.m\b\.?|am\b|pm\b)|\b\d{1,2}:\d{2}\b|\bnoon\b|"
    r"\bmidnight\b|\b(?:later|earlier) in the (?:day|morning|afternoon|evening|night)\b",
    re.IGNORECASE,
)
CLOCK_OR_HOURS_RE = re.compile(
    r"\d{1,2}(?::\d{2})?\s?(?:a\.m\b|p\.m\b|am\b|pm\b)|\b\d{1,2}:\d{2}\b|\bnoon\b|"
    r"\bmidnight\b|\b(?:hours?|minutes?|seconds)\b|"
    r"\b(?:later|earlier) in the (?:day|morning|afternoon|evening|night)\b",
    re.IGNORECASE,
)
# A count-less unit followed by its direction: "just days" + "after", widened to the right.
FEW_UNITS_TEXT_RE = re.compile(
    r"(?:(?:just|only|mere|barely|within|some|a few|several) )*(?:hours|days|weeks|months)",
    re.IGNORECASE,
)
# A span of hours is a time of something only as such: "for three hours", "48 hours later";
# "75 hours of playback" measures a thing.
HOURS_AS_TIME_RE = re.compile(
    r"(?:\b(?:for|in|within|over|during|after|before|about|some|nearly|almost|than)\s+)$"
)
HOURS_AFTER_RE = re.compile(r"\s+(?:ago|later|earlier|long|before|after)\b")
DIRECTION_AFTER_RE = re.compile(r"[ \t]+(?:after|before|later|earlier)\b", re.IGNORECASE)
# Set words that, modifying a noun, say what the thing is, not when something happens: "the
# annual conference", "a daily newspaper".
SET_ADJECTIVES = frozenset(
    "annual daily weekly monthly quarterly yearly hourly nightly biannual biennial".split()
)
TIME_DATE_PART_RE = re.compile(
    r"\b(?:" + "|".join(sorted([*MONTHS, *WEEKDAYS], key=len, reverse=True)) + r")\b|"
    r"\b(?:today|tonight|yesterday|tomorrow|this (?:morning|afternoon|evening)|last night|"
    r"overnight)\b|" + _NUMERIC_DATE_CUE,
    re.IGNORECASE,
)
EXTRA_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(
        r"\b(?:[Aa]|[Aa]n|[Ss]ome) (?:later|earlier|future) (?:time|date|stage|point)\b|"
        r"\b(?:[Aa]|[Aa]n) (?:undetermined|unspecified|indefinite|undisclosed|unknown|unlimited) "
        r"(?:period|length|amount)(?: of time)?\b"
    ),
    re.compile(
        r"\b(?:[Ee]very|[Ee]ach) (?:other )?(?:(?:two|three|four|few|\d+) )?(?:day|night|week|"
        r"weekend|month|quarter|year|morning|evening|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)s?"
        r"\b|\b(?:once|twice|three times|\d+ times) (?:a|per) (?:day|week|month|year)\b|"
        r"\b[Oo]n (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days\b"
    ),
    re.compile(
        r"\b\d{1,2}(?::\d{2})?\s?(?:a\.m\.|p\.m\.|am\b|pm\b)|\b\d{1,2}:\d{2}\b"
        r"(?:\s?(?:GMT|UTC|BST|CET|EST|EDT|PST|PDT|ET|local time))?|\b(?:noon|midnight)\b"
    ),
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    re.compile(r"\b\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b"),
    re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{4}\b"),
    re.compile(r"\b\d{4}-W\d{2}\b"),
    re.compile(r"\b[Ww]eek \d{1,2}(?: of \d{4})?\b"),
    re.compile(r"\bQ[1-4](?:\s+\d{4})?\b"),
    re.compile(r"\bH[12]\s+\d{4}\b"),
    re.compile(
        r"\b(?:(?:[Ee]arlier|[Ll]ater) (?:this|last|next) (?:week|month|year)|"
        r"(?:[Ee]arlier|[Ll]ater) in the (?:week|month|year))\b"
    ),
    re.compile(r"\b(?:[Ii]n )?(?:recent|the coming) (?:days|weeks|months|years)\b"),
    re.compile(r"\b(?:[Tt]oday|[Tt]onight|[Yy]esterday|[Tt]omorrow)\b"),
    re.compile(
        r"\b(?:(?:[Ll]ast|[Nn]ext|[Tt]his) )?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
        r"(?: (?:morning|afternoon|evening|night))?\b"
    ),
    re.compile(
        r"\b(?:[Rr]ecently|[Cc]urrently|[Nn]owadays|[Aa]t present|[Ii]n the (?:near )?future|"
        r"[Mm]ore recently|[Uu]ntil recently|[Ss]oon)\b"
    ),
)
NAME_LABELS = frozenset(("ORG", "PERSON", "WORK_OF_ART", "PRODUCT", "FAC", "LAW", "EVENT"))
MERGE_GAP_RE = re.compile(r"[ \t]*\Z")
COMMA_GAP_RE = re.compile(r"[ \t]*,[ \t]*\Z")
SPLIT_RE = re.compile(r"[ \t]*(?:\n|,|;)[ \t]*")
UNIT_START_RE = re.compile(
    r"(?:week|weekend|month|year|quarter|decade|"
    + "|".join(sorted([*MONTHS, *WEEKDAYS], key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
LEFT_DETERMINER_RE = re.compile(
    r"\b(?:this|last|next|past|coming|previous|current|that|the same|the following)[ \t]+$",
    re.IGNORECASE,
)
YEAR_ONLY_RE = re.compile(r"^\d{4}$")
WEEKDAY_END_RE = re.compile(r"\b" + _WEEKDAY + r"$", re.IGNORECASE)
DATE_START_RE = re.compile(
    r"(?:the )?\d|(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
LEFT_MODIFIER_RE = re.compile(
    r"\b(?:(?:the )?(?:very )?(?:beginning|start|end|middle|close|turn) of|(?:earlier|later) in|"
    r"earlier|later|early|late|mid-?)\s*$",
    re.IGNORECASE,
)
MONTH_END_RE = re.compile(
    r"\b(?:"
    + "|".join(sorted(MONTHS, key=len, reverse=True))
    + r")\.?(?: \d{1,2}(?:st|nd|rd|th)?)?$",
    re.IGNORECASE,
)
TIME_SIGNALS = frozenset(
    ["on", "since", "until", "till", "from", "last", "next", "this", "every", "before", "after",
     "during", "early", "late"]
)  # fmt: skip
SAME_AS_RE = re.compile(r"[ \t]+as\b")
PART_OF_DAY_WORD_RE = re.compile(PART_OF_DAY, re.IGNORECASE)
DAY_NUMBER_LEFT_RE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?(?: of)?[ \t]+$", re.IGNORECASE)
MONTH_ONLY_TEXT_RE = re.compile(
    r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?", re.IGNORECASE
)


_TOLD_FROM_LEAD_RE = re.compile(
    r"^(?:(?:on|by|from|since|until|till|early|late|earlier|later|overnight)\s+)+"
)


def told_from_the_day(text: str) -> bool:
    """A time told from the day of writing ("yesterday", "on Tuesday", "last night"): which
    calendar day it names depends on the writer's time zone, so it may be a day off another
    outlet's date for the same moment."""
    words = " ".join(text.lower().split()).strip(EDGE_PUNCT)
    words = _TOLD_FROM_LEAD_RE.sub("", words)
    return bool(DEICTIC_RE.match(words) or WEEKDAY_RE.match(words))
