"""Uploaded images made safe to publish: what a camera or phone writes into a photo besides the
picture (EXIF, with where it was taken and the camera's serial number; XMP; comments) is
removed before the file is stored. A source photographed at home is not located by its photo.

The colour profile stays (it changes how the picture looks, and says nothing of anyone). A
photo the camera marked as turned is turned upright first, since that mark goes too.
"""

from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from PIL import Image, ImageOps

ORIENTATION = 0x0112  # EXIF's "turn me" tag
QUALITY = 90  # for a picture that must be encoded again (turned, or WebP)
# Per format, what saving it takes besides the picture: empty metadata where Pillow would
# carry the original's over.
_SAVE = {
    "JPEG": {"comment": b"", "optimize": True},
    "PNG": {"optimize": True},
    "WEBP": {"exif": b"", "xmp": b"", "quality": QUALITY, "method": 4},
}


def without_metadata(upload: UploadedFile) -> ContentFile | None:
    """`upload` saved again without its metadata, under its own name; None for a file kept as
    it is (a GIF holds no camera data, and saving one again could lose its frames' timing)."""
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
