"""Load the rule versions added since 0002 (the plausibility age floors of candidates and the awareness course).

`load_rules` inserts only what is missing and never changes what an administrator has edited.
"""

from django.db import migrations

from rules import reference


class Migration(migrations.Migration):
    dependencies = [("rules", "0002_reference_data")]

    operations = [migrations.RunPython(reference.load_rules, migrations.RunPython.noop)]
