"""HTML reader: story text without page furniture, metadata, encodings, time limit.

Every page here is invented for the tests (people, outlets and places do not exist).
"""

from __future__ import annotations

import contextlib
import gzip
import signal
import threading
import time

import pytest

import newsgraph.ingest.html as html_module
from newsgraph.errors import InputError
from newsgraph.ingest.html import decode_html, extract_html

STORY = [
    "The harbour council of Wexbridge voted on Tuesday to close the old ferry pier after "
    "engineers found deep cracks in its concrete supports, ending a crossing that has run "
    "since the town was founded.",
    "Council leader Odile Brannock said the decision had been painful but unavoidable, and "
    "that a temporary shuttle boat would start from the fishing quay within three weeks.",
    "Residents of the island villages, who rely on the ferry to reach the hospital and the "
    "secondary school, told the meeting that the shuttle would be too small in winter.",
    "The engineers' report, seen by the council last month, estimates that repairing the pier "
    "would cost more than building a new landing stage on the northern breakwater.",
    "A public consultation on the new landing stage opens next week and runs until the end of "
    "the summer, the council said in a statement after the vote.",
]

ARTICLE_PAGE = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Wexbridge closes its ferry pier after 200 years | The Harbour Ledger</title>
<meta property="og:site_name" content="The Harbour Ledger">
<meta property="og:title" content="Wexbridge closes its ferry pier after 200 years">
<meta name="author" content="Mara Quill">
<meta property="article:published_time" content="2024-03-05T10:15:00+00:00">
<meta name="description" content="Engineers found deep cracks in the concrete supports">
</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/contact">Contact us</a></li></ul></nav>
<main>
<article>
<h1>Wexbridge closes its ferry pier after 200 years</h1>
<p class="byline">By Mara Quill</p>
<figure>
  <img src="/img/pier.jpg" alt="The pier">
  <figcaption>Gulls gather on the cracked ferry pier at low tide on Monday evening.
  Photo: Tobin Hale/Harbour Ledger</figcaption>
