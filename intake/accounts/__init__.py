"""Staff accounts, the audit log and case notes: tables and rules shared by the staff area,
the public rights pages and the commands (no channel owns them)."""
