"""REST API of the reports, asking `mentora.reports.access`: a program's dashboard figures, the
comparison by self-identified group and the exports (its managers only; 404 for everyone else),
and a person's own progress.

Every figure is an object `{value, n, suppressed}`: `value` is null when fewer than five people
are behind it, exactly as on the dashboard page. Figures by group add `low` and `high`, the 95%
range of their protective noise (`mentora.lib.group_figures`).
"""
