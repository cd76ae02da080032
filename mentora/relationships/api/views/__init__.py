"""The relationships endpoints, split like the pages: the relationship and its stage,
initiation, meetings, the content the pair works on, and closing."""
