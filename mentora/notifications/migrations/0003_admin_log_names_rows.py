# The admin's log (history pages, "recent actions") keeps each row's `__str__` as it was when staff
# acted. A notification used to name itself by its title, which quotes what people wrote (a goal,
# a question, a resource's name): rewrite those entries to name the row, as `__str__` now does.
# Not reversible: the titles are not kept.

from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Concat


def name_rows_in_the_admin_log(apps, schema_editor):
    LogEntry = apps.get_model("admin", "LogEntry")
    LogEntry.objects.filter(
        content_type__app_label="notifications", content_type__model="notification"
    ).update(object_repr=Concat(Value("Notification "), "object_id"))


class Migration(migrations.Migration):
    dependencies = [
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("notifications", "0002_body_limit"),
    ]

    operations = [migrations.RunPython(name_rows_in_the_admin_log, migrations.RunPython.noop)]
