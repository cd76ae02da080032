"""The program health dashboard, outcomes and exports."""
