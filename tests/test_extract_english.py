"""English news through the extractor: people with titles, every quote and its speaker,
datelines, dates and page furniture, on short wire-style and local-news snippets.

A wrong speaker is a wrong fact, so several cases check that the extractor gives None rather
than a guess (unnamed speakers, pronouns no one fits, scare quotes that are not speech).
"""

from __future__ import annotations

from warta.store.extract import extract
from warta.store.extract.english import is_english


def _people(out: dict) -> list[tuple[str, str | None, str | None]]:
    return [(p["name"], p["rank"], p["role"]) for p in out["people"]]


def _quotes(out: dict) -> list[tuple[str, str | None]]:
    for q in out["quotes"]:
        assert out["body"][q["start"] : q["end"]] == q["text"]
    return [(q["text"], q["speaker"]) for q in out["quotes"]]


def test_council_budget_titles_pronouns_and_scare_quote() -> None:
    out = extract(
        "City council approves new budget\n\n"
        "SPRINGFIELD, Reuters - The city council approved a $2 billion budget on Tuesday, "
        "March 5, 2024.\n\n"
        '"This budget protects our schools," said Mayor Jane Smith. She added: "We kept every '
        'promise."\n\n'
        'Councilman Bob Lee disagreed. "It is a mistake," he told reporters.\n\n'
        'According to Treasurer Ann Wu, the plan "balances the books".'
    )
    assert out["title"] == "City council approves new budget"
    assert (out["outlet"], out["dateline"], out["date"]) == ("Reuters", "SPRINGFIELD", "2024-03-05")
    assert _people(out) == [
        ("Jane Smith", None, "Mayor"),
        ("Bob Lee", None, "Councilman"),
        ("Ann Wu", None, "Treasurer"),
    ]
    # "he" is the person the previous sentence is about, not the earlier speaker; the final
    # period before the closing mark is not part of the quote; a scare quote is no quote.
    assert _quotes(out) == [
        ("This budget protects our schools", "Jane Smith"),
        ("We kept every promise", "Jane Smith"),
        ("It is a mistake", "Bob Lee"),
    ]


def test_wire_story_with_quote_before_and_after_attribution() -> None:
    out = extract(
        "Fed holds rates steady, signals cuts later this year\n\n"
        "WASHINGTON (AP) — The Federal Reserve left its key interest rate unchanged on "
        "Wednesday, March 20, 2024, but signaled it still expects three cuts this year.\n\n"
        '"We believe that our policy rate is likely at its peak for this tightening cycle," '
        "Fed Chair Jerome Powell told reporters after the meeting.\n\n"
        'Powell said inflation had eased "substantially" but remained above target. "We are '
        'prepared to maintain the current target range for longer, if appropriate," he said.\n\n'
        "Advertisement\n\n"
        "Sen. Elizabeth Warren, a frequent critic of the Fed, called the decision a mistake. "
        '"Families cannot wait any longer," she wrote on social media.\n\n'
        "Share this article"
    )
    assert (out["outlet"], out["dateline"], out["date"]) == ("AP", "WASHINGTON", "2024-03-20")
    assert _people(out) == [
        ("Jerome Powell", None, "Chair"),
        ("Elizabeth Warren", None, "Senator"),  # the title wins over the apposition
    ]
    assert _quotes(out) == [
        (
            "We believe that our policy rate is likely at its peak for this tightening cycle",
            "Jerome Powell",
        ),
        (
            "We are prepared to maintain the current target range for longer, if appropriate",
            "Jerome Powell",
        ),
        ("Families cannot wait any longer", "Elizabeth Warren"),
    ]
    assert out["junk"] == ["Advertisement", "Share this article"]


