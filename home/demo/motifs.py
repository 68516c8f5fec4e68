"""More subjects for the demo's illustrations, so that each lieu and campaign has a picture of
its own: a kitchen, a shared house, a repair bench, a digital workshop, a pantry, a mosaic."""

import math
from collections.abc import Callable

from PIL import Image as PILImage
from PIL import ImageDraw

from .drawing import SCALE, Color, Dice, plant, s, soft_shadow

Palette = tuple[Color, ...]


def draw_kitchen(canvas: PILImage.Image, p: Palette, dice: Dice) -> None:
    draw = ImageDraw.Draw(canvas)
    # Tiled splashback, a shelf of jars, utensils on a rail, then the worktop and its cupboards.
    for row in range(4):
        for column in range(9):
            x, y = 130 + column * 150, 240 + row * 75
            draw.rectangle(s(x, y, x + 140, y + 65), fill=p[6] if (row + column) % 2 else p[0])
    draw.rectangle(s(160, 180, 760, 196), fill=p[5])
    for i in range(5):
        x = 190 + i * 115
        height = dice.between(60, 110)
        draw.rounded_rectangle(
            s(x, 180 - height, x + 80, 180), radius=14 * SCALE, fill=(p[2], p[3], p[4])[i % 3]
        )
        draw.rectangle(s(x + 10, 180 - height - 16, x + 70, 180 - height), fill=p[5])
    draw.rectangle(s(900, 150, 1460, 160), fill=p[5])
    for i in range(5):
        x = 950 + i * 110
        length = dice.between(90, 150)
        draw.line(s(x, 160, x, 160 + length), fill=p[5], width=6 * SCALE)
        draw.ellipse(s(x - 28, 150 + length, x + 28, 200 + length), fill=p[2] if i % 2 else p[3])
    soft_shadow(canvas, s(100, 560, 1500, 640), 10 * SCALE)
    draw.rectangle(s(100, 560, 1500, 640), fill=p[3])
    draw.rectangle(s(100, 640, 1500, 1000), fill=p[5])
    for i in range(4):
        x = 140 + i * 345
        draw.rounded_rectangle(s(x, 680, x + 310, 960), radius=12 * SCALE, fill=p[2])
        draw.rounded_rectangle(s(x + 120, 700, x + 190, 716), radius=8 * SCALE, fill=p[6])
    # A pot on the stove, steaming.
    draw.rounded_rectangle(s(620, 430, 880, 560), radius=30 * SCALE, fill=p[4])
    draw.rectangle(s(580, 450, 620, 470), fill=p[4])
    draw.rectangle(s(880, 450, 920, 470), fill=p[4])
    for i in range(3):
        x = 680 + i * 70
        draw.arc(s(x - 30, 300, x + 30, 420), 100, 260, fill=p[6], width=8 * SCALE)


def draw_house(canvas: PILImage.Image, p: Palette, dice: Dice) -> None:
    draw = ImageDraw.Draw(canvas)
    draw.ellipse(s(140, 90, 360, 310), fill=p[6])
    draw.rectangle(s(0, 820, 1600, 1000), fill=p[4])
    soft_shadow(canvas, s(420, 330, 1180, 880), 12 * SCALE)
    draw.polygon(s(360, 360, 800, 90, 1240, 360), fill=p[2])
    draw.rectangle(s(420, 340, 1180, 880), fill=p[6])
    draw.rectangle(s(960, 150, 1030, 260), fill=p[5])
    # Three floors of flats, one window each side, lit or not; the shared room on the ground floor.
    for row in range(2):
        for column in range(4):
            x, y = 470 + column * 180, 400 + row * 170
            lit = dice.unit() > 0.35
            draw.rounded_rectangle(
                s(x, y, x + 120, y + 120), radius=10 * SCALE, fill=p[3] if lit else p[1]
            )
            draw.rectangle(s(x + 56, y, x + 64, y + 120), fill=p[6])
    draw.rounded_rectangle(s(470, 740, 900, 880), radius=10 * SCALE, fill=p[3])
    draw.rounded_rectangle(s(980, 720, 1110, 880), radius=60 * SCALE, fill=p[5])
    for i in range(4):
        x = 520 + i * 100
        draw.ellipse(s(x - 22, 770, x + 22, 814), fill=p[5])
        draw.rounded_rectangle(s(x - 32, 816, x + 32, 880), radius=24 * SCALE, fill=p[2])
    for x in (220, 300, 1320, 1420):
        plant(draw, x, 780, p[5], p[2] if x > 1000 else p[3], dice.between(34, 48))


