"""The finding pages: recommendations and a mentor's page, requests, and a mentor's pause."""
