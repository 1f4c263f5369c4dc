"""The pull API's fixed names and numbers, read by the API (``pull``) and by the OpenAPI
document that describes it (``openapi``), so the two cannot disagree."""

PREFIX = "/api/v1"
DESTINATIONS = ("case_system", "duty_team")
TOKEN_PREFIX = "intk_"
PROBLEM = "urn:children-complaints-intake:problem:"
BATCH = {"default": 10, "minimum": 1, "maximum": 100}
LEASE_SECONDS = {"default": 300, "minimum": 30, "maximum": 3600}
MAX_ACKS = 1000
MAX_ID_LENGTH = 64
MAX_BODY_BYTES = 256 * 1024  # a full ack list is about 40 KB
