from django.db import migrations

from honours import reference


class Migration(migrations.Migration):
    dependencies = [("honours", "0001_initial")]

    operations = [migrations.RunPython(reference.load, migrations.RunPython.noop)]
