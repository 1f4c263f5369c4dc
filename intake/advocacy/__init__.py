"""Warm advocacy referrals: what the council's advocacy provider is sent when a young person
asks for an advocate (pure: no Flask, no database)."""
