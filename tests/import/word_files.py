"""Types the contract templates of contracts.py into Word files, as an editor would:
with python-docx (styles Title, Heading 1, List Bullet, a table; the signature block as lines
and names apart by tabs), and with LibreOffice (HTML converted by `soffice --convert-to docx`;
the signature block as a table of lines and names).

    python3 word_files.py OUTDIR

writes OUTDIR/<region>-python-docx.docx and OUTDIR/<region>-libreoffice.docx, and
OUTDIR/udda.docx: a template with what Word has beyond text (content controls, legacy form
fields, a link, a numbered list, images, a text box, tracked changes, a comment, a merge field),
in that order, one per paragraph; and OUTDIR/handledaravtal.docx: blanks as other templates
write them (two on a line, boxes to tick, a row of empty cells under labels, a line under a
paragraph, a hint in brackets, a signature table).
"""
import html
import os
import re
import subprocess
import sys

import struct
import zlib

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt

from contracts import CONTRACTS


def runs(text):
    """(text, bold, italic) pieces of a text with **bold** and *italic*."""
    for piece in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
        if piece.startswith("**"):
            yield piece[2:-2], True, False
        elif piece.startswith("*") and len(piece) > 1:
            yield piece[1:-1], False, True
        elif piece:
            yield piece, False, False


def fill(paragraph, text):
    for piece, bold, italic in runs(text):
        run = paragraph.add_run(piece)
        run.bold = bold or None
        run.italic = italic or None


