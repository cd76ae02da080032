"""The programs REST API: organisations, programs, questionnaires, invitations, enrollments, the
profiles a person may see and the skills taxonomy as an organisation extends it."""
