"""The top of the house: what must know every app (the demo, site-wide commands)."""
