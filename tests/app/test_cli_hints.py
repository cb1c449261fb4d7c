"""'Did you mean' for subcommands and options (issue 23): `brirf`, `--yeers`, `--fromat`."""
import pytest

from reporter.cli import main


@pytest.mark.parametrize("argv,hint", [
    (["brirf", "--years", "2021"], "did you mean 'brief'?"),
    (["brief", "--yeers", "2021"], "--yeers: did you mean --years?"),
    (["brief", "--years", "2021", "--fromat", "pdf"], "--fromat: did you mean --format?"),
    (["templates", "cpy", "brief", "x"], "did you mean 'copy'?"),
    (["review", "--years", "2021", "--acept", "abc"], "--acept: did you mean --accept?"),
])
def test_a_typo_gets_the_nearest_name(argv, hint, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert hint in err and err.count("\n") <= 7  # the usage lines (brief has --area too) and the error


def test_no_hint_for_something_unlike_anything(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit):
        main(["brief", "--years", "2021", "--zzzzzzzz"])
    assert "--zzzzzzzz: no such option" in capsys.readouterr().err
