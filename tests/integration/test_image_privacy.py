"""An image uploaded in the admin is published without what the camera wrote into it (where it
was taken, the camera, comments); a photo the camera marked as turned is stored upright; its
colour profile stays."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageCms, PngImagePlugin

from byline.content.models import Media
from tests.integration.test_admin import signed_in

pytestmark = pytest.mark.django_db
GPS_IFD, ORIENTATION, MAKE, BODY_SERIAL = 0x8825, 0x0112, 0x010F, 0xA431
KARACHI = {1: "N", 2: (24.0, 51.0, 36.0), 3: "E", 4: (67.0, 0.0, 36.0)}  # GPS latitude, longitude


def photo(fmt: str, width: int = 64, height: int = 32, turned: bool = False) -> bytes:
    """A picture as a phone writes it: GPS position, maker, serial number, a comment, an sRGB
    profile; with `turned`, marked to be shown turned a quarter clockwise."""
    image = Image.new("RGB", (width, height), (200, 30, 30))
    image.paste((30, 30, 200), (0, 0, width // 2, height))  # left half blue: shows the turn
    exif = Image.Exif()
    exif[MAKE], exif[BODY_SERIAL] = "PhoneCo", "SN-0042"
    exif.get_ifd(GPS_IFD).update(KARACHI)
    if turned:
        exif[ORIENTATION] = 6
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    extra = {"exif": exif.tobytes(), "icc_profile": profile}
    if fmt == "JPEG":
        extra["comment"] = b"shot at the safe house"
    if fmt == "PNG":
        text = PngImagePlugin.PngInfo()
        text.add_text("Comment", "shot at the safe house")
        extra["pnginfo"] = text
    image.save(out, fmt, **extra)
    return out.getvalue()


def stored_bytes(media: Media) -> bytes:
    with media.file.open("rb") as file:
        return file.read()


def upload(client, name: str, data: bytes) -> Media:
    file = SimpleUploadedFile(name, data, content_type="image/" + name.rsplit(".", 1)[1])
    answer = client.post("/admin/byline_content/media/add/", {"file": file, "title": name})
    assert answer.status_code == 302, answer.content.decode()[:2000]
    return Media.objects.get(title=name)


@pytest.mark.parametrize(("name", "fmt"), [("a.jpg", "JPEG"), ("b.png", "PNG"), ("c.webp", "WEBP")])
def test_an_uploaded_photo_keeps_nothing_the_camera_wrote(client, settings, tmp_path, name, fmt):
    settings.MEDIA_ROOT = tmp_path
    signed_in(client, "editor")
    original = photo(fmt)
    assert b"SN-0042" in original and b"PhoneCo" in original  # the phone's data is there
    media = upload(client, name, original)
    stored = stored_bytes(media)
    for secret in (b"SN-0042", b"PhoneCo", b"safe house", b"GPS"):
        assert secret not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == fmt and (image.width, image.height) == (64, 32)
        assert not image.getexif().get_ifd(GPS_IFD) and MAKE not in image.getexif()
        assert image.info.get("icc_profile")  # the colours as they were
    assert (media.width, media.height) == (64, 32)


def test_a_photo_marked_as_turned_is_stored_upright(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    signed_in(client, "editor")
    media = upload(client, "turned.jpg", photo("JPEG", 64, 32, turned=True))
    assert (media.width, media.height) == (32, 64)
    with Image.open(media.file.path) as image:
        assert (image.width, image.height) == (32, 64)
        assert ORIENTATION not in image.getexif()
        # Turned a quarter clockwise: the blue left half is now the top.
        red, green, blue = image.convert("RGB").getpixel((16, 8))
        assert blue > 150 and red < 100


def test_a_gif_is_stored_as_it_came(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    signed_in(client, "editor")
    out = io.BytesIO()
    frames = [Image.new("P", (8, 8), colour) for colour in (1, 2)]
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=[70, 130])
    media = upload(client, "d.gif", out.getvalue())
    assert stored_bytes(media) == out.getvalue()


def test_an_image_of_too_many_pixels_is_refused_before_it_is_decoded(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    signed_in(client, "contributor")
    out = io.BytesIO()
    Image.new("L", (8000, 7000)).save(out, "PNG", optimize=True)  # 56 megapixels, 60 KB
    file = SimpleUploadedFile("wall.png", out.getvalue(), content_type="image/png")
    answer = client.post("/admin/byline_content/media/add/", {"file": file, "title": "Wall"})
    assert answer.status_code == 200 and not Media.objects.exists()
    assert "8,000 × 7,000 pixels (56 megapixels)" in answer.content.decode()
    assert not list(tmp_path.rglob("*.*"))


def test_a_photo_loses_its_camera_data_without_being_encoded_again(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    signed_in(client, "editor")
    original = photo("JPEG", 640, 480)
    picture = original[original.index(b"\xff\xdb") :]  # its tables and coded scan, as they were
    media = upload(client, "phone.jpg", original + b"\xff\xd8appended depth map EXIF\xff\xd9")
    stored = stored_bytes(media)
    assert stored.endswith(picture) and len(stored) < len(original)
    assert b"appended" not in stored and b"PhoneCo" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        image.load()
        assert image.info.get("icc_profile") and not image.getexif()
