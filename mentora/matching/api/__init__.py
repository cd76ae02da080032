"""The matching REST API: the same rules as the pages, through the same access and services.

Only the program's managers see any of it; everyone else gets 404. Starting a run answers 202:
the run works in the background, and its `status`, `stage` and `percent` show how far it is.
"""
