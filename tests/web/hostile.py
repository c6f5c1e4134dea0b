#!/usr/bin/env python3
"""hostile.py OUTDIR — writes the hostile uploads of tests/web/hostile.sh:

  pages.pdf   2,000 pages sharing one content stream that inflates to
              2 MiB of text operators: 300 KB that keep pdftotext busy
              for minutes;
  cells.docx  200 KB whose word/document.xml unpacks to 60 MiB of table
              cells (a GiB of XML tree if parsed whole).
"""
import io
import sys
import zipfile
import zlib


def pdf(path, pages, mib):
    op = b"BT /F1 9 Tf 10 10 Td (xxgk) Tj ET\n"
    stream = zlib.compress(op * ((mib << 20) // len(op)), 9)
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
            + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    objs += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
             b"/Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>"] * pages
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    for o in offsets:
        out.write(b"%010d 00000 n \n" % o)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objs) + 1, xref))
    open(path, "wb").write(out.getvalue())


def docx(path, mib):
    cell = b"<w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>"
    row = b"<w:tr>" + cell * 100 + b"</w:tr>"
    doc = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           b'<w:document xmlns:w="http://schemas.openxmlformats.org/'
           b'wordprocessingml/2006/main"><w:body><w:tbl>'
           + row * ((mib << 20) // len(row)) + b"</w:tbl></w:body></w:document>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0"?><Types xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/content-types"/>')
        z.writestr("word/document.xml", doc)


pdf(sys.argv[1] + "/pages.pdf", 2000, 2)
docx(sys.argv[1] + "/cells.docx", 60)
