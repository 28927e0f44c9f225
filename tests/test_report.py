"""report: the writers of command output."""

from __future__ import annotations


def test_dump_json_writes_what_json_dumps_writes():
    """orjson is only a faster pen: the text is byte for byte `json.dumps(indent=2, ensure_ascii=False)`,
    but for the spelling of a float (orjson writes 0.00006103515625 where json writes 6.103515625e-05):
    the same value either way."""
    import json as stdjson

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from minqing.report import dump_json

    def has_float(value):
        if isinstance(value, float):
            return True
        if isinstance(value, list):
            return any(has_float(v) for v in value)
        if isinstance(value, dict):
            return any(has_float(v) for v in value.values())
        return False

    scalars = (st.none() | st.booleans() | st.integers(-2**63, 2**63 - 1)
               | st.floats(allow_nan=False, allow_infinity=False) | st.text())
    values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                          | st.dictionaries(st.text(), inner, max_size=4), max_leaves=20)

    @settings(max_examples=300, deadline=None)
    @given(values)
    def same(value):
        text = dump_json(value)
        assert stdjson.loads(text) == value
        if not has_float(value):
            assert text == stdjson.dumps(value, ensure_ascii=False, indent=2) + "\n"

    same()
    assert dump_json({"n": 2**70}) == stdjson.dumps({"n": 2**70}, indent=2) + "\n"  # orjson declines: json writes it
