from django.db import migrations

from accounts import reference


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_initial")]

    operations = [migrations.RunPython(reference.load, migrations.RunPython.noop)]