def test_local_news_byline_apposition_and_continued_quote() -> None:
    out = extract(
        "School board approves later start times\n\n"
        "By Maria Gonzalez\n\n"
        "SPRINGFIELD — Parents packed the Springfield school board meeting on Monday night as "
        "members voted 5-2 to push back high school start times.\n\n"
        '"Our kids are exhausted," said Karen Miller, a 42-year-old nurse whose two sons attend '
        'Central High. "This will change their lives."\n\n'
        "Board member Tom Ortiz voted against the plan. He said the district had not worked out "
        "bus schedules.\n\n"
        '"We are putting the cart before the horse," Ortiz said.\n\n'
        "Superintendent Linda Park said the new schedule would take effect in September. "
        '"We have heard the parents," she said.\n\n'
        "Sign up for our newsletter\n\n"
        "Follow us on Twitter @SpringfieldNews"
    )
    assert out["dateline"] == "SPRINGFIELD"
    assert out["date"] is None  # "Monday night" alone is not a date
    assert out["outlet"] is None
    assert _people(out) == [
        ("Karen Miller", None, "nurse"),
        ("Tom Ortiz", None, "board member"),
        ("Linda Park", None, "Superintendent"),
    ]
    assert _quotes(out) == [
        ("Our kids are exhausted", "Karen Miller"),
        ("This will change their lives", "Karen Miller"),  # her next quoted sentence
        ("We are putting the cart before the horse", "Tom Ortiz"),
        ("We have heard the parents", "Linda Park"),
    ]
    assert out["junk"] == [
        "By Maria Gonzalez",
        "Sign up for our newsletter",
        "Follow us on Twitter @SpringfieldNews",
    ]
    assert "Maria Gonzalez" not in out["body"]


def test_pronouns_switch_between_two_speakers() -> None:
    out = extract(
        "Rivals clash over stadium deal\n\n"
        "LONDON (Reuters) - Two city leaders traded barbs on 5 March 2024 over a proposed "
        "stadium.\n\n"
        'Mayor Sarah Collins defended the deal. "This stadium will bring thousands of jobs," '
        "she said.\n\n"
        'Councilman David Brooks was unconvinced. "It is a giveaway to billionaires," he said. '
        '"Taxpayers will foot the bill."\n\n'
        '"The numbers speak for themselves," she said.\n\n'
        'Brooks added: "We will fight this in court."'
    )
    assert (out["outlet"], out["dateline"], out["date"]) == ("Reuters", "LONDON", "2024-03-05")
    assert _people(out) == [("Sarah Collins", None, "Mayor"), ("David Brooks", None, "Councilman")]
    assert _quotes(out) == [
        ("This stadium will bring thousands of jobs", "Sarah Collins"),
        ("It is a giveaway to billionaires", "David Brooks"),
        ("Taxpayers will foot the bill", "David Brooks"),
        ("The numbers speak for themselves", "Sarah Collins"),  # "she": the only woman
        ("We will fight this in court", "David Brooks"),
    ]


def test_according_to_sheriff_and_an_unnamed_spokesman() -> None:
    out = extract(
        "Wildfire forces evacuations near Boulder\n\n"
        "A fast-moving wildfire forced hundreds of residents to flee their homes on Friday.\n\n"
        "According to Sheriff Joe Pelle, at least 370 homes had been destroyed. Officials said "
        "the fire was fueled by winds of up to 100 mph.\n\n"
        '"This is a disaster of the worst kind," Pelle said at a news conference.\n\n'
        "A spokesman for the fire department said crews were working through the night. "
        '"We have not been able to contain it," the spokesman said.\n\n'
        "Read more: How to prepare for wildfire season\n\n"
        "Related: Colorado's worst fires in history"
    )
    assert out["date"] is None  # a weekday alone
    assert _people(out) == [("Joe Pelle", None, "Sheriff")]
    assert _quotes(out) == [
        ("This is a disaster of the worst kind", "Joe Pelle"),
        ("We have not been able to contain it", None),  # the spokesman is never named
    ]
    assert out["junk"] == [
        "Read more: How to prepare for wildfire season",
        "Related: Colorado's worst fires in history",
    ]


