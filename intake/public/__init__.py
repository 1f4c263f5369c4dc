"""The web form channel: start, questions, check answers, confirmation and help pages;
saving and continuing a form (``resume``), "Check my complaint" (``status``), asking for
an advocate (``advocacy``), the rights a young person can use from it (``rights``), the
privacy, online safety, cookies and accessibility pages (``info``) and choosing a language
(``language``). Importing the package registers every page on ``bp``."""

from intake.public import advocacy, info, language, resume, rights, status, views  # noqa: F401
from intake.public.blueprint import bp

__all__ = ["bp"]
