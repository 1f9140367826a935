"""Uploaded images made safe to publish, and smaller copies of them for smaller screens.

What a camera or phone writes into a photo besides the picture (EXIF, with where it was taken
and the camera's serial number; XMP; comments) is removed before the file is stored: a source
photographed at home is not located by its photo. The colour profile stays (it changes how the
picture looks, and says nothing of anyone). A photo the camera marked as turned is turned
upright first, since that mark goes too.

Renditions: WebP copies of an image at the widths in WIDTHS narrower than it, beside it in the
media folder (`quay.jpg`, `quay-768w.webp`…), for the theme's `srcset`: a phone loads a copy
of its own size, not the camera's. The featured image is offered with them, and so is each
image of the site's own in a post's or page's text (`with_copies`, when it is shown).
"""

import re
from collections.abc import Callable
from html import escape, unescape
from io import BytesIO
from pathlib import PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import unquote

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.db.models.fields.files import FieldFile

if TYPE_CHECKING:
    from PIL import Image

# The largest upload taken: a 50-megapixel phone photo or a 45-megapixel camera's. Decoding
# one takes a few bytes a pixel (250 MB at this size); a small file can name far more pixels.
MOST_PIXELS = 50_000_000
WIDTHS = (480, 768, 1024, 1536)  # a phone, a tablet, the column at 1x and at 2x
RENDITION_QUALITY = 80
COLUMN = "(min-width: 46rem) 44rem, 100vw"  # how wide the theme shows a full-width image
_IMG = re.compile(r"<img\b[^>]*>", re.I)
_ATTRIBUTE = re.compile(r'\s([a-zA-Z-]+)="([^"]*)"')

ORIENTATION = 0x0112  # EXIF's "turn me" tag
QUALITY = 90  # for a picture that must be encoded again (turned, or WebP)
# Per format, what saving it takes besides the picture: empty metadata where Pillow would
# carry the original's over.
_SAVE = {
    "JPEG": {"comment": b"", "optimize": True},
    "PNG": {"optimize": True},
    "WEBP": {"exif": b"", "xmp": b"", "quality": QUALITY, "method": 4},
}


# A JPEG's segments that say how to show its picture: JFIF's (APP0, not JFXX's thumbnail) and
# Adobe's colour transform (APP14); APP2 only as the colour profile (ICC_PROFILE), not as the
# index of images appended after it (MPF), which go. Everything else before the picture (APP1's
# EXIF and XMP with their thumbnails, APP13's IPTC, the makers' own, comments) is the camera's.
_KEPT_APP = {0xE0: b"JFIF\0", 0xEE: b"Adobe", 0xE2: b"ICC_PROFILE\0"}
_NO_LENGTH = {0x01, *range(0xD0, 0xD8)}  # TEM and RSTn: markers without a segment