def draw_repair(canvas: PILImage.Image, p: Palette, dice: Dice) -> None:
    draw = ImageDraw.Draw(canvas)
    # A pegboard of tools above a bench where a bicycle wheel and a lamp wait to be mended.
    draw.rounded_rectangle(s(160, 90, 1440, 520), radius=24 * SCALE, fill=p[6])
    for row in range(6):
        for column in range(18):
            x, y = 210 + column * 68, 130 + row * 64
            draw.ellipse(s(x - 5, y - 5, x + 5, y + 5), fill=p[1])
    for i, x in enumerate((300, 460, 620, 1000, 1160, 1320)):
        length = dice.between(140, 260)
        color = (p[2], p[5], p[4])[i % 3]
        draw.line(s(x, 150, x, 150 + length), fill=color, width=14 * SCALE)
        if i % 2:
            draw.ellipse(s(x - 40, 130, x + 40, 200), outline=color, width=12 * SCALE)
        else:
            draw.rectangle(s(x - 36, 140, x + 36, 180), fill=color)
    soft_shadow(canvas, s(100, 640, 1500, 720), 10 * SCALE)
    draw.rectangle(s(100, 640, 1500, 720), fill=p[5])
    draw.rectangle(s(160, 720, 200, 1000), fill=p[5])
    draw.rectangle(s(1400, 720, 1440, 1000), fill=p[5])
    draw.ellipse(s(330, 330, 650, 650), outline=p[5], width=18 * SCALE)
    draw.ellipse(s(470, 470, 510, 510), fill=p[2])
    for step in range(8):
        angle = math.pi * step / 8
        dx, dy = 150 * math.cos(angle), 150 * math.sin(angle)
        draw.line(s(490 - dx, 490 - dy, 490 + dx, 490 + dy), fill=p[1], width=3 * SCALE)
    draw.polygon(s(1000, 640, 1080, 480, 1160, 640), fill=p[3])
    draw.line(s(1080, 480, 1180, 380), fill=p[5], width=10 * SCALE)
    draw.polygon(s(1140, 330, 1280, 390, 1200, 450), fill=p[2])


def draw_screens(canvas: PILImage.Image, p: Palette, dice: Dice) -> None:
    draw = ImageDraw.Draw(canvas)
    # A digital help desk: screens on a long table, people side by side.
    draw.rectangle(s(0, 700, 1600, 1000), fill=p[6])
    draw.rectangle(s(80, 600, 1520, 640), fill=p[3])
    for i in range(3):
        x = 200 + i * 420
        soft_shadow(canvas, s(x, 300, x + 330, 540), 16 * SCALE)
        draw.rounded_rectangle(s(x, 300, x + 330, 540), radius=16 * SCALE, fill=p[5])
        draw.rounded_rectangle(s(x + 18, 318, x + 312, 522), radius=8 * SCALE, fill=p[6])
        for line in range(4):
            width = dice.between(120, 260)
            y = 350 + line * 40
            color = (p[2], p[4], p[3])[line % 3]
            bar = s(x + 40, y, x + 40 + width, y + 18)
            draw.rounded_rectangle(bar, radius=9 * SCALE, fill=color)
        draw.rectangle(s(x + 150, 540, x + 180, 600), fill=p[5])
        for dx, color in ((-20, p[2]), (240, p[4])):
            cx = x + dx + 60
            draw.ellipse(s(cx - 50, 560, cx + 50, 660), fill=p[1] if dx < 0 else p[0])
            draw.rounded_rectangle(s(cx - 75, 660, cx + 75, 1000), radius=70 * SCALE, fill=color)


def draw_shelves(canvas: PILImage.Image, p: Palette, dice: Dice) -> None:
    draw = ImageDraw.Draw(canvas)
    # A solidarity pantry: crates of vegetables under shelves of jars and packets.
    for row in range(3):
        y = 230 + row * 180
        draw.rectangle(s(140, y, 1460, y + 16), fill=p[5])
        x = 170
        while x < 1400:
            width = dice.between(60, 120)
            height = dice.between(80, 150)
            color = dice.pick((p[2], p[3], p[4], p[6]))
            draw.rounded_rectangle(s(x, y - height, x + width, y), radius=10 * SCALE, fill=color)
            x += width + dice.between(14, 30)
    for i in range(4):
        x = 170 + i * 330
        soft_shadow(canvas, s(x, 800, x + 280, 960), 8 * SCALE)
        draw.rectangle(s(x, 800, x + 280, 960), fill=p[1])
        for j in range(5):
            cx = x + 40 + j * 50
            draw.ellipse(s(cx - 34, 760, cx + 34, 828), fill=(p[2], p[4], p[3])[(i + j) % 3])
        for j in range(3):
            draw.rectangle(s(x, 830 + j * 40, x + 280, 838 + j * 40), fill=p[5])


def draw_mosaic(canvas: PILImage.Image, p: Palette, dice: Dice) -> None:
    draw = ImageDraw.Draw(canvas)
    # An easel holding a mosaic in progress, loose tiles on the table beside it.
    draw.line(s(560, 980, 800, 120), fill=p[5], width=14 * SCALE)
    draw.line(s(1040, 980, 800, 120), fill=p[5], width=14 * SCALE)
    soft_shadow(canvas, s(500, 220, 1100, 700), 12 * SCALE)
    draw.rectangle(s(500, 220, 1100, 700), fill=p[6])
    size = 50
    for row in range(9):
        for column in range(12):
            if row * 12 + column > 80 + dice.between(0, 20):
                continue
            x, y = 515 + column * size, 235 + row * size
            color = dice.pick((p[2], p[3], p[4], p[1], p[2]))
            tile = s(x, y, x + size - 8, y + size - 8)
            draw.rounded_rectangle(tile, radius=6 * SCALE, fill=color)
    draw.rectangle(s(480, 700, 1120, 730), fill=p[5])
    draw.rounded_rectangle(s(1150, 780, 1550, 840), radius=10 * SCALE, fill=p[5])
    for _ in range(12):
        x, y = dice.between(1170, 1510), dice.between(730, 770)
        draw.rectangle(s(x, y, x + 30, y + 30), fill=dice.pick((p[2], p[3], p[4])))
    plant(draw, 240, 860, p[2], p[4], 60)


MORE_MOTIFS: dict[str, Callable[[PILImage.Image, Palette, Dice], None]] = {
    "kitchen": draw_kitchen,
    "house": draw_house,
    "repair": draw_repair,
    "screens": draw_screens,
    "shelves": draw_shelves,
    "mosaic": draw_mosaic,
}
