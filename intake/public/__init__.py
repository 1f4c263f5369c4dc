"""The public blueprint: start, questions, check answers, confirmation and help pages;
saving and continuing a form, time-outs (``resume``), "Check my complaint" (``status``),
asking for an advocate (``advocacy``), the rights a young person can use from it
(``rights``), the privacy, online safety, cookies and accessibility pages (``info``) and
choosing a language (``language``)."""

from flask import Blueprint

bp = Blueprint("public", __name__)

from intake.public import views  # noqa: E402,F401
from intake.public import advocacy, info, language, resume, rights, status  # noqa: E402,F401