def jpeg_without_metadata(data: bytes) -> bytes | None:
    """A JPEG's bytes with only the segments that make its picture, unchanged (no decoding, no
    loss), ending at its picture's end: images appended after it (a phone's depth map or gain
    map, with their own data) go too. None for what is not a well-formed JPEG."""
    if not data.startswith(b"\xff\xd8"):
        return None
    out, at, end = [b"\xff\xd8"], 2, len(data)
    while at < end:
        if data[at] != 0xFF:
            return None
        while at < end and data[at] == 0xFF:  # fill bytes before a marker
            at += 1
        if at >= end:
            return None
        marker = data[at]
        at += 1
        if marker == 0xD9:  # the end of the picture
            out.append(b"\xff\xd9")
            return b"".join(out)
        if marker in _NO_LENGTH:
            out.append(bytes((0xFF, marker)))
            continue
        if at + 2 > end:
            return None
        length = int.from_bytes(data[at : at + 2], "big")
        segment = data[at - 2 : at + length]
        if length < 2 or at + length > end:
            return None
        at += length
        if 0xE0 <= marker <= 0xEF or marker == 0xFE:
            kept = _KEPT_APP.get(marker)
            if kept is not None and segment[4:].startswith(kept):
                out.append(segment)
            continue
        out.append(segment)
        if marker == 0xDA:  # a scan: its coded data runs to the next marker but RSTn
            start = at
            while True:
                at = data.find(b"\xff", at)
                if at < 0 or at + 1 >= end:
                    return None
                following = data[at + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7:
                    at += 2
                    continue
                break
            out.append(data[start:at])
    return None


def too_large(width: int, height: int) -> str:
    """Why an upload of this size is refused, or "" when it is taken."""
    if width * height <= MOST_PIXELS:
        return ""
    return (
        f"This image is {width:,} × {height:,} pixels ({width * height / 1e6:.0f} megapixels): "
        f"images of up to {MOST_PIXELS // 1_000_000} megapixels are taken. Make it smaller "
        "and upload it again."
    )


def without_metadata(upload: File) -> ContentFile | None:
    """`upload` without its metadata, under its own name: a JPEG's segments cut out, anything
    else (and a JPEG to be turned upright) saved again; None for a file kept as it is (a GIF
    holds no camera data, and saving one again could lose its frames' timing)."""
    from PIL import Image, ImageOps  # here: a web worker that takes no upload never loads it

    upload.seek(0)
    with Image.open(upload) as image:
        options = _SAVE.get(image.format or "")
        if options is None:
            return None
        options = dict(options)
        if image.info.get("icc_profile"):
            options["icc_profile"] = image.info["icc_profile"]
        frames = getattr(image, "n_frames", 1)
        turned = frames == 1 and image.getexif().get(ORIENTATION, 1) not in (0, 1)
        if image.format == "JPEG" and not turned:
            # Its segments copied without what the camera wrote: no loss, and no decoding (a
            # 49-megapixel photo took 370 MB decoded and saved again).
            upload.seek(0)
            stripped = jpeg_without_metadata(upload.read())
            if stripped is not None:
                upload.seek(0)
                return ContentFile(stripped, name=upload.name)
        if turned:
            picture = ImageOps.exif_transpose(image)
            if image.format == "JPEG":
                options["quality"] = QUALITY
        else:
            picture = image
            if image.format == "JPEG":
                options["quality"] = "keep"  # its own tables: as close to the original as can be
        if frames > 1:
            options["save_all"] = True  # an animated PNG or WebP keeps every frame
        out = BytesIO()
        picture.save(out, image.format, **options)
    upload.seek(0)
    return ContentFile(out.getvalue(), name=upload.name)


def make_renditions(file: FieldFile) -> list[list]:
    """Write the renditions of the stored image `file`; returns [width, name] for each (none
    for an animated image, or one narrower than the narrowest width)."""
    from PIL import Image

    made: list[list] = []
    with file.open("rb"), Image.open(file) as image:
        if getattr(image, "n_frames", 1) > 1:
            return made  # a copy would keep one frame of it
        full_width, full_height = image.size
        widths = [w for w in WIDTHS if w < full_width]
        if not widths:
            return made
        # Decoded no larger than twice the widest copy needs: a JPEG at a fraction of its
        # size (draft), anything else shrunk by a whole factor first. A 49-megapixel photo
        # took 550 MB decoded whole and turned to RGB; as sharp a copy either way.
        wanted = (2 * widths[-1], max(1, 2 * widths[-1] * full_height // full_width))
        image.draft("RGB", wanted)
        image.load()
        factor = min(image.width // wanted[0], image.height // wanted[1])
        reduced = image.reduce(factor) if factor > 1 else image
        picture = reduced.convert("RGBA" if _has_alpha(image) else "RGB")
        stem = PurePosixPath(file.name).with_suffix("")
        for width in widths:
            height = max(1, round(full_height * width / full_width))
            copy = picture.resize((width, height), Image.Resampling.LANCZOS)
            out = BytesIO()
            copy.save(out, "WEBP", quality=RENDITION_QUALITY, method=4)
            name = file.storage.save(f"{stem}-{width}w.webp", ContentFile(out.getvalue()))
            made.append([width, name])
    return made


def measure(file: FieldFile) -> tuple[int | None, int | None]:
    """The stored image's width and height; (None, None) for a file missing or not an image."""
    from PIL.Image import DecompressionBombError

    try:
        return file.width, file.height
    except (OSError, ValueError, DecompressionBombError):
        return None, None


def _has_alpha(image: "Image.Image") -> bool:
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


def remove_renditions(file: FieldFile, renditions: list[list]) -> None:
    for _width, name in renditions:
        file.storage.delete(name)


def without_renditions():
    """Stored images wide enough for a copy that have none (imported ones, made before)."""
    from byline.content.models import Media

    return Media.objects.filter(renditions=[]).exclude(file="").exclude(width__lte=WIDTHS[0])


def renew_missing(progress: Callable[[int, int], None] | None = None) -> tuple[int, int]:
    """Make the renditions of every image that has none; (images given copies, files that
    could not be read). The files are written first, then every row in one short transaction:
    the pages that show them are renewed once, not once an image."""
    from django.db import transaction
    from PIL import Image

    from byline.content.models import Media

    todo = list(without_renditions().only("pk", "file"))
    made: dict[int, list[list]] = {}
    unreadable = 0
    for done, media in enumerate(todo, 1):
        try:
            renditions = make_renditions(media.file)
        except (OSError, ValueError, Image.DecompressionBombError):
            unreadable += 1  # missing, or not an image after all: shown as it is
            renditions = []
        if renditions:
            made[media.pk] = renditions
        if progress:
            progress(done, len(todo))
    with transaction.atomic():
        for media in Media.objects.filter(pk__in=list(made)):
            media.renditions = made[media.pk]
            media.save(update_fields=["renditions"])
    return len(made), unreadable


def with_copies(html: str) -> str:
    """`html`, a post's or page's sanitised text, with each image of the site's own that has
    smaller copies offered with them (in a <picture>, as the featured image is); sized by its
    `width` when it has one (an image floated beside the text is shown small)."""
    from byline.content.models import Media

    wanted: dict[str, str] = {}  # tag → the file name its address names
    for tag in set(_IMG.findall(html)):
        values = {name.lower(): value for name, value in _ATTRIBUTE.findall(tag)}
        address = unescape(values.get("src", ""))
        if "srcset" not in values and address.startswith(settings.MEDIA_URL):
            wanted[tag] = unquote(address.removeprefix(settings.MEDIA_URL))
    if not wanted:
        return html
    stored = Media.objects.filter(file__in=set(wanted.values())).exclude(renditions=[])
    found = {media.file.name: media for media in stored}

    def offered(match: re.Match) -> str:
        tag = match.group(0)
        media = found.get(wanted.get(tag, ""))
        if media is None:
            return tag
        width = dict(_ATTRIBUTE.findall(tag)).get("width", "")
        sizes = f"(max-width: {width}px) 100vw, {width}px" if width.isdigit() else COLUMN
        source = f'<source type="image/webp" srcset="{escape(media.srcset())}" sizes="{sizes}">'
        return f"<picture>{source}{tag}</picture>"

    return _IMG.sub(offered, html)
