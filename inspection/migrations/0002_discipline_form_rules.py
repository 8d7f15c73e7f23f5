from django.db import migrations

from inspection import reference


class Migration(migrations.Migration):
    dependencies = [("inspection", "0001_discipline_and_inspection")]

    operations = [migrations.RunPython(reference.load, migrations.RunPython.noop)]
