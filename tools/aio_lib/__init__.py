"""tools/aio: one command brings up a whole nova_clone cloud on one machine.

The modules are small on purpose: ``settings`` (environment and paths),
``runner`` (steps, stamps, progress lines), ``procs`` (daemons by PID
file), ``system`` (RabbitMQ, database servers, the virtualenv),
``databases``, ``keystone``, ``placement``, ``glance``, ``nova``
(configuration writers and database setup of each service),
``services`` (the table of daemons), ``cloud`` (identity resources,
flavors, image, self-check; runs inside the virtualenv) and ``cli``.
Everything but ``cloud`` uses only the standard library, so the first part
of ``tools/aio up`` runs with the system's python3.
"""
