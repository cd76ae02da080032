"""The programs API's views, one module per resource. Thin: parse, ask the access module, call one
selector or service, serialize."""
