"""The survey pages: participants' own surveys and progress, and the managers' pages."""
