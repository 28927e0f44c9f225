"""pii: the one-regex pass-over (`_RUN11`) never skips a text that holds an ID or a mobile number."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from minqing import pii

# digits (ASCII and full-width), every separator the patterns fold, letters and CJK around them
ALPHABET = "0123456789０１２３４５６７８９ .-－‐‑–．\u3000\u00a0+()（）Xx号码电话"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_pass_over_is_only_for_texts_without_numbers(text: str) -> None:
    folded = pii.fold(text)
    if pii._RUN11.search(text) is None:
        assert not pii.ID18.search(folded)
        assert not pii.ID15.search(folded)
        assert not pii.MOBILE.search(folded)
        assert pii.mask_numbers(text) == text


def test_masks_every_written_form() -> None:
    assert pii.mask_numbers("电话13800138000") == "电话138****8000"
    assert pii.mask_numbers("１３８ ００１３ ８０００") == "138****8000"
    assert pii.mask_numbers("+86 138.0013.8000") == "138****8000"
    assert pii.mask_numbers("身份证110101199003074514") == "身份证110101********4514"
    assert pii.mask_numbers("第12345号") == "第12345号"
