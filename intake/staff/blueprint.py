"""The staff area's blueprint, in a module of its own so the page modules can add to it
without importing the package that gathers them."""

from flask import Blueprint, request

bp = Blueprint("staff", __name__, url_prefix="/staff")


@bp.app_context_processor
def staff_pages():
    return {"exit_this_page": not request.path.startswith("/staff")}
