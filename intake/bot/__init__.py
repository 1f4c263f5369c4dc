"""The chat channel: a Rasa project (domain, data, config), its custom actions, and the
Flask blueprint that is the chat's only public door.

Rasa and the action server run in their own Python 3.10 environment (``.venv-rasa``) and
listen on 127.0.0.1 only. This package's top level imports nothing from Rasa or Flask, so
the action server can load the pure journey through it.
"""
