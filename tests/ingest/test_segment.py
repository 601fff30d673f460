"""Text cut into headings and paragraphs, boilerplate left out (kg.ingest.segment)."""

from __future__ import annotations

import pytest

from kg.ingest.segment import is_boilerplate, segment


def blocks_of(text: str) -> list[tuple[str, str]]:
    return [(text[b.start : b.end], b.kind.value) for b in segment(text)]


def test_segment_one_paragraph_per_line() -> None:
    text = (
        "Friday, January 4, 2019\n"
        "An apartment building collapsed on Monday in Magnitogorsk.\n"
        "Rescuers worked through the night.\n"
        "Reactions\n"
        "The president flew to the city.\n"
        "Share on Facebook\n"
        "42\n"
    )
    assert blocks_of(text) == [
        ("Friday, January 4, 2019", "heading"),
        ("An apartment building collapsed on Monday in Magnitogorsk.", "paragraph"),
        ("Rescuers worked through the night.", "paragraph"),
        ("Reactions", "heading"),
        ("The president flew to the city.", "paragraph"),
    ]


def test_segment_keeps_hard_wrapped_paragraphs_whole() -> None:
    text = (
        "Talks in Geneva\n\n"
        "The foreign ministers of France and Germany met in Geneva on\n"
        "Tuesday to discuss a ceasefire proposal. Officials said the\n"
        "proposal includes a monitoring mission led by the United\n"
        "Nations.\n"
    )
    assert blocks_of(text) == [
        ("Talks in Geneva", "heading"),
        (text[17:].strip(), "paragraph"),
    ]


def test_segment_headings_and_lists() -> None:
    text = (
        "What the deal says:\n\n"
        "- a ceasefire along the current line\n"
        "- prisoner exchanges within a month\n\n"
        "Who will pay?\n\n"
        "“We will see,” he said.\n\n"
        "Read more: Trump and Putin to meet\n"
    )
    assert blocks_of(text) == [
        ("What the deal says:", "paragraph"),
        ("- a ceasefire along the current line", "paragraph"),
        ("- prisoner exchanges within a month", "paragraph"),
        ("Who will pay?", "paragraph"),
        ("“We will see,” he said.", "paragraph"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Post a Comment",
        "Post a Comment (0)",
        "0 Comments",
        "Tags",
        "Tags: Ukraine, Russia",
        "Share this",
        "Share on Twitter",
        "Related",
        "Related Articles:",
        "Read more",
        "Advertisement",
        "3/related/default",
        "12",
        "Sources",
        "External links",
        "This article is licensed under the Creative Commons Attribution 2.5 License.",
        "© 2025 Example Media. All rights reserved.",
        "* * *",
    ],
)
def test_boilerplate(text: str) -> None:
    assert is_boilerplate(text)
    assert segment(f"The envoys met in Oslo.\n\n{text}\n") == segment("The envoys met in Oslo.")


@pytest.mark.parametrize(
    "text",
    [
        "Related talks in Oslo ended without agreement.",
        "Tags were attached to the evidence bags.",
        "Sources close to the Kremlin said the call went well.",
        "The 12 envoys met.",
        "Advertisement revenue fell sharply in Russia.",
    ],
)
def test_not_boilerplate(text: str) -> None:
    assert not is_boilerplate(text)
