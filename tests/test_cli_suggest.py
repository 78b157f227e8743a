"""Suggestions for mistyped names."""

from __future__ import annotations

from danvan_kg.cli.suggest import did_you_mean, unknown_options


def test_did_you_mean_picks_the_closest_and_stays_quiet_when_nothing_is_close() -> None:
    assert did_you_mean("serch", ["search", "models"]) == " (did you mean 'search'?)"
    assert did_you_mean("--movment", ["--movement", "--place"]) == " (did you mean '--movement'?)"
    assert did_you_mean("xyz", ["search", "models"]) == ""
    assert did_you_mean("--format", ["--out"]) == ""  # similar length is not similar enough


def test_unknown_options_names_each_extra() -> None:
    message = unknown_options(["--movment", "x", "--plce=Huế"], ["--movement", "--place"])
    assert message == (
        "unrecognized arguments: --movment (did you mean '--movement'?) x"
        " --plce=Huế (did you mean '--place'?)"
    )


def test_a_shared_option_the_command_lacks_is_named() -> None:
    assert unknown_options(["--format", "json"], ["--out"], "build", ["--format"]) == (
        "`danvan-kg build` takes no --format"
    )
