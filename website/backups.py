"""Backups of the database and uploaded media, and their restore.

A backup is one directory: `database.dump` (PostgreSQL, pg_dump's custom format) or
`database.sqlite3` (SQLite's online backup), `media.tar.gz` when media live on this
machine's disk, and `manifest.json` saying what is inside. Media on S3-compatible storage
are not copied here: keep the bucket versioned or sync it (see README, "Backups").
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connections
from django.utils import timezone

MANIFEST = "manifest.json"
POSTGRES_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
MEDIA_ARCHIVE = "media.tar.gz"


class BackupError(Exception):
    pass


def media_on_local_disk():
    return isinstance(default_storage, FileSystemStorage)


def create_backup(output_dir, *, alias="default", include_media=True):
    """Write a new backup directory under output_dir and return its path."""
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    target = Path(output_dir) / f"sankaku-{stamp}"
    suffix = 1
    while target.exists():
        suffix += 1
        target = Path(output_dir) / f"sankaku-{stamp}-{suffix}"
    target.mkdir(parents=True)

    connection = connections[alias]
    if connection.vendor == "postgresql":
        _run_postgres_tool(
            "pg_dump",
            connection,
            ["--format=custom", "--no-owner", "--file", str(target / POSTGRES_DUMP)],
        )
        database_file = POSTGRES_DUMP
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(target / SQLITE_COPY) as copy:
            connection.connection.backup(copy)
        database_file = SQLITE_COPY
    else:
        raise BackupError(f"{connection.vendor} のバックアップには対応していません。")

    media_file = None
    media_root = Path(settings.MEDIA_ROOT)
    if include_media and media_on_local_disk() and media_root.is_dir():
        with tarfile.open(target / MEDIA_ARCHIVE, "w:gz") as archive:
            archive.add(media_root, arcname="media")
        media_file = MEDIA_ARCHIVE

    manifest = {
        "created_at": timezone.now().isoformat(),
        "vendor": connection.vendor,
        "database": database_file,
        "media": media_file,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2))
    return target


def restore_backup(backup_dir, *, alias="default", include_media=True):
    """Replace the database (and media) with the backup's content."""
    backup_dir = Path(backup_dir)
    try:
        manifest = json.loads((backup_dir / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{backup_dir} はバックアップではありません（{error}）。") from error

    connection = connections[alias]
    if manifest["vendor"] != connection.vendor:
        raise BackupError(
            f"このバックアップは {manifest['vendor']} 用です（現在のデータベース: {connection.vendor}）。"
        )
    if connection.vendor == "postgresql":
        connection.close()
        _run_postgres_tool(
            "pg_restore",
            connection,
            ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction"],
            str(backup_dir / manifest["database"]),
        )
    else:
        connection.ensure_connection()
        with sqlite3.connect(backup_dir / manifest["database"]) as source:
            source.backup(connection.connection)
        connection.close()

    if include_media and manifest.get("media") and media_on_local_disk():
        media_root = Path(settings.MEDIA_ROOT)
        staging = media_root.with_name(media_root.name + ".restoring")
        shutil.rmtree(staging, ignore_errors=True)
        with tarfile.open(backup_dir / manifest["media"], "r:gz") as archive:
            archive.extractall(staging, filter="data")
        shutil.rmtree(media_root, ignore_errors=True)
        (staging / "media").rename(media_root)
        shutil.rmtree(staging, ignore_errors=True)

    from website.cache import invalidate_page_cache

    invalidate_page_cache()
    return manifest


def _run_postgres_tool(tool, connection, options, source=None):
    params = connection.settings_dict
    env = {**os.environ}
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = str(params["PASSWORD"])
    command = [tool]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if params.get(key):
            command += [flag, str(params[key])]
    command += [*options, "--dbname", params["NAME"]]
    if source:
        command.append(source)
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{tool} が失敗しました: {result.stderr.strip()}")
