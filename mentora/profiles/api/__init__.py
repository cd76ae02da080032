"""The profiles REST API: one's own profile and one's own self-identification.

Other people's profiles are a programs rule (who shares a program with whom), so their list and
detail live in `mentora.programs.api`."""
