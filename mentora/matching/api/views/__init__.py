"""The matching endpoints, by feature: runs and their settings, and reviewing a draft."""
