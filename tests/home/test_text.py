"""Plain text to stored paragraphs and back: what a member types survives edits."""

from home.text import html_to_text, text_paragraphs, text_to_html


def test_paragraphs_split_at_blank_lines_whatever_the_line_endings():
    typed = "First  line\r\ngoes on.\r\n\r\nSecond.\r\n \r\nThird."

    assert text_paragraphs(typed) == ["First line goes on.", "Second.", "Third."]
    assert text_to_html(typed) == (
        "<p>First line goes on.</p><p>Second.</p><p>Third.</p>"
    )


def test_a_text_round_trips_through_html_unchanged_however_often():
    typed = 'Tom & Jerry <said> "hello".\n\nIt\'s 5 > 3.'

    text = typed
    for _save in range(3):
        text = html_to_text(text_to_html(text))

    assert text == typed


def test_html_written_in_the_admin_reads_as_plain_paragraphs():
    source = "<p>One <b>bold</b> &amp; more</p><ul><li>a</li><li>b</li></ul>"

    assert html_to_text(source) == "One bold & more\n\na\n\nb"
