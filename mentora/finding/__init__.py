"""Self-service: recommendations, bookmarks, requests to mentors."""
