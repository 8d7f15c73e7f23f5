from django.db import migrations

from rules import reference


class Migration(migrations.Migration):
    dependencies = [("rules", "0001_initial")]

    operations = [
        migrations.RunPython(reference.load_rules, migrations.RunPython.noop),
        migrations.RunPython(reference.load_holidays, migrations.RunPython.noop),
    ]