def line(char, length):
    return {"_": "_" * length, ".": "…" * (length // 3)}.get(char, "")


def with_python_docx(blocks, path):
    document = docx.Document()
    for block in blocks:
        kind, content = block[0], block[1]
        if kind == "title":
            fill(document.add_paragraph(style="Title"), content)
        elif kind == "h1":
            fill(document.add_paragraph(style="Heading 1"), content)
        elif kind == "p":
            fill(document.add_paragraph(), content)
        elif kind == "li":
            fill(document.add_paragraph(style="List Bullet"), content)
        elif kind == "table":
            table = document.add_table(rows=len(content), cols=len(content[0]))
            table.style = "Table Grid"
            for r, row in enumerate(content):
                for c, text in enumerate(row):
                    fill(table.cell(r, c).paragraphs[0], text)
        elif kind == "sig":
            for _ in range(3):
                document.add_paragraph()
            for row in content:
                rule = line(block[2], 30)
                if rule:
                    document.add_paragraph("\t\t".join([rule] * len(row)))
                names = document.add_paragraph("\t\t\t".join(row))
                names.paragraph_format.space_after = Pt(24)
    document.save(path)


def as_html(blocks):
    body = []
    title = ""
    inline = lambda text: "".join(
        ("<b>%s</b>" if b else "<i>%s</i>" if i else "%s") % html.escape(t) for t, b, i in runs(text)
    )
    in_list = False
    for block in blocks:
        kind, content = block[0], block[1]
        if kind != "li" and in_list:
            body.append("</ul>")
            in_list = False
        if kind == "title":
            title = content
            body.append("<h1>%s</h1>" % inline(content))
        elif kind == "h1":
            body.append("<h2>%s</h2>" % inline(content))
        elif kind == "p":
            body.append("<p>%s</p>" % inline(content))
        elif kind == "li":
            if not in_list:
                body.append("<ul>")
                in_list = True
            body.append("<li>%s</li>" % inline(content))
        elif kind == "table":
            # Blanks in a table are empty cells beside their labels.
            rows = []
            for row in content:
                cells = []
                for text in row:
                    label = re.sub(r"[_.…]{3,}", "", text)
                    cells.append("<td>%s</td>" % inline(label))
                    if label != text:
                        cells.append("<td></td>")
                while len(cells) < 3:
                    cells.insert(1 if len(cells) == 2 else 0, "<td></td>")
                rows.append("<tr>%s</tr>" % "".join(cells))
            body.append('<table border="1">%s</table>' % "".join(rows))
        elif kind == "sig":
            rows = []
            for row in content:
                rule = line(block[2], 24)
                if rule:
                    rows.append("<tr>%s</tr>" % "".join("<td>%s</td>" % rule for _ in row))
                rows.append("<tr>%s</tr>" % "".join("<td>%s</td>" % html.escape(n) for n in row))
            body.append("<table>%s</table>" % "".join(rows))
    if in_list:
        body.append("</ul>")
    return '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>%s</title></head><body>%s</body></html>' % (
        html.escape(title),
        "\n".join(body),
    )


def with_libreoffice(blocks, path, workdir):
    source = os.path.join(workdir, os.path.basename(path).replace(".docx", ".html"))
    with open(source, "w", encoding="utf-8") as f:
        f.write(as_html(blocks))
    profile = "-env:UserInstallation=file://" + os.path.join(workdir, "lo-profil")
    subprocess.run(
        ["soffice", profile, "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", os.path.dirname(path), source],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def png(path):
    """A 2×2 grey PNG."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + b"\x80\x80\x80" * 2 for _ in range(2))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


W = nsdecls("w")


def xml_paragraph(document, inner):
    paragraph = document.add_paragraph()
    for element in parse_xml("<w:p %s>%s</w:p>" % (W, inner)):
        paragraph._p.append(element)
    return paragraph


def odd(path, workdir):
    document = docx.Document()
    document.add_paragraph("Avtal med det udda", style="Title")
    # 2: content controls, a text and a date, each tagged and titled.
    xml_paragraph(document,
        '<w:r><w:t xml:space="preserve">Klinik: </w:t></w:r>'
        '<w:sdt><w:sdtPr><w:alias w:val="Klinikens namn"/><w:tag w:val="klinik"/><w:showingPlcHdr/></w:sdtPr>'
        '<w:sdtContent><w:r><w:t>Klicka här för att ange text.</w:t></w:r></w:sdtContent></w:sdt>'
        '<w:r><w:t xml:space="preserve"> från </w:t></w:r>'
        '<w:sdt><w:sdtPr><w:alias w:val="Startdatum"/><w:tag w:val="start"/><w:date><w:dateFormat w:val="yyyy-MM-dd"/></w:date></w:sdtPr>'
        '<w:sdtContent><w:r><w:t>Ange datum</w:t></w:r></w:sdtContent></w:sdt>')
    # 3: legacy form fields, a text field named by its help text and a checkbox.
    xml_paragraph(document,
        '<w:r><w:t xml:space="preserve">Handledare: </w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Text1"/><w:enabled/><w:textInput/></w:ffData></w:fldChar></w:r>'
        '<w:r><w:instrText xml:space="preserve"> FORMTEXT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:t>     </w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:r><w:t xml:space="preserve"> </w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Kryss1"/><w:statusText w:type="text" w:val="Utbildningsplanen är klar"/><w:checkBox><w:sizeAuto/><w:default w:val="0"/></w:checkBox></w:ffData></w:fldChar></w:r>'
        '<w:r><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:r><w:t xml:space="preserve"> Utbildningsplanen är klar</w:t></w:r>')
    # 4: a link.
    rel = document.part.relate_to("https://www.socialstyrelsen.se/", docx.opc.constants.RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    xml_paragraph(document,
        '<w:r><w:t xml:space="preserve">Läs mer hos </w:t></w:r>'
        '<w:hyperlink r:id="%s" %s><w:r><w:t>Socialstyrelsen</w:t></w:r></w:hyperlink><w:r><w:t>.</w:t></w:r>' % (rel, nsdecls("r")))
    # 5–6: a numbered list.
    document.add_paragraph("Första steget", style="List Number")
    document.add_paragraph("Andra steget", style="List Number")
    # 7: an image without alternative text; 8: one with.
    png(os.path.join(workdir, "bild.png"))
    document.add_paragraph().add_run().add_picture(os.path.join(workdir, "bild.png"))
    document.add_paragraph().add_run().add_picture(os.path.join(workdir, "bild.png"))
    document.inline_shapes[1]._inline.docPr.set("descr", "Regionens logotyp")
    # 9: a text box.
    xml_paragraph(document,
        '<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent><w:p><w:r><w:t>Viktigt att veta</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>')
    # 10: tracked changes, an insertion and a deletion.
    xml_paragraph(document,
        '<w:r><w:t xml:space="preserve">Studietid </w:t></w:r>'
        '<w:ins w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r><w:t xml:space="preserve">fyra </w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r><w:delText xml:space="preserve">tre </w:delText></w:r></w:del>'
        '<w:r><w:t>timmar per vecka.</w:t></w:r>')
    # 11: a comment.
    commented = document.add_paragraph()
    run = commented.add_run("Bedömningen görs två gånger per år.")
    document.add_comment(run, text="Stämmer detta?", author="Granskare")
    # 12: a merge field.
    xml_paragraph(document,
        '<w:r><w:t xml:space="preserve">Hej </w:t></w:r><w:fldSimple w:instr=" MERGEFIELD Förnamn "><w:r><w:t>«Förnamn»</w:t></w:r></w:fldSimple>')
    # 13: a personnummer asked for.
    document.add_paragraph("Personnummer: ____________")
    document.save(path)


def supervision(path):
    document = docx.Document()
    document.add_paragraph("Handledaravtal", style="Title")
    document.add_paragraph("Namn: ________________  Datum: ________________")
    document.add_paragraph("Ort och datum ____________")
    document.add_paragraph("Personnr: __________")
    document.add_paragraph("Har ST-läkaren handledarutbildning? ☐ Ja ☐ Nej")
    table = document.add_table(rows=2, cols=3)
    table.style = "Table Grid"
    for column, label in enumerate(["Namn", "Telefon", "E-post"]):
        table.cell(0, column).text = label
    document.add_paragraph("Övriga överenskommelser:")
    document.add_paragraph("_" * 48)
    document.add_paragraph("Datum (ÅÅÅÅ-MM-DD): __________")
    signatures = document.add_table(rows=2, cols=2)
    for column, signer in enumerate(["Handledare", "ST-läkare"]):
        signatures.cell(0, column).text = "_" * 24
        signatures.cell(1, column).text = signer
    document.save(path)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for region, blocks in CONTRACTS.items():
        with_python_docx(blocks, os.path.join(out, region + "-python-docx.docx"))
        with_libreoffice(blocks, os.path.join(out, region + "-libreoffice.docx"), out)
    odd(os.path.join(out, "udda.docx"), out)
    supervision(os.path.join(out, "handledaravtal.docx"))


if __name__ == "__main__":
    main()
