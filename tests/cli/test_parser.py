"""The command line's contract: every argument of every command says what it does."""

from __future__ import annotations

import argparse

from newsgraph.cli import _parser


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    [sub] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(sub.choices)


def test_every_argument_of_every_command_has_help() -> None:
    parser = _parser()
    missing = []
    for name, command in {"": parser, **_commands(parser)}.items():
        for action in command._actions:
            if isinstance(action, argparse._SubParsersAction):
                continue
            if not action.help or action.help == argparse.SUPPRESS:
                missing.append(f"{name} {'/'.join(action.option_strings) or action.dest}")
    assert missing == []


def test_list_commands_share_one_format_convention() -> None:
    commands = _commands(_parser())
    for name in ("articles", "entities", "events", "stories", "search", "timeline", "coverage"):
        [action] = [a for a in commands[name]._actions if "--format" in a.option_strings]
        assert list(action.choices or []) == ["table", "csv", "json"], name
        assert action.default == "table"


def test_the_input_metadata_options_mean_the_same_for_every_command() -> None:
    commands = _commands(_parser())
    shown = {
        name: {
            a.option_strings[0]: (a.help, a.metavar, a.type, a.default)
            for a in commands[name]._actions
            if a.option_strings
            and a.option_strings[0] in {"--published", "--outlet", "--url", "--title"}
        }
        for name in ("ingest", "batch", "analyze")
    }
    assert len(shown["ingest"]) == 4
    assert shown["ingest"] == shown["batch"] == shown["analyze"]


def test_dated_lists_take_one_kind_of_date_range() -> None:
    commands = _commands(_parser())
    for name in ("events", "coverage"):
        subject = ["--type", "MEET"] if name == "coverage" else []
        args = commands[name].parse_args(["--from", "2025-03", "--to", "2025", *subject])
        assert (args.date_from, args.date_to) == ("2025-03", "2025"), name
        ranged = [a for a in commands[name]._actions if a.dest in ("date_from", "date_to")]
        assert [a.metavar for a in ranged] == ["DATE", "DATE"], name