def test_book_title_and_scare_quotes_are_not_quotes() -> None:
    out = extract(
        "Author's new memoir tops bestseller list\n\n"
        'NEW YORK, March 12, 2024 — Novelist Ann Patchett\'s new book "These Precious Days" '
        'topped the bestseller list this week, a month after critics called it a "quiet '
        'triumph".\n\n'
        "Patchett, who lives in Nashville, said she wrote the book during the pandemic. "
        '"I had no idea anyone would want to read it," she told The Associated Press.\n\n'
        'Her publisher described the sales as "remarkable".\n\n'
        "Click here to read an excerpt.\n\n"
        "Leave a Reply\n"
        "Your email address will not be published. Required fields are marked *\n"
        "Comment *\n"
        "Name *"
    )
    assert (out["dateline"], out["date"]) == ("NEW YORK", "2024-03-12")
    assert _people(out) == [("Ann Patchett", None, "novelist")]
    assert _quotes(out) == [("I had no idea anyone would want to read it", "Ann Patchett")]
    assert out["junk"] == [
        "Click here to read an excerpt.",
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
        "Comment *",
        "Name *",
    ]


def test_police_ranks_are_ranks_and_offices_are_roles() -> None:
    out = extract(
        "Man arrested after downtown stabbing\n\n"
        "Police arrested a 27-year-old man on Saturday, June 1, 2024, after a stabbing outside "
        "a downtown bar.\n\n"
        "Det. Sgt. Mark Evans said the victim, a 31-year-old man, was in stable condition. "
        '"The suspect was known to the victim," Evans said.\n\n'
        "Officer Lisa Chen, a department spokeswoman, said witnesses had helped identify the "
        'attacker. "Without their help we would still be looking for him," Chen said.\n\n'
        "Police said the investigation was continuing."
    )
    assert out["date"] == "2024-06-01"
    assert _people(out) == [
        ("Mark Evans", "Det. Sgt.", None),
        ("Lisa Chen", "Officer", "department spokeswoman"),
    ]
    assert _quotes(out) == [
        ("The suspect was known to the victim", "Mark Evans"),
        ("Without their help we would still be looking for him", "Lisa Chen"),
    ]


def test_pronoun_after_an_unnamed_speaker_is_not_guessed() -> None:
    out = extract(
        "Storm knocks out power to thousands\n\n"
        "Heavy rain and strong winds knocked out power to more than 20,000 homes on Tuesday.\n\n"
        '"Crews are working around the clock," said Pat Walsh, a spokesperson for the '
        "utility.\n\n"
        '"We expect most customers to have power back by the weekend," Walsh said. "Some rural '
        'areas may take longer."\n\n'
        "A resident said the storm was the worst she could remember. \"I've lived here forty "
        'years," she said.'
    )
    assert _people(out) == [("Pat Walsh", None, "spokesperson for the utility")]
    assert _quotes(out) == [
        ("Crews are working around the clock", "Pat Walsh"),
        ("We expect most customers to have power back by the weekend", "Pat Walsh"),
        ("Some rural areas may take longer", "Pat Walsh"),
        # "she" is the unnamed resident, though Pat Walsh's gender is unknown.
        ("I've lived here forty years", None),
    ]


def test_role_reference_and_attribution_in_the_next_paragraph() -> None:
    # A scraped wire story: the attribution lost its comma and landed in its own paragraph.
    out = extract(
        "According to Minister of Humanitarian Affairs Steve Mbikayi, 50 people died after a "
        "train derailed in Tanganyika province.\n\n"
        '"On behalf of the Government of the Republic, I offer my condolences to the families '
        'of the victims"\n\n'
        "the minister wrote."
    )
    assert _people(out) == [("Steve Mbikayi", None, "Minister of Humanitarian Affairs")]
    assert _quotes(out) == [
        (
            "On behalf of the Government of the Republic, I offer my condolences to the "
            "families of the victims",
            "Steve Mbikayi",
        )
    ]


def test_language_detection() -> None:
    assert is_english("The mayor said the council would vote on the plan next week.")
    assert not is_english(
        "Kapolsek Kisam Tinggi Iptu Arsyadi mengatakan bahwa patroli dilakukan di desa itu."
    )
    # An Indonesian article quoting English lyrics stays Indonesian.
    assert not is_english(
        "Lagu yang dinyanyikan oleh tiga diva itu berjudul Don't Call Me Angel dan sudah "
        "ditonton jutaan kali. Lirik: I know you want it, but it's not the time for that."
    )
