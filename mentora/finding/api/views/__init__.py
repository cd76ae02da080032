"""The finding endpoints, by feature: choosing a mentor, requests, a mentor's availability."""
