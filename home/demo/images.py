"""Illustrations and logos drawn with Pillow, so the demo ships no downloaded or third-party image.

Each picture is a flat, warm composition (façades, tables, workbenches, gardens) with no text.
Drawing is deterministic: the same key always gives the same picture.
"""

import hashlib
from collections.abc import Callable, Iterator
from io import BytesIO

from django.core.files.images import ImageFile

from wagtail.images.models import Image
from wagtail.models import Collection

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFilter, ImageFont

SIZE = (1600, 1000)
# Drawn at twice the size then reduced: Pillow does not anti-alias shapes.
SCALE = 2
COLLECTION_NAME = "Démonstration"

Color = str
# Each palette: background top, background bottom, main, second, accent, dark, light.
PALETTES: tuple[tuple[Color, ...], ...] = (
    ("#fae2c4", "#f0b48c", "#c8553d", "#e0a458", "#8a9a5b", "#5b3a29", "#fcf4e6"),
    ("#f6d7b0", "#d68c6e", "#b04a38", "#f28f6b", "#638267", "#482e28", "#fff3e0"),
    ("#fceccd", "#e9c46a", "#e76f51", "#f4a261", "#2a6f73", "#40342e", "#fff8eb"),
    ("#f4dec8", "#cd9678", "#9e5046", "#d9a441", "#7e926c", "#3c2a26", "#faf0e2"),
)


class Dice:
    """Deterministic variation drawn from a key, so pictures stay the same across runs."""

    def __init__(self, key: str):
        self._bytes = self._stream(key)

    @staticmethod
    def _stream(key: str) -> Iterator[int]:
        block = key.encode()
        while True:
            block = hashlib.sha256(block).digest()
            yield from block

    def unit(self) -> float:
        return (next(self._bytes) * 256 + next(self._bytes)) / 65536

    def between(self, low: float, high: float) -> float:
        return low + (high - low) * self.unit()

    def pick(self, options):
        return options[int(self.unit() * len(options))]


def _s(*values: float) -> list[int]:
    return [round(v * SCALE) for v in values]


def _gradient(top: Color, bottom: Color) -> PILImage.Image:
    size = (SIZE[0] * SCALE, SIZE[1] * SCALE)
    mask = PILImage.linear_gradient("L").resize(size, PILImage.Resampling.BILINEAR)
    return PILImage.composite(
        PILImage.new("RGB", mask.size, bottom), PILImage.new("RGB", mask.size, top), mask
    )


