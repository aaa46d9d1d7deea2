"""A minimal PDF writer for the demo's documents: one or more pages of plain text in
Helvetica. Enough for a real PDF reader to open; not a general PDF library."""


def _escape(text):
    return (
        text.replace("\\", "\\\\")
        .replace("(", "\\(")
        .replace(")", "\\)")
        .encode("latin-1", "replace")
        .decode("latin-1")
    )


def _wrap(paragraph, width=88):
    words, line, lines = paragraph.split(), "", []
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return lines


def make_pdf(title, paragraphs, lines_per_page=48):
    """Return the bytes of a PDF with the title in bold and the paragraphs below."""
    lines = [("title", title), ("text", "")]
    for paragraph in paragraphs:
        lines.extend(("text", line) for line in _wrap(paragraph))
        lines.append(("text", ""))
    pages = [
        lines[start : start + lines_per_page]
        for start in range(0, len(lines), lines_per_page)
    ]

    objects = []  # object bodies, numbered from 1

    def add(body):
        objects.append(body)
        return len(objects)

    catalog = add(None)
    pages_obj = add(None)
    regular = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    bold = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>")
    page_ids = []
    for page_lines in pages:
        commands = ["BT", "72 760 Td", "14 TL"]
        for style, text in page_lines:
            font = "/F2 14" if style == "title" else "/F1 10"
            commands.append(f"{font} Tf ({_escape(text)}) ' ")
        commands.append("ET")
        stream = "\n".join(commands).encode("latin-1")
        content = add(
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
        )
        page_ids.append(
            add(
                (
                    f"<< /Type /Page /Parent {pages_obj} 0 R "
                    "/MediaBox [0 0 612 792] "
                    f"/Resources << /Font << /F1 {regular} 0 R /F2 {bold} 0 R >> >> "
                    f"/Contents {content} 0 R >>"
                ).encode()
            )
        )
    kids = " ".join(f"{number} 0 R" for number in page_ids)
    objects[pages_obj - 1] = (
        f"<< /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >>".encode()
    )
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_obj} 0 R >>".encode()

    output = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(output)
    output += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        output += f"{offset:010d} 00000 n \n".encode()
    output += (
        f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(output)
