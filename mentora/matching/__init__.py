"""Match runs: drafts a manager reviews, pins and publishes."""
