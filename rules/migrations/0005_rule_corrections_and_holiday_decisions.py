"""Issue 11, rules corrected: the new rule keys and the assessment regulation 366-QĐ/TW (which closes the open
124-QĐ/TW versions), corrections of versions seeded wrongly (each with a change record), and the days decided
by government notices (2025 swap, 2026 Tết and Quốc khánh) with their basis.

Each step inserts or corrects only what is missing or still holds the wrong seed; nothing an administrator
changed is touched.
"""

from django.db import migrations

from rules import holiday_seed, reference, reference_corrections


class Migration(migrations.Migration):
    dependencies = [
        ("rules", "0004_holiday_basis"),
        ("core", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(reference.load_rules, migrations.RunPython.noop),
        migrations.RunPython(reference_corrections.apply_corrections, migrations.RunPython.noop),
        migrations.RunPython(holiday_seed.load_holidays, migrations.RunPython.noop),
    ]
