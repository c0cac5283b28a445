"""Errors that carry a one-line reason meant for the user."""


class NewsgraphError(Exception):
    """Base class: str(error) is a complete one-line message."""


class InputError(NewsgraphError):
    """An input cannot be turned into an article; the rest of the batch goes on."""


class StoreError(NewsgraphError):
    """The store cannot be opened or written."""
