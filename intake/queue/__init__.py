"""Getting cases to the council's case system: the outbox relay, its transports and the pull API."""
