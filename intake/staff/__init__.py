"""The complaints team's side: sign-in, the intake queue, triage, audit and reports."""

from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff")


@bp.app_context_processor
def staff_pages():
    from flask import request
    return {"exit_this_page": not request.path.startswith("/staff")}


from intake.staff import account, cases, reports  # noqa: E402,F401
