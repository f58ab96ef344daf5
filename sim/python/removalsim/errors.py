"""The exceptions removalsim raises (also importable from `removalsim` itself)."""


class Error(Exception):
    """A failure removalsim reports on purpose.

    Attributes
    ----------
    category : str
        What kind of failure it is: ``"user"`` (bad input), ``"output"``, ``"model"`` (the model
        cannot simulate the scenario as specified), ``"resource_exhausted"``, ``"interrupted"``
        or ``"internal"`` (a bug) -- the categories that decide the command line's exit code.
    """

    def __init__(self, what, category="internal"):
        super().__init__(what)
        self.category = category


class ScenarioError(Error, ValueError):
    """A scenario, targets file or value set is invalid: the error and where it lies.

    ``str(error)`` is the command line's message, ``FILE:LINE:COLUMN: KEY.PATH: message``.

    Attributes
    ----------
    message : str
        The message without its location.
    file : str
        The file as it was named (``set`` for a value put by `Scenario.set`, line i being the
        i-th value set).
    line, column : int
        1-based; 0 when unknown.
    key : str
        The dotted key path of the offending value (``countries.MA.lpc.issue_probability``),
        empty when none.
    suggestion : str
        The known name closest to a misspelt key, distribution or metric, empty when none.
    """

    def __init__(self, what, message, file, line, column, key, suggestion):
        super().__init__(what, "user")
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.suggestion = suggestion
