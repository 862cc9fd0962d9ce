"""The database: tables, migrations, the post queue and the encrypted session vault."""
