"""Bulk import and export of a program's participants, as CSV or XLSX.

One row per person and role. The first row holds the column names (in any order, any case);
`email`, `display_name` and `role` are required, every other column is optional:

=========================  ==============  ===================================================
column                     applies to      value
=========================  ==============  ===================================================
email                      everyone        the person's email address (their login)
display_name               everyone        the name other people see
role                       everyone        mentor or mentee (coach or coachee in a coaching
                                           program)
pronouns, headline, bio    profile         free text
organisation, department   profile         free text (organisation = employer)
job_title, location        profile         free text
job_function, industry     profile         a slug or label of `profiles.choices`
years_experience           profile         a whole number, 0 to 70
seniority                  profile         a slug or label of `profiles.choices.Seniority`
timezone                   profile         an IANA name such as Europe/Lisbon
languages                  profile         ISO 639-1 codes or language names, `;`-separated
profile_url                profile         a web address
meeting_formats            profile         video, phone, in_person (or labels), `;`-separated
manager_email              profile         the person's own manager: someone in the file or
                                           a member of the organisation
skills                     both roles      skills of the taxonomy (names or synonyms), `;`-sep.
                                           A mentor's expertise, a mentee's skills to develop
focus_areas                both roles      skill_building, networking, career_advancement,
                                           emotional_support, encouragement, `;`-separated
free_tags                  mentor          free tags, `;`-separated (60 characters each, 20)
motivation                 mentor          free text
capacity                   mentor          most mentees at once, 0 to 50
hours_per_month            mentor          0 to 160
career_goals               mentee          goals, `;`-separated (300 characters each, 10)
why_mentor                 mentee          free text
meeting_cadence            mentee          weekly, fortnightly, monthly, quarterly
organisation_preference,   mentee          any, same or different
industry_preference,
job_function_preference
=========================  ==============  ===================================================

Rules the import follows (see also docs/importing-participants.md):

- `participants_import_preview` validates every row and writes nothing. Each problem names the
  row as a spreadsheet shows it (the header is row 1), the column, the value and what is wrong.
- `participants_import` writes nothing unless every row is valid, or the manager explicitly
  asks for only the valid rows; either way in one transaction, so a failure half-way leaves
  nothing behind.
- The organisation is a wall. A row is enrolled at once only when its address belongs to the
  organisation: a member (a program manager, someone who accepted an invitation) or an address
  in one of the organisation's verified email domains. Every other row becomes an invitation
  that the person accepts (enrolling with the data the file carried, which they can change) or
  ignores. The preview says which rows are enrolled and which invited, in the same words
  whether or not an address has an account: it never tells who uses Mentora.
- An address in a verified domain without an account gets one (no password: they set one
  through "forgot password"; the address unverified until they do) with a profile from the
  file. An import never changes the profile of an account that exists.
- Imported enrollments are active at once, even in a program that needs approval: the manager
  who imports them approves them. Each one records an enrollment event.
- An exported cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return (or with a
  single quote) is prefixed with a single quote so that spreadsheets do not run it as a
  formula; the importer removes that quote again, so an export imports back to the same data.
"""

from mentora.programs.participant_io.checking import participants_import_preview
from mentora.programs.participant_io.columns import (
    COLUMN_NAMES,
    COLUMNS,
    Column,
    guard,
    unguard,
)
from mentora.programs.participant_io.exporting import EXPORT_CONTENT_TYPES, participants_export
from mentora.programs.participant_io.importing import participants_import
from mentora.programs.participant_io.reading import FileProblem, read_table
from mentora.programs.participant_io.report import (
    ImportReport,
    ParticipantImportError,
    ParticipantRow,
    Problem,
)

__all__ = [
    "COLUMNS",
    "COLUMN_NAMES",
    "EXPORT_CONTENT_TYPES",
    "Column",
    "FileProblem",
    "ImportReport",
    "ParticipantImportError",
    "ParticipantRow",
    "Problem",
    "guard",
    "participants_export",
    "participants_import",
    "participants_import_preview",
    "read_table",
    "unguard",
]
