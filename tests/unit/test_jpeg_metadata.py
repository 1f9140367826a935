"""A JPEG's camera data is cut from its bytes, its picture copied as it was; anything that is
not a whole JPEG is left to Pillow (None)."""

import io

import pytest
from PIL import Image

from byline.content.images import jpeg_without_metadata


def jpeg(**options) -> bytes:
    image = Image.effect_noise((96, 64), 30).convert("RGB")
    exif = Image.Exif()
    exif[0x010F] = "PhoneCo"
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), comment=b"at the safe house", **options)
    return out.getvalue()


@pytest.mark.parametrize(
    "options",
    [{}, {"progressive": True}, {"restart_marker_blocks": 1}, {"subsampling": 0, "quality": 95}],
    ids=["baseline", "progressive", "restart markers", "no subsampling"],
)
def test_the_picture_is_kept_bit_for_bit_and_the_camera_data_goes(options):
    original = jpeg(**options)
    stripped = jpeg_without_metadata(original)
    assert stripped is not None and b"PhoneCo" not in stripped and b"safe house" not in stripped
    with Image.open(io.BytesIO(original)) as before, Image.open(io.BytesIO(stripped)) as after:
        assert after.tobytes() == before.tobytes()
        assert not after.getexif()


@pytest.mark.parametrize(
    "data",
    [b"", b"GIF89a", b"\xff\xd8", b"\xff\xd8\xff\xe1\x00", b"\xff\xd8\xff\xe1\xff\xff\x00\x10"],
)
def test_what_is_not_a_whole_jpeg_is_none(data):
    assert jpeg_without_metadata(data) is None


def test_a_jpeg_cut_short_is_none():
    whole = jpeg(progressive=True)
    for cut in (len(whole) // 3, len(whole) - 1):
        assert jpeg_without_metadata(whole[:cut]) is None
