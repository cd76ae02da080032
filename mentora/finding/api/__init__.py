"""The finding REST API: the same rules as the pages, through the same access and services.

A mentee of a self-service program reads recommendations and mentors' pages, keeps bookmarks and
a private checklist, and sends requests; the mentor answers them and pauses when away. Everyone
else gets 404. The private checklist and note are only ever returned to their author.
"""
