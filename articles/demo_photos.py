"""
Simple illustrations that stand in for news photos in the demo: a sky, then layers
of landscape drawn back to front. The same scene and seed always draw the same
picture, so a rerun of `seed_demo` cannot tell them apart.
"""

import io
import math
import random

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1600, 1067
HORIZON = 620

# Colour at the top of the sky, colour at the horizon, colour of the sun or moon.
SKIES = {
    "day": ((62, 120, 196), (186, 218, 240), (255, 246, 210)),
    "dawn": ((86, 104, 164), (250, 196, 148), (255, 226, 160)),
    "dusk": ((38, 36, 92), (236, 128, 86), (255, 196, 120)),
    "night": ((8, 12, 36), (36, 46, 88), (236, 236, 220)),
}
WALLS = [(196, 164, 132), (226, 208, 176), (150, 96, 84), (176, 184, 190)]
BRIGHT = [(200, 40, 50), (30, 80, 160), (240, 200, 40), (40, 130, 80), (240, 240, 235)]
SKIN = [(241, 200, 170), (214, 160, 120), (160, 110, 76), (104, 70, 50)]
# A boat's outline, in multiples of its size.
HULL = [(0, 0), (3, 0), (2.6, 0.5), (0.4, 0.5)]
SAIL = [(1.5, -2), (1.5, -0.1), (2.6, -0.1)]
RIDGE_XS = range(0, WIDTH + 1, 20)


def draw_scene(sky, layers, seed):
    """
    JPEG bytes of a picture under one of SKIES, with `layers` (names in LAYERS)
    drawn back to front: ground first ("hills", "sea", "street"), then the rest.
    """
    rng = random.Random(seed)
    image = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    top, horizon, disc = SKIES[sky]
    _gradient(draw, top, horizon, 0, HORIZON)
    if sky == "night":
        for _star in range(120):
            x, y = rng.randrange(WIDTH), rng.randrange(HORIZON - 150)
            draw.point([(x, y), (x + 1, y)], fill=(220, 220, 200))
    x, y, r = rng.randint(200, 1400), rng.randint(90, 300), rng.randint(45, 75)
    draw.ellipse([x - r, y - r, x + r, y + r], fill=disc)
    for layer in layers:
        LAYERS[layer](draw, rng, sky == "night")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


def _mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _shade(colour, night):
    # Land and people are darkened at night; lit windows are not.
    return _mix(colour, (10, 14, 30), 0.6) if night else colour


def _gradient(draw, top, bottom, y0, y1):
    for y in range(y0, y1):
        draw.line([(0, y), (WIDTH, y)], fill=_mix(top, bottom, (y - y0) / (y1 - y0)))


def _hills(draw, rng, night):
    for depth, green in enumerate([(120, 150, 110), (84, 128, 70), (58, 98, 50)]):
        base, phase = HORIZON - 60 + depth * 50, rng.uniform(0, math.tau)
        wave = rng.uniform(0.002, 0.005)
        ridge = [(x, base - 90 * math.sin(x * wave + phase) ** 2) for x in RIDGE_XS]
        draw.polygon([*ridge, (WIDTH, HEIGHT), (0, HEIGHT)], fill=_shade(green, night))


def _sea(draw, rng, night):
    far, near = _shade((70, 130, 170), night), _shade((20, 60, 100), night)
    _gradient(draw, far, near, HORIZON, HEIGHT)
    foam = _shade((150, 190, 215), night)
    for _wave in range(90):
        x, y = rng.randrange(WIDTH), rng.randrange(HORIZON + 10, HEIGHT)
        draw.line([(x, y), (x + 20 + (y - HORIZON) // 4, y)], fill=foam, width=2)


def _street(draw, rng, night):
    road, kerb = _shade((120, 120, 116), night), _shade((160, 156, 148), night)
    draw.rectangle([0, HORIZON, WIDTH, HEIGHT], fill=road)
    draw.rectangle([0, HORIZON, WIDTH, HORIZON + 18], fill=kerb)


def _buildings(draw, rng, night):
    x = rng.randint(-60, 0)
    while x < WIDTH:
        width, top = rng.randint(90, 220), HORIZON - rng.randint(120, 420)
        wall, glass = _shade(rng.choice(WALLS), night), _shade((60, 70, 90), night)
        draw.rectangle([x, top, x + width, HORIZON], fill=wall)
        for wy in range(top + 20, HORIZON - 30, 40):
            for wx in range(x + 14, x + width - 24, 34):
                lit = night and rng.random() < 0.5
                window = (250, 214, 120) if lit else glass
                draw.rectangle([wx, wy, wx + 16, wy + 22], fill=window)
        x += width + rng.choice([0, 10, 30, 90])


def _boats(draw, rng, night):
    for _boat in range(rng.randint(2, 4)):
        y = rng.randint(HORIZON + 60, HEIGHT - 120)
        size = 40 + (y - HORIZON) // 3
        x = rng.randint(40, WIDTH - 3 * size - 40)
        for shape, colour in [(HULL, rng.choice(BRIGHT)), (SAIL, (245, 245, 240))]:
            points = [(x + dx * size, y + dy * size) for dx, dy in shape]
            draw.polygon(points, fill=_shade(colour, night))


def _crowd(draw, rng, night):
    for row in range(5):
        scale, feet = 0.6 + row * 0.25, HEIGHT - 330 + row * 90
        for spot in range(rng.randint(-30, 0), WIDTH + 40, round(60 * scale)):
            x, head = spot + rng.randint(-12, 12), 18 * scale
            top = feet - rng.uniform(70, 90) * scale
            shirt = _shade(rng.choice(BRIGHT), night)
            skin = _shade(rng.choice(SKIN), night)
            body = [x - 22 * scale, top, x + 22 * scale, HEIGHT]
            draw.rounded_rectangle(body, radius=14 * scale, fill=shirt)
            draw.ellipse([x - head, top - 2 * head, x + head, top], fill=skin)


LAYERS = {
    "hills": _hills,
    "sea": _sea,
    "street": _street,
    "buildings": _buildings,
    "boats": _boats,
    "crowd": _crowd,
}
