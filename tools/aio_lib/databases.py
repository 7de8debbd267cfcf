"""The six databases of the cloud on SQLite, MariaDB or PostgreSQL."""

import os
import sqlite3
import subprocess

from tools.aio_lib import runner
from tools.aio_lib import settings as aio_settings


def _mysql_admin_sql(s, statements, log):
    """Run SQL as the MariaDB administrator.

    Root without a password over TCP first (a developer's server); a fresh
    Debian MariaDB only lets root in through the unix socket, so fall back
    to the ``mysql`` client run as root.
    """
    try:
        import pymysql
        conn = pymysql.connect(host=s.db_host, port=s.db_port,
                               user=s.db_admin_user,
                               password=s.db_admin_password)
    except Exception as exc:
        with open(log, 'a') as f:
            f.write('TCP login as %s failed (%s); using the socket\n'
                    % (s.db_admin_user, exc))
        runner.run(['mysql', '-u', 'root'], log,
                   input=';\n'.join(statements) + ';\n')
        return
    try:
        with conn.cursor() as cur:
            for sql in statements:
                cur.execute(sql)
        conn.commit()
    finally:
        conn.close()


def _postgresql_admin_sql(s, statements, log):
    """Run SQL as the postgres role through the local socket (peer auth)."""
    for sql in statements:
        proc = runner.run(['runuser', '-u', 'postgres', '--', 'psql', '-q',
                           '-p', str(s.db_port), '-c', sql], log,
                          check=False)
        if proc.returncode != 0 and 'already exists' not in runner.tail(
                log, 3):
            raise runner.StepFailed('psql failed: %s' % sql, [log])


def create(s, log):
    """Create the databases and the account the services use."""
    if s.db == 'sqlite':
        os.makedirs(s.path('db'), exist_ok=True)
        return 'SQLite (%s)' % s.path('db')
    user, password = s.db_user, s.db_password.replace("'", "''")
    if s.db == 'mysql':
        statements = []
        for host in ('127.0.0.1', 'localhost'):
            statements.append("CREATE USER IF NOT EXISTS '%s'@'%s' "
                              "IDENTIFIED BY '%s'" % (user, host, password))
            statements.append("ALTER USER '%s'@'%s' IDENTIFIED BY '%s'"
                              % (user, host, password))
        for name in map(s.db_name, aio_settings.DATABASES):
            statements.append('CREATE DATABASE IF NOT EXISTS %s '
                              'CHARACTER SET utf8mb4' % name)
            for host in ('127.0.0.1', 'localhost'):
                statements.append("GRANT ALL PRIVILEGES ON %s.* TO '%s'@'%s'"
                                  % (name, user, host))
        _mysql_admin_sql(s, statements, log)
    else:
        if os.geteuid() != 0:
            raise runner.StepFailed('creating PostgreSQL databases needs '
                                    'root (runuser -u postgres psql)')
        statements = ["CREATE ROLE %s LOGIN" % user,
                      "ALTER ROLE %s LOGIN PASSWORD '%s'" % (user, password)]
        for name in map(s.db_name, aio_settings.DATABASES):
            statements.append('CREATE DATABASE %s OWNER %s' % (name, user))
        _postgresql_admin_sql(s, statements, log)
    return '%s at %s:%d as %s' % (s.db, s.db_host, s.db_port, user)


def use_wal(s):
    """Put every SQLite database in write-ahead-log mode.

    Measured under Tempest: keystone on a rollback-journal SQLite file
    answered 500 ("database is locked") 36 times in one run, because a
    writer then locks out readers too. WAL lets readers go on while one
    thread writes, and the mode stays with the file.
    """
    if s.db != 'sqlite':
        return 'not SQLite'
    done = []
    for name in sorted(os.listdir(s.path('db'))):
        if not name.endswith(('.sqlite', '.db', '.sqlite3')):
            continue
        with sqlite3.connect(os.path.join(s.path('db'), name),
                             timeout=30) as conn:
            mode = conn.execute('PRAGMA journal_mode=WAL').fetchone()[0]
        done.append('%s=%s' % (name, mode))
    return ', '.join(done) or 'no databases yet'


def drop(s, log):
    """Remove the databases (``tools/aio clean``); SQLite goes with the dir."""
    if s.db == 'sqlite':
        return
    statements = ['DROP DATABASE IF EXISTS %s' % name
                  for name in map(s.db_name, aio_settings.DATABASES)]
    if s.db == 'mysql':
        statements += ["DROP USER IF EXISTS '%s'@'%s'" % (s.db_user, host)
                       for host in ('127.0.0.1', 'localhost')]
    else:
        statements.append('DROP ROLE IF EXISTS %s' % s.db_user)
    try:
        if s.db == 'mysql':
            _mysql_admin_sql(s, statements, log)
        else:
            _postgresql_admin_sql(s, statements, log)
    except (runner.StepFailed, OSError, subprocess.SubprocessError) as exc:
        runner.say('could not drop the databases: %s' % exc)
