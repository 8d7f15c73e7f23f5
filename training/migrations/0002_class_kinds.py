from django.db import migrations

from training import reference


class Migration(migrations.Migration):
    dependencies = [("training", "0001_initial")]

    operations = [migrations.RunPython(reference.load, migrations.RunPython.noop)]
