"""Image files for upload tests: ones full of metadata, odd ones Pillow opens, and
parsers that list what a stored file carries besides pixels, read from its bytes
(markers and chunks), not from Pillow's `.info`."""

import struct
import zlib
from io import BytesIO

from PIL import Image, ImageCms, ImageDraw, PngImagePlugin

SECRETS = [b"SpyCam", b"48.8566", b"SecretComment", b"SecretXMP", b"SecretIPTC"]
SRGB_PROFILE = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
XMP = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description '
    'photoshop:City="SecretXMP 48.8566N"/></rdf:RDF></x:xmpmeta>'
)


def picture(mode="RGB", size=(120, 90)):
    """Not a flat colour, so encoders keep real pixel data."""
    image = Image.new("RGB", size, "#1d5c63")
    ImageDraw.Draw(image).ellipse((10, 10, size[0] - 10, size[1] - 10), fill="#f2c14e")
    return image.convert(mode)


def gps_exif():
    exif = Image.Exif()
    exif[0x010F] = "SpyCam Inc."  # camera make
    exif[0x8825] = {1: "N", 2: (48.0, 51.0, 24.0), 3: "E", 4: (2.0, 21.0, 7.0)}
    return exif


def jpeg_segment(marker, payload):
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def jpeg_full_of_metadata():
    """COM, EXIF with GPS, ICC, XMP and IPTC (Photoshop APP13) in one JPEG."""
    buffer = BytesIO()
    picture().save(
        buffer,
        format="JPEG",
        exif=gps_exif(),
        icc_profile=SRGB_PROFILE,
        comment=b"SecretComment: office at 48.8566N 2.3522E",
    )
    data = buffer.getvalue()
    xmp = jpeg_segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + XMP.encode())
    iptc_record = b"\x1c\x02\x5a" + struct.pack(">H", 10) + b"SecretIPTC"  # City
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(iptc_record))
    iptc = jpeg_segment(0xED, b"Photoshop 3.0\x00" + resource + iptc_record)
    return data[:2] + xmp + iptc + data[2:]


def png_full_of_metadata(mode="RGB"):
    """iCCP, tEXt, zTXt, iTXt and eXIf in one PNG."""
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "SecretComment at 48.8566N")
    info.add_text("Location", "SecretComment zipped 48.8566N", zip=True)
    info.add_itxt("XML:com.adobe.xmp", XMP)
    buffer = BytesIO()
    picture(mode).save(
        buffer, format="PNG", pnginfo=info, icc_profile=SRGB_PROFILE, exif=gps_exif()
    )
    return buffer.getvalue()


def webp_full_of_metadata():
    """EXIF, XMP and ICCP chunks in one WebP."""
    buffer = BytesIO()
    picture().save(
        buffer, format="WEBP", exif=gps_exif(), xmp=XMP, icc_profile=SRGB_PROFILE
    )
    return buffer.getvalue()


def gif_with_comment(frames=1):
    pictures = [picture("P") for _ in range(frames)]
    for index, frame in enumerate(pictures):
        ImageDraw.Draw(frame).rectangle((index * 5, 0, index * 5 + 4, 4), fill=3)
    buffer = BytesIO()
    pictures[0].save(
        buffer,
        format="GIF",
        comment=b"SecretComment at 48.8566N",
        save_all=frames > 1,
        append_images=pictures[1:],
    )
    return buffer.getvalue()


FULL_OF_METADATA = {
    "jpeg": (jpeg_full_of_metadata, "photo.jpg"),
    "png": (png_full_of_metadata, "photo.png"),
    "webp": (webp_full_of_metadata, "photo.webp"),
    "gif": (gif_with_comment, "photo.gif"),
}


# --- odd files Pillow opens -------------------------------------------------------


def encoded(image, image_format, **options):
    buffer = BytesIO()
    image.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def animated(image_format, frames=3, size=(120, 90), **options):
    pictures = []
    for index in range(frames):
        frame = Image.new("RGB", size, "white")
        ImageDraw.Draw(frame).rectangle((index * 3, 0, index * 3 + 9, 9), fill="red")
        pictures.append(frame)
    return encoded(
        pictures[0],
        image_format,
        save_all=True,
        append_images=pictures[1:],
        **options,
    )


def png_chunk(kind, payload):
    body = kind + payload
    return struct.pack(">I", len(payload)) + body + struct.pack(">I", zlib.crc32(body))


def png_with_huge_iccp():
    """An iCCP chunk whose profile inflates far past Pillow's text-chunk limit."""
    data = encoded(picture(), "PNG")
    iccp = png_chunk(b"iCCP", b"huge\x00\x00" + zlib.compress(b"\x00" * 20_000_000))
    return data[:33] + iccp + data[33:]  # after the signature and IHDR


def sixteen_bit_grey_png():
    image = Image.new("I;16", (120, 90), 30000)
    ImageDraw.Draw(image).rectangle((10, 10, 50, 50), fill=60000)
    return encoded(image, "PNG")


def palette_png_with_transparency():
    image = picture("P")
    return encoded(image, "PNG", transparency=0)


def cmyk_jpeg(with_profile=False):
    options = {"icc_profile": SRGB_PROFILE} if with_profile else {}
    return encoded(picture("CMYK"), "JPEG", **options)


