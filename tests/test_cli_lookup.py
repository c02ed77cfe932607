import json

from click.testing import CliRunner

from mapgen.cli import main


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_lookup_shows_place_and_aliases():
    result = run("lookup", "Shushi")
    assert result.exit_code == 0
    assert "Shusha" in result.output and "39.7" in result.output and "Şuşa" in result.output


def test_ambiguous_name_lists_every_candidate():
    result = run("lookup", "Martuni")
    assert result.exit_code == 0
    assert "places are named 'Martuni'" in result.output
    assert "AZ" in result.output and "AM" in result.output


def test_lookup_json_and_hints():
    result = run("lookup", "Martuni", "--near", "39.8,46.75", "--json")
    records = json.loads(result.output)
    assert records[0]["country"] == "AZ" and records[0]["kind"]
    result = run("lookup", "Martuni", "--country", "AM", "--json")
    assert json.loads(result.output)[0]["country"] == "AM"


def test_aliases_command():
    result = run("aliases", "Stepanakert")
    assert result.exit_code == 0
    assert "Khankendi" in result.output.splitlines()


def test_unknown_name_exits_non_zero_with_suggestions():
    result = run("lookup", "Stepanakrt")
    assert result.exit_code != 0
    assert "did you mean" in result.output and "Stepanakert" in result.output
    assert "Traceback" not in result.output


def test_bad_input_is_one_line_error():
    for args in (["lookup", ""], ["lookup", "x" * 500], ["lookup", "Ba\x00ku"], ["lookup", "Baku", "--near", "abc"]):
        result = run(*args)
        assert result.exit_code != 0
        assert len(result.output.strip().splitlines()) == 1 and result.output.startswith("Error:")
