# The admin's log (history pages, "recent actions") keeps each row's `__str__` as it was when staff
# acted. Goals, milestones, questions, replies, lessons and resources used to name themselves by
# their text: rewrite those entries to name the row, as `__str__` now does (what the two people
# wrote is theirs, staff included). Not reversible: the texts are not kept.

from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Concat

CONTENT_MODELS = {
    "goal": "Goal",
    "milestone": "Milestone",
    "question": "Question",
    "reply": "Reply",
    "lesson": "Lesson",
    "resource": "Resource",
}


def name_rows_in_the_admin_log(apps, schema_editor):
    LogEntry = apps.get_model("admin", "LogEntry")
    for model, word in CONTENT_MODELS.items():
        LogEntry.objects.filter(
            content_type__app_label="relationships", content_type__model=model
        ).update(object_repr=Concat(Value(f"{word} "), "object_id"))


class Migration(migrations.Migration):
    dependencies = [
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("relationships", "0003_resource_files_private"),
    ]

    operations = [migrations.RunPython(name_rows_in_the_admin_log, migrations.RunPython.noop)]
