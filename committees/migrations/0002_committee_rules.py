"""Insert the committee rules (declared in rules/reference.py) on installations whose rules were loaded before."""

from django.db import migrations

from committees import reference


class Migration(migrations.Migration):
    dependencies = [("committees", "0001_terms_congresses_seats"), ("rules", "0002_reference_data")]

    operations = [migrations.RunPython(reference.load, migrations.RunPython.noop)]
