"""The web form's blueprint, in a module of its own so the page modules can add to it
without importing the package that gathers them."""

from flask import Blueprint

bp = Blueprint("public", __name__)