</figure>
<p>{STORY[0]}</p>
<p>{STORY[1]}</p>
<p>Credit: Tobin Hale / Coastline Pictures</p>
<p>{STORY[2]}</p>
<p>Related: Island school bus route cut back for the winter</p>
<p>{STORY[3]}</p>
<p>Getty Images</p>
<p>{STORY[4]}</p>
<p>Sign up for our morning newsletter to get the day's harbour news in your inbox.</p>
</article>
</main>
<footer><p>About us · Advertise · Privacy policy · Terms of use</p>
<p>© 2024 The Harbour Ledger. All rights reserved.</p></footer>
</body>
</html>
"""


def test_story_paragraphs_kept_and_captions_credits_dropped() -> None:
    result = extract_html(ARTICLE_PAGE, url="https://www.harbourledger.example/news/pier")

    for paragraph in STORY:
        assert paragraph in result.text
    for furniture in (
        "Gulls gather on the cracked ferry pier",  # figcaption
        "Tobin Hale",  # photo credits
        "Getty Images",
        "Island school bus route",  # related link
        "newsletter",
        "Privacy policy",  # footer
        "Sport",  # navigation
        "By Mara Quill",  # byline
    ):
        assert furniture not in result.text
    # the headline is metadata, not body text
    assert not result.text.startswith("Wexbridge closes")
    assert result.text.startswith(STORY[0][:40])


def test_removed_lines_carry_reasons() -> None:
    result = extract_html(ARTICLE_PAGE)

    reasons = {removed.text.strip(): removed.reason for removed in result.removed}
    assert reasons.get("Credit: Tobin Hale / Coastline Pictures") == "photo credit"
    assert reasons.get("Getty Images") == "photo credit"
    assert reasons.get("Related: Island school bus route cut back for the winter") == (
        "related links"
    )


def test_metadata_from_page() -> None:
    meta = extract_html(ARTICLE_PAGE, url="https://www.harbourledger.example/news/pier").meta

    assert meta.title == "Wexbridge closes its ferry pier after 200 years"
    assert meta.outlet == "The Harbour Ledger"
    assert meta.published == "2024-03-05"
    assert meta.authors == ["Mara Quill"]
    assert meta.language == "en"
    assert meta.url == "https://www.harbourledger.example/news/pier"


def test_outlet_falls_back_to_domain_and_language_to_a_guess() -> None:
    page = (
        "<html><head><title>Pier closes</title></head><body><article>"
        + "".join(f"<p>{p}</p>" for p in STORY)
        + "</article></body></html>"
    )
    meta = extract_html(page, url="https://www.harbourledger.example/news/pier").meta

    assert meta.outlet == "harbourledger.example"
    assert meta.language == "en"
    assert meta.published is None


def test_outlet_suffix_is_cut_from_the_title() -> None:
    page = (
        "<html><head><title>Quay plan approved - The Harbour Ledger</title>"
        '<meta property="og:site_name" content="The Harbour Ledger"></head><body><article>'
        + "".join(f"<p>{p}</p>" for p in STORY)
        + "</article></body></html>"
    )
    assert extract_html(page).meta.title == "Quay plan approved"


def test_page_without_article_text_is_rejected() -> None:
    page = (
        "<html><head><title>Menu</title></head><body>"
        "<nav><a href='/a'>Home</a> <a href='/b'>News</a> <a href='/c'>Weather</a></nav>"
        "<footer>© 2024 Example</footer></body></html>"
    )
    with pytest.raises(InputError, match=r"^no article text found in the HTML page$"):
        extract_html(page)
    with pytest.raises(InputError, match="no article text"):
        extract_html(b"")


def test_windows_1252_page_decodes_correctly() -> None:
    text = (
        "Café owner José Mendaro said the naïve plan to move the quay would cost €5 million, "
        "and that the “temporary” shuttle could not carry the island’s delivery vans."
    )
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        "<title>Quay plan</title></head><body><article>"
        f"<p>{text}</p>" + "".join(f"<p>{p}</p>" for p in STORY) + "</article></body></html>"
    ).encode("cp1252")

    result = extract_html(page)

    assert text in result.text
    assert "Ã" not in result.text  # no UTF-8 mojibake


def test_decoding_rules() -> None:
    # valid UTF-8 wins even when the page declares a single-byte charset
    assert decode_html('<meta charset="iso-8859-1"><p>Zoë</p>'.encode()) == (
        '<meta charset="iso-8859-1"><p>Zoë</p>'
    )
    # "iso-8859-1" means windows-1252, as in browsers: 0x80 is the euro sign
    assert decode_html(b'<meta charset="iso-8859-1"><p>\x80 5</p>').endswith("<p>€ 5</p>")
    assert decode_html(b"\xef\xbb\xbf<p>caf\xc3\xa9</p>") == "<p>café</p>"


def test_time_limit_turns_into_input_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def slow_extract(html: bytes | str, *, url: str | None) -> None:
        time.sleep(5)

    monkeypatch.setattr(html_module, "_extract", slow_extract)
    handler_before = signal.getsignal(signal.SIGALRM)
    began = time.monotonic()

    with pytest.raises(InputError, match=r"^HTML extraction took longer than 0.2 s$"):
        extract_html(ARTICLE_PAGE, timeout=0.2)

    assert time.monotonic() - began < 2
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # alarm disarmed
    assert signal.getsignal(signal.SIGALRM) is handler_before  # handler restored


def test_time_limit_is_not_swallowed_by_broad_except(monkeypatch: pytest.MonkeyPatch) -> None:
    def stubborn_extract(html: bytes | str, *, url: str | None) -> None:
        for _ in range(50):  # libraries often wrap steps in `except Exception`
            with contextlib.suppress(Exception):
                time.sleep(0.1)

    monkeypatch.setattr(html_module, "_extract", stubborn_extract)
    began = time.monotonic()
    with pytest.raises(InputError, match="took longer than"):
        extract_html("x", timeout=0.2)
    assert time.monotonic() - began < 2


def test_gzip_bytes_and_oversized_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    result = extract_html(gzip.compress(ARTICLE_PAGE.encode("utf-8")))
    assert STORY[0] in result.text

    monkeypatch.setattr(html_module, "MAX_HTML_BYTES", 1000)
    with pytest.raises(InputError, match="too large"):
        extract_html(ARTICLE_PAGE)
    with pytest.raises(InputError, match="too large"):  # no inflating a bomb past the limit
        extract_html(gzip.compress(b"<p>" + b"a" * 100_000 + b"</p>"))


def test_time_limit_default_message_and_no_limit_off_main_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def slow_extract(html: bytes | str, *, url: str | None) -> str:
        time.sleep(0.3)
        return "done"

    monkeypatch.setattr(html_module, "_extract", slow_extract)
    outcome: list[object] = []
    worker = threading.Thread(target=lambda: outcome.append(extract_html("x", timeout=0.05)))
    worker.start()
    worker.join()
    assert outcome == ["done"]  # signals cannot reach other threads: documented no-op

    def hang(html: bytes | str, *, url: str | None) -> None:
        raise html_module._Timeout

    monkeypatch.setattr(html_module, "_extract", hang)
    with pytest.raises(InputError, match=r"^HTML extraction took longer than 10 s$"):
        extract_html("x")


# --------------------------------------------------------------------------- extraction modes

P1 = "The council voted on Tuesday to close the old ferry pier after engineers found cracks."
P2 = "A temporary shuttle boat will start from the fishing quay within three weeks."
P3 = "Residents said the shuttle would be too small for the winter crossings."
LIST = ["- Boils a litre on a handful of twigs", "- Packs into its own cotton bag"]


def no_thread(lines: list[str]) -> set[str]:
    return set()


def word_count(text: str) -> int:
    return len(text.split())


def test_modes_fill_the_gaps_inside_the_precise_text_only() -> None:
    precise = f"{P1}\n{P3}"
    balanced = "\n".join(["Most read: storm closes the coast road", P1, *LIST, P3, "About us"])
    text = html_module._choose_text(precise, balanced, precise, word_count, no_thread)
    assert text.split("\n") == [P1, *LIST, P3]


def test_a_tiny_precise_text_gives_way_to_balanced_mode() -> None:
    balanced = f"{P1}\n{P2}\n{P3}"
    text = html_module._choose_text("Share this", balanced, balanced, word_count, no_thread)
    assert text == balanced


def test_a_mode_that_went_for_another_part_of_the_page_adds_nothing() -> None:
    precise = f"{P1}\n{P2}\n{P3}"
    other = f"{P1}\nCookie settings\n{P3}"  # lost P2: less than 90% of the precise text
    assert html_module._choose_text(precise, other, other, word_count, no_thread) == precise


def test_teasers_in_capitals_are_not_filled_in() -> None:
    precise = f"{P1}\n{P3}"
    balanced = f"{P1}\nSEAN VOS ELIMINATED FROM THE ISLAND DANCE CONTEST\n{P2}\n{P3}"
    text = html_module._choose_text(precise, balanced, precise, word_count, no_thread)
    assert text.split("\n") == [P1, P2, P3]


def forum_post(n: int, who: str, body: str, signature: str = "") -> str:
    return f"""<div id="p{n}" class="post bg{n % 2 + 1}"><div class="postbody">
