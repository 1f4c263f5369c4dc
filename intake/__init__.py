"""The complaint intake service for children's social care.

Importing the package loads nothing heavy: the pure core (``intake.journey``,
``intake.eligibility``, ``intake.calendar``, ``intake.cases.builder``) must stay usable
without Flask, for example by the chat's action server.
"""


def create_app(config=None, instance_path=None):
    """Build the Flask app (see ``intake.app.create_app``)."""
    from intake.app import create_app as _create_app
    return _create_app(config, instance_path)
