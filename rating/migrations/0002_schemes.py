"""Load the rating schemes (pre-2018, 132-QĐ/TW, 124-QĐ/TW, 366-QĐ/TW) with their levels and articles."""

from django.db import migrations

from rating import reference


class Migration(migrations.Migration):
    dependencies = [("rating", "0001_campaigns_ratings_steps")]

    operations = [migrations.RunPython(reference.load, migrations.RunPython.noop)]
