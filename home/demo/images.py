"""Illustrations and logos drawn with Pillow, so the demo ships no downloaded or third-party image.

Each picture is a flat, warm composition (façades, tables, workbenches, gardens; more in
`motifs.py`) with no text.
Drawing is deterministic: the same key always gives the same picture.
"""

from collections.abc import Callable
from io import BytesIO

from django.core.files.images import ImageFile

from wagtail.images.models import Image
from wagtail.models import Collection

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

from .drawing import PALETTES, SCALE, Color, Dice, gradient, plant, s, soft_shadow
from .motifs import MORE_MOTIFS

COLLECTION_NAME = "Démonstration"


def draw_facade(canvas: PILImage.Image, p: tuple[Color, ...], dice: Dice) -> None:
    draw = ImageDraw.Draw(canvas)
    draw.ellipse(s(1180, 90, 1400, 310), fill=p[6])
    left, top = dice.between(180, 300), dice.between(200, 260)
    box = s(left, top, 1600 - left, 1000)
    soft_shadow(canvas, box, 12 * SCALE)
    draw.rectangle(box, fill=p[1])
    columns = dice.pick((3, 4))
    width = (1600 - 2 * left - 80) / columns
    for i in range(columns):
        x = left + 40 + i * width
        draw.rounded_rectangle(
            s(x + 20, top + 50, x + width - 20, top + 250), radius=20 * SCALE, fill=p[6]
        )
        draw.rectangle(s(x + 20, top + 150, x + width - 20, top + 160), fill=p[1])
    awning_top = top + 290
    stripes = 12
    stripe = (1600 - 2 * left) / stripes
    for i in range(stripes):
        color = p[2] if i % 2 == 0 else p[6]
        x = left + i * stripe
        draw.polygon(
            s(
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
    draw.rectangle(s(left + 60, shop_top, 760, 1000), fill=p[6])
    draw.rectangle(s(left + 80, shop_top + 20, 740, 1000), fill=p[3])
    for i in range(3):
        cx = left + 160 + i * 170
        draw.ellipse(s(cx - 45, shop_top + 200, cx + 45, shop_top + 290), fill=p[5])
        draw.rounded_rectangle(
            s(cx - 70, shop_top + 290, cx + 70, 1000), radius=50 * SCALE, fill=p[2]
        )
    draw.rounded_rectangle(s(880, shop_top, 1060, 1000), radius=16 * SCALE, fill=p[5])
    draw.ellipse(s(1030, shop_top + 250, 1046, shop_top + 266), fill=p[3])
    for x in (1130, 1240, 1350):
        plant(draw, x, 880, p[2], p[4], dice.between(38, 55))


def draw_table(canvas: PILImage.Image, p: tuple[Color, ...], dice: Dice) -> None:
    draw = ImageDraw.Draw(canvas)
    for i in range(6):
        y = 120 + i * 150
        draw.rectangle(s(0, y, 1600, y + 6), fill=p[6])
    box = [250, 330, 1350, 690]
    for i in range(5):
        x = 360 + i * 220
        for y in (230, 790):
            draw.rounded_rectangle(s(x - 60, y - 50, x + 60, y + 50), radius=24 * SCALE, fill=p[5])
    soft_shadow(canvas, s(*box), 60 * SCALE)
    draw.rounded_rectangle(s(*box), radius=60 * SCALE, fill=p[3])
    for i in range(5):
        x = 360 + i * 220
        for y in (410, 610):
            draw.ellipse(s(x - 55, y - 55, x + 55, y + 55), fill=p[6])
            draw.ellipse(s(x - 32, y - 32, x + 32, y + 32), fill=dice.pick((p[2], p[4], p[1])))
    draw.ellipse(s(760, 470, 840, 550), fill=p[4])
    draw.ellipse(s(785, 440, 815, 470), fill=p[2])


def draw_workshop(canvas: PILImage.Image, p: tuple[Color, ...], dice: Dice) -> None:
    draw = ImageDraw.Draw(canvas)
    draw.rounded_rectangle(s(520, 80, 1080, 640), radius=280 * SCALE, fill=p[6])
    draw.rectangle(s(795, 80, 805, 640), fill=p[1])
    draw.rectangle(s(520, 355, 1080, 365), fill=p[1])
    for i, x in enumerate((200, 280, 360, 1260, 1340)):
        length = dice.between(120, 220)
        draw.line(s(x, 120, x, 120 + length), fill=p[5], width=8 * SCALE)
        draw.ellipse(s(x - 26, 120 + length, x + 26, 172 + length), fill=p[2] if i % 2 else p[4])
    soft_shadow(canvas, s(140, 660, 1460, 740), 10 * SCALE)
    draw.rectangle(s(140, 660, 1460, 740), fill=p[5])
    draw.rectangle(s(200, 740, 240, 1000), fill=p[5])
    draw.rectangle(s(1360, 740, 1400, 1000), fill=p[5])
    for i in range(5):
        x = 300 + i * 200
        height = dice.between(80, 150)
        color = (p[2], p[3], p[4], p[1], p[6])[i]
        draw.rounded_rectangle(s(x, 660 - height, x + 110, 660), radius=14 * SCALE, fill=color)


def draw_garden(canvas: PILImage.Image, p: tuple[Color, ...], dice: Dice) -> None:
    draw = ImageDraw.Draw(canvas)
    draw.ellipse(s(1150, 80, 1430, 360), fill=p[6])
    draw.rectangle(s(0, 620, 1600, 1000), fill=p[3])
    for i in range(3):
        x = 120 + i * 490
        soft_shadow(canvas, s(x, 640, x + 400, 760), 10 * SCALE)
        draw.rectangle(s(x, 640, x + 400, 760), fill=p[5])
        for j in range(5):
            cx = x + 45 + j * 78
            stem = dice.between(120, 260)
            draw.line(s(cx, 640, cx, 640 - stem), fill=p[4], width=6 * SCALE)
            for k in range(3):
                ly = 640 - stem * (0.35 + 0.3 * k)
                side = 1 if k % 2 else -1
                draw.ellipse(
                    s(cx, ly - 18, cx + side * 70, ly + 18)
                    if side > 0
                    else s(cx - 70, ly - 18, cx, ly + 18),
                    fill=p[4],
                )
            if dice.unit() > 0.5:
                draw.ellipse(s(cx - 20, 620 - stem, cx + 20, 660 - stem), fill=p[2])


def draw_gathering(canvas: PILImage.Image, p: tuple[Color, ...], dice: Dice) -> None:
    draw = ImageDraw.Draw(canvas)
    draw.rounded_rectangle(s(120, 620, 1480, 1000), radius=200 * SCALE, fill=p[6])
    colors = (p[2], p[4], p[3], p[5], p[1], p[2])
    for i in range(6):
        x = 220 + i * 230 + dice.between(-20, 20)
        y = dice.between(420, 500)
        draw.rounded_rectangle(s(x - 95, y + 90, x + 95, 1000), radius=95 * SCALE, fill=colors[i])
        draw.ellipse(s(x - 62, y - 40, x + 62, y + 84), fill=p[5] if i % 2 else p[0])


def draw_windows(canvas: PILImage.Image, p: tuple[Color, ...], dice: Dice) -> None:
    draw = ImageDraw.Draw(canvas)
    for row in range(3):
        for column in range(5):
            x, y = 140 + column * 270, 110 + row * 290
            lit = dice.unit() > 0.3
            draw.rounded_rectangle(
                s(x, y, x + 200, y + 220), radius=100 * SCALE, fill=p[6] if lit else p[5]
            )
            draw.rectangle(s(x + 96, y, x + 104, y + 220), fill=p[1])
            draw.rectangle(s(x - 10, y + 220, x + 210, y + 236), fill=p[2])
            if lit and dice.unit() > 0.5:
                plant(draw, x + 100, y + 190, p[2], p[4], 26)


MOTIFS: dict[str, Callable[[PILImage.Image, tuple[Color, ...], Dice], None]] = {
    "facade": draw_facade,
    "table": draw_table,
    "workshop": draw_workshop,
    "garden": draw_garden,
    "gathering": draw_gathering,
    "windows": draw_windows,
    **MORE_MOTIFS,
}


def render_illustration(key: str, motif: str, palette: int) -> bytes:
    colors = PALETTES[palette % len(PALETTES)]
    canvas = gradient(colors[0], colors[1])
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
    draw.polygon(s(40, 270, 300, 40, 560, 270, 490, 270, 300, 120, 110, 270), fill=colors[2])
    for x, color in ((180, colors[4]), (300, colors[3]), (420, colors[5])):
        draw.ellipse(s(x - 40, 250, x + 40, 330), fill=color)
        draw.rounded_rectangle(s(x - 55, 340, x + 55, 470), radius=50 * SCALE, fill=color)
    draw.rounded_rectangle(s(90, 430, 510, 490), radius=30 * SCALE, fill=colors[5])
    draw.rectangle(s(130, 490, 150, 560), fill=colors[5])
    draw.rectangle(s(450, 490, 470, 560), fill=colors[5])
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
