"""REST API for one's own notifications: list, mark read, mark all read, email preferences.

Every object is the signed-in person's own (`mentora.notifications.access`): anyone else's
notification is a 404.
"""
