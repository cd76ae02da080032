"""Survey instruments, schedules and responses."""
