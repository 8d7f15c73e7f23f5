from django.db import migrations

from organizations import reference


class Migration(migrations.Migration):
    dependencies = [("organizations", "0001_initial")]

    operations = [migrations.RunPython(reference.load, migrations.RunPython.noop)]
