"""Mentora: an open-source platform for mentoring and coaching programs."""
