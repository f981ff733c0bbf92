"""Reading data files: every error names the file, the row and the field."""

from __future__ import annotations

import pytest

from helpers.datafiles import DataFileError, read_csv, read_json, require, split_list


def test_csv_rows_are_read_and_trimmed(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("id,text\n a , hello \nb,world\n", encoding="utf-8")
    assert read_csv(path, ["id", "text"]) == [{"id": "a", "text": "hello"}, {"id": "b", "text": "world"}]


def test_csv_empty_required_cell_names_row_and_field(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("id,text\na,hello\nb,\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"t\.csv, row 3, field 'text': this cell is empty"):
        read_csv(path, ["id", "text"])


def test_csv_missing_and_unknown_columns(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("id,colour\na,red\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"row 1: the header lacks column\(s\) text"):
        read_csv(path, ["id", "text"])
    with pytest.raises(DataFileError, match="unknown column"):
        read_csv(path, ["id"])


def test_csv_saved_by_excel_with_a_byte_order_mark(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("\ufeffid,text\r\na,hello\r\n", encoding="utf-8")
    assert read_csv(path, ["id", "text"]) == [{"id": "a", "text": "hello"}]


def test_csv_cells_with_line_breaks_stay_in_their_row(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text('id,text\na,"line one\nline two"\nb,"a \u2028 separator"\nc,\n', encoding="utf-8")
    with pytest.raises(DataFileError, match=r"t\.csv, row 4, field 'text': this cell is empty"):
        read_csv(path, ["id", "text"])
    path.write_text('id,text\na,"line one\nline two"\nb,"a \u2028 separator"\n', encoding="utf-8")
    assert read_csv(path, ["id", "text"]) == [
        {"id": "a", "text": "line one\nline two"},
        {"id": "b", "text": "a \u2028 separator"},
    ]


def test_csv_row_with_extra_cells(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("id,text\na,b,c\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="row 2: this row has more cells than the header"):
        read_csv(path, ["id", "text"])


def test_empty_and_missing_files(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("", encoding="utf-8")
    with pytest.raises(DataFileError, match="the file is empty"):
        read_csv(path, ["id"])
    with pytest.raises(DataFileError, match=r"nope\.json: file not found"):
        read_json(tmp_path / "nope.json")


def test_require_checks_type_and_blank_text(tmp_path):
    path = tmp_path / "x.json"
    assert require({"a": "x"}, "a", str, path, "top level") == "x"
    with pytest.raises(DataFileError, match="field 'a': expected list, got str"):
        require({"a": "x"}, "a", list, path, "top level")
    with pytest.raises(DataFileError, match="field 'a': expected int, got bool"):
        require({"a": True}, "a", int, path, "top level")
    with pytest.raises(DataFileError, match="expected an object, got list"):
        require([], "a", str, path, "exercise 1")


def test_split_list():
    assert split_list(" a; b ;;c ") == ("a", "b", "c") and split_list("") == ()


def test_json_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "x.json"
    path.write_bytes('\ufeff{"a": 1}'.encode("utf-8"))
    assert read_json(path) == {"a": 1}


def test_json_with_a_key_twice_is_refused_naming_the_key(tmp_path):
    path = tmp_path / "x.json"
    path.write_text('{"exercises": [{"id": "q1", "prompt": "A?", "prompt": "B?"}]}', encoding="utf-8")
    with pytest.raises(
        DataFileError, match=r"x\.json, field 'prompt': the key 'prompt' appears twice in the object with id 'q1'"
    ):
        read_json(path)
    path.write_text('{"a": 1, "a": 1}', encoding="utf-8")
    with pytest.raises(DataFileError, match="the key 'a' appears twice in one object"):
        read_json(path)


def test_csv_problems_are_all_reported_in_row_order(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("id,text\na,\n,\nb,c,d\n,x\n", encoding="utf-8")  # row 3 is blank: skipped
    with pytest.raises(DataFileError) as raised:
        read_csv(path, ["id", "text"])
    assert [(p.row, p.field) for p in raised.value.problems] == [(2, "text"), (4, None), (5, "id")]
    assert str(raised.value).count("\n") == 3 and "… and 2 more problem(s):" in str(raised.value)


def test_unknown_column_suggests_the_closest_known_one(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("id,txet\na,b\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"row 1: unknown column 'txet' \(did you mean 'text'\?\)"):
        read_csv(path, ["id"], optional=["text"])


def test_an_error_with_many_problems_keeps_them_all_but_lists_twenty(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("id,text\n" + "a,\n" * 50, encoding="utf-8")
    with pytest.raises(DataFileError) as raised:
        read_csv(path, ["id", "text"])
    assert len(raised.value.problems) == 50 and str(raised.value).count("\n") == 21
    assert str(raised.value).endswith("… 30 more (helpers.casefolder.check_case lists them all)")