def _soft_shadow(canvas: PILImage.Image, box: list[int], radius: int) -> None:
    # Blurred at a quarter of the size: a soft shadow needs no detail and this is 16 times cheaper.
    small = (canvas.width // 4, canvas.height // 4)
    shadow = PILImage.new("L", small, 0)
    ImageDraw.Draw(shadow).rounded_rectangle([v // 4 for v in box], radius=radius // 4, fill=70)
    shadow = shadow.filter(ImageFilter.GaussianBlur(18 * SCALE / 4))
    shadow = shadow.resize(canvas.size, PILImage.Resampling.BILINEAR)
    canvas.paste("#3c281e", (0, 0), shadow)


def _plant(
    draw: ImageDraw.ImageDraw, x: float, y: float, pot: Color, leaf: Color, size: float
) -> None:
    draw.polygon(
        _s(
            x - size, y, x + size, y, x + size * 0.7, y + size * 1.3, x - size * 0.7, y + size * 1.3
        ),
        fill=pot,
    )
    for dx, dy, w in ((-0.8, -1.6, 0.7), (0.6, -1.9, 0.8), (0, -2.6, 0.9), (-0.2, -1.2, 0.6)):
        cx, cy = x + dx * size, y + dy * size
        draw.ellipse(
            _s(cx - w * size, cy - w * size * 0.6, cx + w * size, cy + w * size * 0.6), fill=leaf
        )


def draw_facade(canvas: PILImage.Image, p: tuple[Color, ...], dice: Dice) -> None:
    draw = ImageDraw.Draw(canvas)
    draw.ellipse(_s(1180, 90, 1400, 310), fill=p[6])
    left, top = dice.between(180, 300), dice.between(200, 260)
    box = _s(left, top, 1600 - left, 1000)
    _soft_shadow(canvas, box, 12 * SCALE)
    draw.rectangle(box, fill=p[1])
    columns = dice.pick((3, 4))
    width = (1600 - 2 * left - 80) / columns
    for i in range(columns):
        x = left + 40 + i * width
        draw.rounded_rectangle(
            _s(x + 20, top + 50, x + width - 20, top + 250), radius=20 * SCALE, fill=p[6]
        )
        draw.rectangle(_s(x + 20, top + 150, x + width - 20, top + 160), fill=p[1])
    awning_top = top + 290
    stripes = 12
    stripe = (1600 - 2 * left) / stripes
    for i in range(stripes):
        color = p[2] if i % 2 == 0 else p[6]
        x = left + i * stripe
        draw.polygon(
            _s(
                x,
                awning_top,
                x + stripe,
                awning_top,
                x + stripe,
                awning_top + 70,
                x,
                awning_top + 90,
            ),
            fill=color,
        )
    shop_top = awning_top + 100
    draw.rectangle(_s(left + 60, shop_top, 760, 1000), fill=p[6])
    draw.rectangle(_s(left + 80, shop_top + 20, 740, 1000), fill=p[3])
    for i in range(3):
        cx = left + 160 + i * 170
        draw.ellipse(_s(cx - 45, shop_top + 200, cx + 45, shop_top + 290), fill=p[5])
        draw.rounded_rectangle(
            _s(cx - 70, shop_top + 290, cx + 70, 1000), radius=50 * SCALE, fill=p[2]
        )
    draw.rounded_rectangle(_s(880, shop_top, 1060, 1000), radius=16 * SCALE, fill=p[5])
    draw.ellipse(_s(1030, shop_top + 250, 1046, shop_top + 266), fill=p[3])
    for x in (1130, 1240, 1350):
        _plant(draw, x, 880, p[2], p[4], dice.between(38, 55))


def draw_table(canvas: PILImage.Image, p: tuple[Color, ...], dice: Dice) -> None:
    draw = ImageDraw.Draw(canvas)
    for i in range(6):
        y = 120 + i * 150
        draw.rectangle(_s(0, y, 1600, y + 6), fill=p[6])
    box = [250, 330, 1350, 690]
    for i in range(5):
        x = 360 + i * 220
        for y in (230, 790):
            draw.rounded_rectangle(_s(x - 60, y - 50, x + 60, y + 50), radius=24 * SCALE, fill=p[5])
    _soft_shadow(canvas, _s(*box), 60 * SCALE)
    draw.rounded_rectangle(_s(*box), radius=60 * SCALE, fill=p[3])
    for i in range(5):
        x = 360 + i * 220
        for y in (410, 610):
            draw.ellipse(_s(x - 55, y - 55, x + 55, y + 55), fill=p[6])
            draw.ellipse(_s(x - 32, y - 32, x + 32, y + 32), fill=dice.pick((p[2], p[4], p[1])))
    draw.ellipse(_s(760, 470, 840, 550), fill=p[4])
    draw.ellipse(_s(785, 440, 815, 470), fill=p[2])


def draw_workshop(canvas: PILImage.Image, p: tuple[Color, ...], dice: Dice) -> None:
    draw = ImageDraw.Draw(canvas)
    draw.rounded_rectangle(_s(520, 80, 1080, 640), radius=280 * SCALE, fill=p[6])
    draw.rectangle(_s(795, 80, 805, 640), fill=p[1])
    draw.rectangle(_s(520, 355, 1080, 365), fill=p[1])
    for i, x in enumerate((200, 280, 360, 1260, 1340)):
        length = dice.between(120, 220)
        draw.line(_s(x, 120, x, 120 + length), fill=p[5], width=8 * SCALE)
        draw.ellipse(_s(x - 26, 120 + length, x + 26, 172 + length), fill=p[2] if i % 2 else p[4])
    _soft_shadow(canvas, _s(140, 660, 1460, 740), 10 * SCALE)
    draw.rectangle(_s(140, 660, 1460, 740), fill=p[5])
    draw.rectangle(_s(200, 740, 240, 1000), fill=p[5])
    draw.rectangle(_s(1360, 740, 1400, 1000), fill=p[5])
    for i in range(5):
        x = 300 + i * 200
        height = dice.between(80, 150)
        color = (p[2], p[3], p[4], p[1], p[6])[i]
        draw.rounded_rectangle(_s(x, 660 - height, x + 110, 660), radius=14 * SCALE, fill=color)


def draw_garden(canvas: PILImage.Image, p: tuple[Color, ...], dice: Dice) -> None:
    draw = ImageDraw.Draw(canvas)
    draw.ellipse(_s(1150, 80, 1430, 360), fill=p[6])
    draw.rectangle(_s(0, 620, 1600, 1000), fill=p[3])
    for i in range(3):
        x = 120 + i * 490
        _soft_shadow(canvas, _s(x, 640, x + 400, 760), 10 * SCALE)
        draw.rectangle(_s(x, 640, x + 400, 760), fill=p[5])
        for j in range(5):
            cx = x + 45 + j * 78
            stem = dice.between(120, 260)
            draw.line(_s(cx, 640, cx, 640 - stem), fill=p[4], width=6 * SCALE)
            for k in range(3):
                ly = 640 - stem * (0.35 + 0.3 * k)
                side = 1 if k % 2 else -1
                draw.ellipse(
                    _s(cx, ly - 18, cx + side * 70, ly + 18)
                    if side > 0
                    else _s(cx - 70, ly - 18, cx, ly + 18),
                    fill=p[4],
                )
            if dice.unit() > 0.5:
                draw.ellipse(_s(cx - 20, 620 - stem, cx + 20, 660 - stem), fill=p[2])


def draw_gathering(canvas: PILImage.Image, p: tuple[Color, ...], dice: Dice) -> None:
    draw = ImageDraw.Draw(canvas)
    draw.rounded_rectangle(_s(120, 620, 1480, 1000), radius=200 * SCALE, fill=p[6])
    colors = (p[2], p[4], p[3], p[5], p[1], p[2])
    for i in range(6):
        x = 220 + i * 230 + dice.between(-20, 20)
        y = dice.between(420, 500)
        draw.rounded_rectangle(_s(x - 95, y + 90, x + 95, 1000), radius=95 * SCALE, fill=colors[i])
        draw.ellipse(_s(x - 62, y - 40, x + 62, y + 84), fill=p[5] if i % 2 else p[0])


def draw_windows(canvas: PILImage.Image, p: tuple[Color, ...], dice: Dice) -> None:
    draw = ImageDraw.Draw(canvas)
    for row in range(3):
        for column in range(5):
            x, y = 140 + column * 270, 110 + row * 290
            lit = dice.unit() > 0.3
            draw.rounded_rectangle(
                _s(x, y, x + 200, y + 220), radius=100 * SCALE, fill=p[6] if lit else p[5]
            )
            draw.rectangle(_s(x + 96, y, x + 104, y + 220), fill=p[1])
            draw.rectangle(_s(x - 10, y + 220, x + 210, y + 236), fill=p[2])
            if lit and dice.unit() > 0.5:
                _plant(draw, x + 100, y + 190, p[2], p[4], 26)


MOTIFS: dict[str, Callable[[PILImage.Image, tuple[Color, ...], Dice], None]] = {
    "facade": draw_facade,
    "table": draw_table,
    "workshop": draw_workshop,
    "garden": draw_garden,
    "gathering": draw_gathering,
    "windows": draw_windows,
}


def render_illustration(key: str, motif: str, palette: int) -> bytes:
    colors = PALETTES[palette % len(PALETTES)]
    canvas = _gradient(colors[0], colors[1])
    MOTIFS[motif](canvas, colors, Dice(key))
    canvas = canvas.reduce(SCALE)
    buffer = BytesIO()
    canvas.save(buffer, "JPEG", quality=85, progressive=True)
    return buffer.getvalue()


def render_logo(key: str, initials: str, palette: int, shape: str) -> bytes:
    colors = PALETTES[palette % len(PALETTES)]
    side = 400 * SCALE
    logo = PILImage.new("RGBA", (side, side), (0, 0, 0, 0))
    draw = ImageDraw.Draw(logo)
    box = [20 * SCALE, 20 * SCALE, side - 20 * SCALE, side - 20 * SCALE]
    if shape == "circle":
        draw.ellipse(box, fill=colors[2])
    elif shape == "leaf":
        draw.rounded_rectangle(
            box, radius=190 * SCALE, corners=(True, False, True, False), fill=colors[4]
        )
    else:
        draw.rounded_rectangle(box, radius=70 * SCALE, fill=colors[5])
    draw.arc(
        [60 * SCALE, 60 * SCALE, side - 60 * SCALE, side - 60 * SCALE],
        200,
        340,
        fill=colors[3],
        width=14 * SCALE,
    )
    font = ImageFont.load_default(size=150 * SCALE)
    draw.text((side / 2, side / 2 + 20 * SCALE), initials, font=font, fill=colors[6], anchor="mm")
    buffer = BytesIO()
    logo.resize((400, 400), PILImage.Resampling.LANCZOS).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def render_organisation_logo() -> bytes:
    """A roof sheltering three people around a table: the network's mark."""
    colors = PALETTES[0]
    side = 600 * SCALE
    logo = PILImage.new("RGBA", (side, side), (0, 0, 0, 0))
    draw = ImageDraw.Draw(logo)
    draw.polygon(_s(40, 270, 300, 40, 560, 270, 490, 270, 300, 120, 110, 270), fill=colors[2])
    for x, color in ((180, colors[4]), (300, colors[3]), (420, colors[5])):
        draw.ellipse(_s(x - 40, 250, x + 40, 330), fill=color)
        draw.rounded_rectangle(_s(x - 55, 340, x + 55, 470), radius=50 * SCALE, fill=color)
    draw.rounded_rectangle(_s(90, 430, 510, 490), radius=30 * SCALE, fill=colors[5])
    draw.rectangle(_s(130, 490, 150, 560), fill=colors[5])
    draw.rectangle(_s(450, 490, 470, 560), fill=colors[5])
    buffer = BytesIO()
    logo.resize((600, 600), PILImage.Resampling.LANCZOS).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def demo_collection() -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=COLLECTION_NAME).first()
    return existing or root.add_child(name=COLLECTION_NAME)


def get_or_create_image(
    collection: Collection, title: str, description: str, filename: str, render: Callable[[], bytes]
) -> tuple[Image, bool]:
    """The demo image with this title, drawn and saved only if it does not exist yet."""
    image = Image.objects.filter(collection=collection, title=title).first()
    if image:
        return image, False
    image = Image(title=title, description=description, collection=collection)
    image.file = ImageFile(BytesIO(render()), name=filename)
    image._set_image_file_metadata()
    image.save()
    return image, True


def ensure_illustrations(
    specs: dict[str, tuple[str, str, str, int]],
) -> tuple[dict[str, Image], int]:
    """The illustrations of `specs` (key: title, description, motif, palette) by key, and how
    many had to be drawn."""
    collection = demo_collection()
    illustrations, created = {}, 0
    for key, (title, description, motif, palette) in specs.items():
        illustrations[key], was_created = get_or_create_image(
            collection,
            title,
            description,
            f"{key}.jpg",
            lambda key=key, motif=motif, palette=palette: render_illustration(key, motif, palette),
        )
        created += was_created
    return illustrations, created


def ensure_logos(specs: dict[str, tuple[str, str, int, str]]) -> tuple[dict[str, Image], int]:
    """The logos of `specs` (key: name, initials, palette, shape) by key, and how many had to be
    drawn."""
    collection = demo_collection()
    logos, created = {}, 0
    for key, (name, initials, palette, shape) in specs.items():
        logos[key], was_created = get_or_create_image(
            collection,
            name,
            f"Logo de {name}",
            f"logo-{key}.png",
            lambda key=key, initials=initials, palette=palette, shape=shape: render_logo(
                key, initials, palette, shape
            ),
        )
        created += was_created
    return logos, created


def ensure_organisation_logo(title: str, description: str) -> tuple[Image, bool]:
    return get_or_create_image(
        demo_collection(), title, description, "logo-reseau.png", render_organisation_logo
    )
