"""The matching pages: runs and their settings, progress, draft review, moves, publishing."""
