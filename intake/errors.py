"""Friendly error pages: nobody sees a stack trace, and nothing says "500" to a child."""

from flask import render_template
from flask_babel import gettext
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from intake.extensions import db


def register(app):
    @app.errorhandler(CSRFError)
    def session_expired(_error):
        return render_template(
            "error.html", heading=gettext("Sorry, that did not work"),
            message=gettext("This page was open for a long time or the browser was closed, so we "
                            "could not save that answer. Please go back and try again.")), 400

    @app.errorhandler(HTTPException)
    def http_error(error):
        if error.code == 404:
            heading = gettext("Page not found")
            message = gettext("We could not find that page. Check the address, or go to the start.")
        elif error.code == 413:
            heading = gettext("That was too long")
            message = gettext("What you sent was too long. Please go back and make it shorter.")
        else:
            heading = gettext("Sorry, something went wrong")
            message = gettext("Please go back and try again.")
        return render_template("error.html", heading=heading, message=message), error.code

    @app.errorhandler(Exception)
    def unexpected(error):
        app.logger.exception("unexpected error", exc_info=error)
        db.session.rollback()
        return render_template(
            "error.html", heading=gettext("Sorry, something went wrong"),
            message=gettext("Your answers are saved. Please try again in a few minutes.")), 500
