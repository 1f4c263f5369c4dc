"""Rasa's command line with one fix applied first. Runs in the chat's own environment
(``.venv-rasa``): ``python -m intake.bot.rasa_main run ...`` (see ``processes.rasa_command``).

Rasa 3.6 checks every action server response with ``jsonschema.validate()``, which checks
the schema itself again on every call before it checks the response. Sampled with py-spy,
that was over half of Rasa's busy time per turn on a 2-core machine (about 19.5 ms a call
against 0.57 ms for a validator built once). ``patch()`` builds the validator once, for
the same schema, with the same errors and message, and changes nothing else. It is
tested in ``tests/bot/test_rasa_main.py`` against Rasa's own method, so an upgrade of Rasa
that changes the method fails the test rather than silently losing the fix.
"""

from __future__ import annotations

import sys


def patch() -> None:
    """Replace ``RemoteAction._validate_action_result`` with one that reuses a validator."""
    from jsonschema.exceptions import best_match
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction

    original = RemoteAction._validate_action_result
    if getattr(original, "validator_built_once", False):
        return
    schema = RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)  # once, here, instead of on every turn
    validator = cls(schema)

    def _validate_action_result(self, result):
        # As jsonschema.validate() does: the most relevant error, with Rasa's own words.
        error = best_match(validator.iter_errors(result))
        if error is None:
            return True
        error.message += (
            ". Failed to validate Action server response from API, make sure your "
            "response from the Action endpoint is valid. For more information about the "
            "format visit https://rasa.com/docs/rasa/custom-actions")
        raise error

    _validate_action_result.validator_built_once = True
    RemoteAction._validate_action_result = _validate_action_result


def main() -> None:
    patch()
    from rasa.__main__ import main as rasa_main
    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
