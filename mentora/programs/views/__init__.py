"""The programs app's pages, one module per audience: participants, managers, import and export,
and the profiles a person may see."""
