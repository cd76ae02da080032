"""The framework-free matching core: scoring, candidates, solvers, metrics. Never imports Django."""
