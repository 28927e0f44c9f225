"""Reading bytes: encodings, line ends, splitting, IME punctuation, YAML kept as text."""

from __future__ import annotations

from minqing.frontmatter import decode, parse, to_python

def codes(data: bytes) -> list[tuple[str, int | None]]:
    return [(p.code, p.line) for p in parse(data).problems]


def test_utf8_with_bom_and_crlf_is_read():
    parsed = parse("\ufeff---\r\n标题: 修路\r\n---\r\n正文\r\n".encode())
    assert parsed.problems == ()
    assert to_python(parsed.front) == {"标题": "修路"}
    assert parsed.body_line == 4


def test_lone_cr_line_ends_count_as_lines():
    parsed = parse(b"---\r\xe6\xa0\x87: a\rb: [\r---\rbody")
    assert [(p.code, p.line) for p in parsed.problems] == [("MQ004", 4)]


def test_gbk_is_named_not_decoded():
    data = "---\n标题: 修路\n---\n".encode("gbk")
    text, problem = decode(data)
    assert text is None and problem.code == "MQ001" and problem.line == 2
    assert problem.params["encoding"] == "GBK"


def test_yaml_11_surprises_stay_text():
    parsed = parse("---\n标题: 否\nb: on\nc: 010\nd: 2024年3月17日\ne: 1.0\n---\n".encode())
    assert to_python(parsed.front) == {"标题": "否", "b": "on", "c": "010", "d": "2024年3月17日", "e": "1.0"}


def test_full_width_colon_after_key_is_found_before_yaml():
    assert codes("---\n日期: 2024-03-05\n标题：修路\n---\n".encode()) == [("MQ007", 3)]


def test_full_width_colon_inside_a_value_is_fine():
    assert codes("---\n标题: 会议：讨论修路\n---\n".encode()) == []


def test_full_width_space_and_comma():
    assert codes("---\n诉求:\n\u3000- 摘要: x\n---\n".encode()) == [("MQ007", 3)]
    assert codes("---\n农户: [qa-01，qa-02]\n---\n".encode()) == [("MQ007", 2)]


def test_conflict_markers_are_one_diagnostic():
    data = "---\n<<<<<<< HEAD\n标题: a\n=======\n标题: b\n>>>>>>> other\n---\n".encode()
    assert codes(data) == [("MQ005", 2)]


def test_setext_heading_is_not_a_conflict():
    assert codes("---\n标题: a\n---\n\n总结\n=======\n".encode()) == []


def test_alias_bomb_is_refused_before_building():
    lines = ["---", "a: &a [x, x]"] + [f"b{i}: &b{i} [*{'a' if i == 0 else 'b' + str(i - 1)}, *{'a' if i == 0 else 'b' + str(i - 1)}]" for i in range(30)] + ["---"]
    assert codes("\n".join(lines).encode()) == [("MQ004", 2)]


def test_custom_tag_is_refused():
    data = b"---\na: 1\nb: !!python/object/apply:os.system ['echo pwned']\n---\n"
    assert codes(data) == [("MQ004", 3)]


def test_deep_nesting_neither_hangs_nor_crashes():
    assert codes(b"---\na: " + b"[" * 40000 + b"\n---\n") == [("MQ004", 2)]
    deep = "".join(" " * i + f"k{i}:\n" for i in range(500))
    assert codes(("---\n" + deep + "---\n").encode())[0][0] == "MQ004"


def test_tab_indent_is_named():
    problems = parse(b"---\nissues:\n\t- a\n---\n").problems
    assert (problems[0].code, problems[0].line, problems[0].key) == ("MQ004", 3, "MQ004.tab")


def test_missing_and_unclosed_front_matter():
    assert codes(b"") == [("MQ002", 1)]
    assert codes(b"   \n\n") == [("MQ002", 1)]
    assert codes("只是正文".encode()) == [("MQ002", 1)]
    assert codes(b"---\na: 1\n") == [("MQ003", 1)]


def test_u2028_in_body_does_not_shift_lines():
    parsed = parse("---\na: 1\n---\n正文\u2028还是第4行\n第5行\n".encode())
    assert parsed.text.split("\n")[4] == "第5行"
