from django.db import migrations


class Migration(migrations.Migration):
    """Apart from 0003's data move: PostgreSQL alters no table with updates pending in the
    same transaction."""

    dependencies = [("matching", "0003_seed_drafts_documents_members")]

    operations = [migrations.RemoveField(model_name="need", name="publication_agreed")]