<h3><a href="#p{n}">Re: Trailer axle</a></h3>
<p class="author">by <strong>{who}</strong> » Sat Mar 09, 2024</p>
<div class="content">{body}</div>{signature}</div>
<dl class="postprofile"><dt>{who}</dt><dd>Posts: 212</dd></dl>
<ul class="post-buttons"><li><a href="/q">Quote</a></li></ul></div><hr class="divider">"""


FORUM = (
    """<!DOCTYPE html><html lang="en"><head><title>Trailer axle - Harbour Tinkerers</title>
</head><body><div class="nav"><a href="/">Board index</a></div><h2>Trailer axle</h2>"""
    + forum_post(
        1,
        "marloweskiff",
        "I picked up an old galvanised trailer for my dinghy at a yard sale in Port Elvey. The "
        "frame is solid but the rollers are seized.<br><br>Has anyone replaced the axle?",
        '<div class="signature">Sailing the Elvey Sound since 1998</div>',
    )
    + forum_post(
        2,
        "Ilse_N",
        "I did exactly this two winters ago. A complete stub axle with new hubs costs less than "
        "hunting for bearings.",
    )
    + forum_post(
        3,
        "kessel_kees",
        "For the wiring, buy a sealed light board instead of rewiring the old lamps: salt water "
        "gets into every joint.",
    )
    + """<div class="footer">Powered by a forum engine · Privacy</div></body></html>"""
)


def test_every_post_of_a_thread_is_kept_and_signatures_go() -> None:
    text = extract_html(FORUM).text
    for post in ("I picked up an old galvanised trailer", "I did exactly this two winters",
                 "For the wiring, buy a sealed light board"):  # fmt: skip
        assert post in text
    assert "Sailing the Elvey Sound since 1998" not in text
    for furniture in ("Privacy", "Board index", "Quote", "Posts: 212", "Re: Trailer axle"):
        assert furniture not in text


def list_post(who: str, body: str) -> str:
    """A post as a list item, with its author's profile and a bar of action links."""
    return f"""<li class="message"><div class="message-user"><a href="/m/{who}">{who}</a>
<dl><dt>Messages</dt><dd>88</dd></dl></div><div class="message-main"><div class="message-body">
<p>{body}</p></div><div class="message-actions"><a href="#">Like</a> <a href="#">Quote</a>
<a href="#">Reply</a> <a href="#">Report</a></div></div></li>"""


