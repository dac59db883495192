"""Loading photos: formats, EXIF orientation, and every kind of bad file."""
from __future__ import annotations

import io
import os
import sys

import numpy as np
import pytest
from PIL import Image

from cardscan import imageio
from cardscan.errors import InputError


def _save(img: Image.Image, path, **kw) -> str:
    img.save(path, **kw)
    return str(path)


def _marked(w=120, h=80) -> Image.Image:
    """An image whose top-left quadrant is red, so orientation can be checked."""
    img = Image.new("RGB", (w, h), (255, 255, 255))
    img.paste((255, 0, 0), (0, 0, w // 2, h // 2))
    return img


@pytest.mark.parametrize("fmt,suffix", [("JPEG", ".jpg"), ("PNG", ".png"), ("WEBP", ".webp"),
                                        ("TIFF", ".tif"), ("BMP", ".bmp")])
def test_formats_load_as_bgr(tmp_path, fmt, suffix):
    path = _save(_marked(), tmp_path / f"a{suffix}", format=fmt)
    photo = imageio.load(path)
    assert photo.pixels.shape == (80, 120, 3) and photo.pixels.dtype == np.uint8
    b, g, r = photo.pixels[5, 5]
    assert r > 200 and b < 60  # red stays red: channels are BGR for OpenCV


def test_exif_orientation_is_applied(tmp_path):
    img = _marked(120, 80).transpose(Image.Transpose.ROTATE_90)  # stored turned left
    exif = Image.Exif()
    exif[0x0112] = 6  # viewer must turn it 90° clockwise
    path = _save(img, tmp_path / "exif.jpg", format="JPEG", exif=exif.tobytes())
    photo = imageio.load(path)
    assert photo.pixels.shape[:2] == (80, 120)
    assert photo.exif_rotation == 90
    b, g, r = photo.pixels[5, 5]
    assert r > 200 and b < 60  # the red corner is back at top-left


def test_mode_variants(tmp_path):
    gray = _save(Image.new("L", (64, 64), 128), tmp_path / "g.png")
    cmyk = _save(Image.new("CMYK", (64, 64), (0, 255, 255, 0)), tmp_path / "c.jpg", format="JPEG")
    arr16 = (np.arange(64 * 64, dtype=np.uint16).reshape(64, 64) * 16)
    p16 = _save(Image.fromarray(arr16), tmp_path / "d16.png")
    alpha = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    pa = _save(alpha, tmp_path / "a.png")
    for p in (gray, cmyk, p16, pa):
        photo = imageio.load(p)
        assert photo.pixels.dtype == np.uint8 and photo.pixels.shape == (64, 64, 3)
    # transparent pixels become white paper, not black
    assert imageio.load(pa).pixels.min() == 255
    # CMYK red stays red
    b, g, r = imageio.load(cmyk).pixels[10, 10]
    assert r > 200 and g < 80


def test_animated_gif_reads_first_frame(tmp_path):
    frames = [Image.new("RGB", (64, 64), c) for c in ((255, 0, 0), (0, 0, 255))]
    path = tmp_path / "anim.gif"
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=100)
    b, g, r = imageio.load(str(path)).pixels[1, 1]
    assert r > 200 and b < 60


def _bad(tmp_path, name: str, data: bytes) -> str:
    p = tmp_path / name
    p.write_bytes(data)
    return str(p)


def _jpeg_bytes() -> bytes:
    buf = io.BytesIO()
    _marked(400, 300).save(buf, format="JPEG")
    return buf.getvalue()


def _png_bytes() -> bytes:
    buf = io.BytesIO()
    _marked(400, 300).save(buf, format="PNG")
    return buf.getvalue()


@pytest.mark.parametrize("name,data,words", [
    ("empty.jpg", b"", "empty file"),
    ("text.jpg", b"hello, this is not a picture\n" * 10, "a text file"),
    ("doc.jpg", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" * 5, "a PDF"),
    ("video.jpg", b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 200, "a video"),
    ("noise.jpg", bytes(range(256)) * 4, "not an image"),
    ("cut.jpg", None, "truncated"),
    ("cut.png", None, "truncated"),
])
def test_bad_files_raise_clear_input_errors(tmp_path, name, data, words):
    if data is None:
        whole = _jpeg_bytes() if name.endswith(".jpg") else _png_bytes()
        data = whole[: len(whole) // 2]
    path = _bad(tmp_path, name, data)
    with pytest.raises(InputError) as info:
        imageio.load(path)
    msg = info.value.message
    assert path in msg and words in msg
    assert "\n" not in msg


def test_tiny_image_is_refused(tmp_path):
    path = _save(Image.new("RGB", (1, 1)), tmp_path / "one.png")
    with pytest.raises(InputError, match="too small"):
        imageio.load(path)


def test_decompression_bomb_limit_names_the_flag(tmp_path):
    path = _save(Image.new("L", (3000, 2000)), tmp_path / "big.png")
    with pytest.raises(InputError, match="--max-megapixels"):
        imageio.load(path, max_pixels=1_000_000)
    assert imageio.load(path, max_pixels=10_000_000).pixels.shape == (2000, 3000, 3)


@pytest.mark.parametrize("name", ["photo.heic", "renamed.jpg"])
def test_heic_without_pillow_heif_says_what_to_install(tmp_path, monkeypatch, name):
    """By suffix, and by content when a HEIC photo was renamed .jpg on the way."""
    monkeypatch.setattr(imageio, "_heif_available", lambda: False)
    path = _bad(tmp_path, name, b"\x00\x00\x00\x18ftypheic" + b"\x00" * 100)
    with pytest.raises(InputError, match=r"pip install 'cardscan\[heif\]'"):
        imageio.load(path)


def test_a_damaged_heic_is_not_called_a_video(tmp_path):
    if not imageio._heif_available():
        pytest.skip("needs pillow-heif")
    path = _bad(tmp_path, "photo.heic", b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 400)
    with pytest.raises(InputError, match="HEIC photo that cannot be decoded"):
        imageio.load(path)


@pytest.mark.skipif(sys.platform.startswith("win") or os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file(tmp_path):
    path = _save(_marked(), tmp_path / "secret.png")
    os.chmod(path, 0)
    with pytest.raises(InputError, match="permission denied"):
        imageio.load(path)


def test_unreadable_file_as_root_is_reported(tmp_path, monkeypatch):
    """Root can read anything, so simulate the OS refusing the open."""
    path = _save(_marked(), tmp_path / "secret.png")
    real_open = open

    def refuse(p, *a, **k):
        if str(p) == path:
            raise PermissionError(13, "Permission denied", p)
        return real_open(p, *a, **k)

    monkeypatch.setattr("builtins.open", refuse)
    with pytest.raises(InputError, match="permission denied"):
        imageio.load(path)


def test_list_inputs_walks_sorted_and_skips_non_images(tmp_path):
    (tmp_path / "b").mkdir()
    for name in ("b/2.jpg", "a.png", "b/1.JPG", "notes.txt", "b/movie.mp4"):
        (tmp_path / name).write_bytes(b"x")
    for i in range(300):
        (tmp_path / f"junk{i}.txt").write_text("x")
    listing = imageio.list_inputs([str(tmp_path)])
    names = [os.path.relpath(f, tmp_path) for f in listing.files]
    assert names == ["a.png", os.path.join("b", "1.JPG"), os.path.join("b", "2.jpg")]
    assert listing.ignored == 302 and not listing.problems


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_pipe_named_like_a_photo_is_refused_without_opening(tmp_path):
    """Opening a pipe would wait forever for a writer."""
    os.mkfifo(tmp_path / "stuck.jpg")
    listing = imageio.list_inputs([str(tmp_path), str(tmp_path / "stuck.jpg")])
    assert listing.files == ()
    assert [m for _, m in listing.problems] == ["not a regular file (a pipe or device); remove it from the folder"] * 2


def test_list_inputs_dedupes_and_reports_missing_and_broken_links(tmp_path):
    img = tmp_path / "card.jpg"
    img.write_bytes(b"x")
    os.symlink(tmp_path / "nowhere.jpg", tmp_path / "broken.jpg")
    listing = imageio.list_inputs([str(img), str(img), str(tmp_path / "missing.jpg"), str(tmp_path)])
    assert listing.files == (str(img),)
    assert [p for p, _ in listing.notes] == [str(img), str(img)]  # once as given again, once in the folder
    assert all(m == "given more than once; scanned once" for _, m in listing.notes)
    problems = dict(listing.problems)
    assert "no such file" in problems[str(tmp_path / "missing.jpg")]
    assert any("broken symbolic link" in m for m in problems.values())


def test_symlink_loop_in_folder_terminates(tmp_path):
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "x.png").write_bytes(b"x")
    os.symlink(tmp_path, sub / "loop")
    listing = imageio.list_inputs([str(tmp_path)])
    assert len(listing.files) == 1
    assert any("not followed" in m for _, m in listing.notes)


def test_non_ascii_and_non_utf8_names(tmp_path):
    p1 = _save(_marked(), tmp_path / "Visitenkarte Müller 名刺.png")
    assert imageio.load(p1).pixels.shape == (80, 120, 3)
    if sys.platform.startswith("linux"):
        raw = os.path.join(os.fsencode(tmp_path), b"card-\xff\xfe.png")
        with open(raw, "wb") as fh:
            _marked().save(fh, format="PNG")
        listing = imageio.list_inputs([str(tmp_path)])
        assert len(listing.files) == 2
        for f in listing.files:
            assert imageio.load(f).pixels.shape == (80, 120, 3)