def truncated(data):
    return data[: len(data) * 2 // 3]


def riff_chunk(kind, payload):
    padding = b"\x00" if len(payload) & 1 else b""
    return kind + struct.pack("<I", len(payload)) + payload + padding


def u24(value):
    return struct.pack("<I", value)[:3]


def bomb_webp(frames=18, side=4000):
    """An animated WebP of about 900 bytes: 18 one-pixel frames on a 4000 × 4000
    canvas. Decoding composes every frame onto the whole canvas (64 MB each)."""
    tiny = encoded(Image.new("RGBA", (1, 1), "red"), "WEBP", lossless=True)
    frame = tiny[12:]  # its one VP8L chunk
    canvas = riff_chunk(b"VP8X", bytes([0b10010, 0, 0, 0]) + u24(side - 1) * 2)
    anim = riff_chunk(b"ANIM", b"\x00" * 4 + b"\x00\x00")
    anmf = b"".join(
        riff_chunk(
            b"ANMF", u24(index) + u24(0) + u24(0) + u24(0) + u24(100) + b"\x00" + frame
        )
        for index in range(frames)
    )
    body = b"WEBP" + canvas + anim + anmf
    return b"RIFF" + struct.pack("<I", len(body)) + body


# Pillow opens each of these; every upload path must answer with a message or a
# clean re-encode, never a server error. Name: (builder, uploaded file name).
ODD_IMAGES = {
    "apng": (lambda: animated("PNG"), "moving.png"),
    "animated webp": (lambda: animated("WEBP"), "moving.webp"),
    "animated gif": (lambda: animated("GIF"), "moving.gif"),
    "cmyk jpeg": (cmyk_jpeg, "print.jpg"),
    "cmyk jpeg with a profile": (lambda: cmyk_jpeg(with_profile=True), "print.jpg"),
    "16-bit grey png": (sixteen_bit_grey_png, "scan.png"),
    "palette png with transparency": (palette_png_with_transparency, "icon.png"),
    "grey png with alpha (LA)": (lambda: encoded(picture("LA"), "PNG"), "la.png"),
    "1-bit png": (lambda: encoded(picture("1"), "PNG"), "bw.png"),
    "webp with alpha": (lambda: encoded(picture("RGBA"), "WEBP"), "alpha.webp"),
    "grey jpeg": (lambda: encoded(picture("L"), "JPEG"), "grey.jpg"),
    "truncated jpeg": (lambda: truncated(encoded(picture(), "JPEG")), "cut.jpg"),
    "truncated png": (lambda: truncated(encoded(picture(), "PNG")), "cut.png"),
    "png with a huge iccp": (png_with_huge_iccp, "profile.png"),
    "animated webp bomb": (bomb_webp, "bomb.webp"),
    "html named as a png": (lambda: b"<html><script>alert(1)</script>", "x.png"),
}


# --- what a file carries ------------------------------------------------------------


def metadata_in(data):
    """Everything in an image file's bytes that is not pixels or their layout, as
    short descriptions; [] for a clean file."""
    if data[:2] == b"\xff\xd8":
        found = jpeg_metadata(data)
    elif data[:8] == b"\x89PNG\r\n\x1a\n":
        found = png_metadata(data)
    elif data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        found = webp_metadata(data)
    elif data[:4] == b"GIF8":
        found = gif_metadata(data)
    else:
        raise AssertionError(f"not an image format the site stores: {data[:12]!r}")
    return found + [f"text {secret!r}" for secret in SECRETS if secret in data]


def jpeg_metadata(data):
    found, index = [], 2
    while index < len(data):
        while data[index + 1] == 0xFF:  # fill bytes
            index += 1
        marker = data[index + 1]
        if marker in (0xD9, 0xDA):  # end, or the start of the compressed scan
            break
        length = struct.unpack(">H", data[index + 2 : index + 4])[0]
        payload = data[index + 4 : index + 2 + length]
        if marker == 0xFE:
            found.append("JPEG COM comment")
        elif marker == 0xE0 and not payload.startswith(b"JFIF\x00"):
            found.append("JPEG APP0 other than JFIF")
        elif 0xE1 <= marker <= 0xEF:
            found.append(f"JPEG APP{marker - 0xE0} {payload[:12]!r}")
        index += 2 + length
    return found


PNG_PIXEL_CHUNKS = {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}


def png_chunks(data):
    chunks, index = [], 8
    while index < len(data):
        length = struct.unpack(">I", data[index : index + 4])[0]
        chunks.append(data[index + 4 : index + 8])
        index += 12 + length
    return chunks


def png_metadata(data):
    return [
        f"PNG {kind.decode()} chunk"
        for kind in png_chunks(data)
        if kind not in PNG_PIXEL_CHUNKS
    ]


WEBP_PIXEL_CHUNKS = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH"}


def webp_metadata(data):
    found, index = [], 12
    while index < len(data):
        kind = data[index : index + 4]
        length = struct.unpack("<I", data[index + 4 : index + 8])[0]
        if kind not in WEBP_PIXEL_CHUNKS:
            found.append(f"WebP {kind.decode()} chunk")
        if kind == b"VP8X" and data[index + 8] & 0b00101110:
            found.append("WebP VP8X announces ICC, EXIF, XMP or animation")
        index += 8 + length + (length & 1)
    return found


def gif_metadata(data):
    """GIF comment and application (XMP and the like) extensions."""
    found = []
    if b"\x21\xfe" in data:
        found.append("GIF comment extension")
    if b"\x21\xff" in data:
        found.append("GIF application extension")
    return found


def frames_in(data):
    with Image.open(BytesIO(data)) as image:
        return getattr(image, "n_frames", 1)