def test_short_posts_under_a_bar_of_action_links_are_kept() -> None:
    # the links of each post's action bar made the short posts read as link blocks, and the
    # extractor left them out
    page = (
        """<!DOCTYPE html><html lang="en"><head><title>Skiff storage - Orrin Forum</title>
</head><body><nav><a href="/">Forums</a> <a href="/new">New posts</a></nav><main>
<h1>Winter storage for a wooden skiff</h1><ul class="message-list">"""
        + list_post(
            "tidewater",
            "My twelve-foot larch skiff has lived on a trailer under a tarp for three winters "
            "and the garboard seams opened up badly this spring. Should she go in upside down "
            "on trestles, or stay the right way up with the drain plug out?",
        )
        + list_post(
            "caulkandpitch",
            "Upside down on two padded trestles, with the weight on the gunwales near the "
            "frames rather than in the middle of the span, so rainwater cannot collect.",
        )
        + list_post("skerrylass", "Take the floorboards out before you turn her over.")
        + list_post("tidewater", "She is on the trestles now. I will report back in April.")
        + """</ul></main><footer>Terms · Privacy</footer></body></html>"""
    )
    text = extract_html(page).text
    for post in ("My twelve-foot larch skiff", "Upside down on two padded trestles",
                 "Take the floorboards out", "She is on the trestles now"):  # fmt: skip
        assert post in text
    for action in ("Like", "Quote", "Reply", "Report"):
        assert action not in text.split()


LISTING = (
    """<!DOCTYPE html><html lang="en"><head><title>Harbour | The Elvey Gazette</title></head>
<body><nav><a href="/news">News</a> <a href="/harbour">Harbour</a> <a href="/sport">Sport</a></nav>
<main><h1>Harbour</h1><section class="stream">"""
    + "".join(
        f"""<article class="teaser"><h2><a href="/h/{n}">{title}</a></h2>
<time datetime="2024-03-{day:02d}">{day} March 2024, 09:30</time><p>{summary}</p></article>"""
        for n, (title, day, summary) in enumerate(
            [
                (
                    "New ferry ramp passes its load tests",
                    12,
                    "Engineers drove two loaded lorries "
                    "onto the steel ramp on Monday; the terminal is due to open in June.",
                ),
                (
                    "Fishermen protest cuts to herring quota",
                    11,
                    "About forty boats blocked the "
                    "harbour mouth for an hour in protest at next year's quota.",
                ),
                (
                    "Island shuttle adds an evening crossing",
                    9,
                    "The shuttle boat will leave the "
                    "fishing quay at nine in the evening on weekdays from April.",
                ),
                (
                    "Volunteers repaint the north lighthouse",
                    7,
                    "A team of twelve spent three "
                    "weekends scraping and painting the tower before the storms.",
                ),
            ]
        )
    )
    + """</section></main><footer>© 2024 The Elvey Gazette · Privacy</footer></body></html>"""
)


def test_a_listing_keeps_its_items_headlines_and_dates() -> None:
    lines = extract_html(LISTING).text.split("\n")
    for headline, day in (("Fishermen protest cuts to herring quota", 11),
                          ("Volunteers repaint the north lighthouse", 7)):  # fmt: skip
        assert headline in lines
        assert f"{day} March 2024, 09:30" in lines
        assert lines.index(f"{day} March 2024, 09:30") == lines.index(headline) + 1


# --------------------------------------------------------------------------- publication date


def dated_page(meta_date: str, under_headline: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in STORY)
    return f"""<!DOCTYPE html><html lang="de"><head><title>Fähre | Elvey Bote</title>
<meta property="article:published_time" content="{meta_date}"></head>
<body><article><h1>Die Fähre fährt nicht mehr</h1><div class="meta">{under_headline}</div>
{paragraphs}</article></body></html>"""


def test_the_date_printed_under_the_headline_wins_over_the_metadata_timestamp() -> None:
    # the metadata says 23:30 UTC on the 11th; readers see the 12th, local time
    page = dated_page("2024-03-11T23:30:00+00:00", "Dienstag, 12.03.2024 - 00:30 Uhr")
    assert extract_html(page).meta.published == "2024-03-12"
    page = dated_page("2024-03-11T23:30:00+00:00", "Aktualisiert am 12. März 2024")
    assert extract_html(page).meta.published == "2024-03-12"


def test_other_lines_under_the_headline_leave_the_metadata_date() -> None:
    for line in (
        "Termin der Sitzung: 21.02.2024, 19 Uhr",  # a date the story is about
        "12.03.2021",  # three years older than the page: a date the story mentions
        "Von Mara Quill",
    ):
        assert extract_html(dated_page("2024-03-11", line)).meta.published == "2024-03-11"
