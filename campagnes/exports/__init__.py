"""Exports of the team's records as CSV and XLSX, streamed and logged."""
