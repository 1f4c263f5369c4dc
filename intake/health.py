"""Health checks for load balancers and orchestrators."""

from flask import Blueprint, jsonify
from sqlalchemy import func, select, text

from intake.cases.models import OutboxEvent
from intake.extensions import db

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """The process is serving."""
    return jsonify(status="ok")


@bp.get("/readyz")
def readyz():
    """Ready when the database answers; reports the chat bot, the outbox backlog and parked
    events."""
    try:
        db.session.execute(text("SELECT 1"))
        backlog = db.session.execute(
            select(func.count()).select_from(OutboxEvent)
            .where(OutboxEvent.delivered_at.is_(None), OutboxEvent.dead_at.is_(None))
        ).scalar_one()
        parked = db.session.execute(
            select(func.count()).select_from(OutboxEvent).where(OutboxEvent.dead_at.is_not(None))
        ).scalar_one()
    except Exception as exc:  # any database failure means "not ready", never a 500
        db.session.rollback()
        return jsonify(status="unavailable", database="down", error=type(exc).__name__), 503
    # The chat is one channel of three: without Rasa the form and Easy Read still work, so
    # the bot is reported but does not make the service unready.
    from intake.bot.chat import rasa
    bot = "ok" if rasa().ready() else "unavailable"
    return jsonify(status="ok", database="ok", bot=bot,
                   queue={"undelivered": backlog, "parked": parked})
