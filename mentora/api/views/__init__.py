"""API views, one module per feature. Thin: parse, call one selector or service, serialize."""
