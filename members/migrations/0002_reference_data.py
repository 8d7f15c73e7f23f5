from django.db import migrations

from members import reference


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]

    operations = [migrations.RunPython(reference.load, migrations.RunPython.noop)]
