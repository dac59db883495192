"""Pipeline decisions that do not need OCR."""
from __future__ import annotations

import numpy as np
import pytest

from cardscan.pipeline import _card_shaped, card_jpeg


@pytest.mark.parametrize("w,h,card", [
    (856, 540, True),    # ISO card, cropped by an app
    (540, 856, True),    # the same card, vertical
    (700, 400, True),    # US 3.5×2 in
    (900, 500, True),    # European 90×50 mm
    (1280, 720, False),  # 16:9 phone frame
    (4032, 3024, False),  # 4:3 phone frame
    (3000, 2000, False),  # 3:2 camera frame
    (1000, 1000, False),
])
def test_only_card_proportions_count_as_a_cropped_card(w, h, card):
    assert _card_shaped(np.zeros((h, w, 3), np.uint8)) is card


def test_card_picture_is_a_small_jpeg():
    big = np.full((2000, 3200, 3), 200, np.uint8)
    data = card_jpeg(big)
    assert data[:2] == b"\xff\xd8" and len(data) < 40_000
