"""The public blueprint: start, questions, check answers, confirmation and help pages;
saving and continuing a form, time-outs (``resume``) and "Check my complaint" (``status``)."""

from flask import Blueprint

bp = Blueprint("public", __name__)

from intake.public import views  # noqa: E402,F401
from intake.public import resume, status  # noqa: E402,F401
