"""What the demo's drawings share: the canvas, the palettes, deterministic dice and a few shapes.

Drawn at twice the size then reduced: Pillow does not anti-alias shapes.
"""

import hashlib
from collections.abc import Iterator

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFilter

SIZE = (1600, 1000)
SCALE = 2

Color = str
# Each palette: background top, background bottom, main, second, accent, dark, light.
PALETTES: tuple[tuple[Color, ...], ...] = (
    ("#fae2c4", "#f0b48c", "#c8553d", "#e0a458", "#8a9a5b", "#5b3a29", "#fcf4e6"),
    ("#f6d7b0", "#d68c6e", "#b04a38", "#f28f6b", "#638267", "#482e28", "#fff3e0"),
    ("#fceccd", "#e9c46a", "#e76f51", "#f4a261", "#2a6f73", "#40342e", "#fff8eb"),
    ("#f4dec8", "#cd9678", "#9e5046", "#d9a441", "#7e926c", "#3c2a26", "#faf0e2"),
    # Cooler ones, so that lieux and campaigns do not all share one warm light.
    ("#dcebe3", "#9cc5b4", "#2f7a6b", "#e9b949", "#d1603d", "#22413b", "#f4faf6"),
    ("#dde6f0", "#a7bcd6", "#3d5a80", "#ee6c4d", "#98c1d9", "#293241", "#f6f8fb"),
    ("#f3dfe3", "#d9a5b3", "#8e3b5b", "#f2a65a", "#5c8d89", "#3b2530", "#fdf3f5"),
    ("#eef0d5", "#c9cf8f", "#6b7d2a", "#e8871e", "#c24d2c", "#34381c", "#fbfbef"),
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


def s(*values: float) -> list[int]:
    return [round(v * SCALE) for v in values]


def gradient(top: Color, bottom: Color) -> PILImage.Image:
    size = (SIZE[0] * SCALE, SIZE[1] * SCALE)
    mask = PILImage.linear_gradient("L").resize(size, PILImage.Resampling.BILINEAR)
    return PILImage.composite(
        PILImage.new("RGB", mask.size, bottom), PILImage.new("RGB", mask.size, top), mask
    )


def soft_shadow(canvas: PILImage.Image, box: list[int], radius: int) -> None:
    # Blurred at a quarter of the size: a soft shadow needs no detail and this is 16 times cheaper.
    small = (canvas.width // 4, canvas.height // 4)
    shadow = PILImage.new("L", small, 0)
    ImageDraw.Draw(shadow).rounded_rectangle([v // 4 for v in box], radius=radius // 4, fill=70)
    shadow = shadow.filter(ImageFilter.GaussianBlur(18 * SCALE / 4))
    shadow = shadow.resize(canvas.size, PILImage.Resampling.BILINEAR)
    canvas.paste("#3c281e", (0, 0), shadow)


def plant(
    draw: ImageDraw.ImageDraw, x: float, y: float, pot: Color, leaf: Color, size: float
) -> None:
    draw.polygon(
        s(x - size, y, x + size, y, x + size * 0.7, y + size * 1.3, x - size * 0.7, y + size * 1.3),
        fill=pot,
    )
    for dx, dy, w in ((-0.8, -1.6, 0.7), (0.6, -1.9, 0.8), (0, -2.6, 0.9), (-0.2, -1.2, 0.6)):
        cx, cy = x + dx * size, y + dy * size
        draw.ellipse(
            s(cx - w * size, cy - w * size * 0.6, cx + w * size, cy + w * size * 0.6), fill=leaf
        )
