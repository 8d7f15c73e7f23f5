from django.db import migrations

from targets.reference import load


class Migration(migrations.Migration):
    dependencies = [("targets", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
