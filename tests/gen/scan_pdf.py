#!/usr/bin/env python3
"""scan_pdf.py OUT.pdf DPI PAGE.jpg... — a PDF of JPEG pages and nothing
else (no text layer), as a scanner writes one: each page's size is the
image's at DPI. Written by hand (DCTDecode streams) so that the test needs
no PDF writer (ImageMagick's is disabled by Debian's policy)."""
import struct
import sys


def jpeg_size(data):
    i = 2
    while i < len(data):
        marker, length = data[i + 1], struct.unpack(">H", data[i + 2:i + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            h, w = struct.unpack(">HH", data[i + 5:i + 9])
            return w, h, data[i + 9]
        i += 2 + length
    raise ValueError("no SOF marker")


def write_pdf(path, objs):
    """Writes objects 1..n (object 1 the catalogue) with their xref table."""
    buf, offs = bytearray(b"%PDF-1.4\n"), []
    for i, o in enumerate(objs, 1):
        offs.append(len(buf))
        buf += b"%d 0 obj\n%s\nendobj\n" % (i, o)
    xref = len(buf)
    buf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    buf += b"".join(b"%010d 00000 n \n" % o for o in offs)
    buf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    open(path, "wb").write(buf)


def main():
    out, dpi, pages = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", None]
    kids = []
    for p in pages:
        data = open(p, "rb").read()
        w, h, comps = jpeg_size(data)
        cs = b"/DeviceRGB" if comps == 3 else b"/DeviceGray"
        img = len(objs) + 1
        objs.append(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d "
                    b"/ColorSpace %s /BitsPerComponent 8 /Filter /DCTDecode "
                    b"/Length %d >>\nstream\n%s\nendstream" % (w, h, cs, len(data), data))
        pw, ph = w * 72 / dpi, h * 72 / dpi
        draw = b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % (pw, ph)
        objs.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(draw), draw))
        kids.append(len(objs) + 1)
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] "
                    b"/Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>"
                    % (pw, ph, img, img + 1))
    objs[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    write_pdf(out, objs)


if __name__ == "__main__":
    main()
