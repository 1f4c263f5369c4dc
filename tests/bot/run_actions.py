"""Run one custom action against a stored tracker, in the Rasa environment (.venv-rasa).

Used by tests/bot/test_actions.py, which runs in the app's environment: the actions need
rasa-sdk, which lives only beside Rasa. Reads {"action": name, "tracker": {...}} on stdin
and prints {"events": [...], "messages": [...]} as JSON.
"""

import asyncio
import inspect
import json
import sys

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from intake.bot import actions


def main() -> None:
    request = json.load(sys.stdin)
    wanted = request["action"]
    found = [cls for cls in _all(actions.Action) if cls.__module__ == actions.__name__
             and not inspect.isabstract(cls) and _name(cls) == wanted]
    if not found:
        sys.exit(f"no action {wanted}")
    dispatcher = CollectingDispatcher()
    tracker = Tracker.from_dict(request["tracker"])
    result = found[0]().run(dispatcher, tracker, request.get("domain", {}))
    events = asyncio.run(result) if inspect.isawaitable(result) else result
    print(json.dumps({"events": events, "messages": [m.get("custom") for m in dispatcher.messages]}))


def _all(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _all(sub)


def _name(cls) -> str | None:
    try:
        return cls().name()
    except NotImplementedError:
        return None


if __name__ == "__main__":
    main()
