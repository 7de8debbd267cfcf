"""nova_clone's own layering checks (STYLE.md habit 15).

Run as ``python -m nova_clone.hacking.checks nova_clone``: every violation
is printed as ``path:line: CODE message`` and the exit code is 1 if any was
found. A line ending in ``# noqa: CODE`` (or a bare ``# noqa``) is exempt.

Checks:

* N307 no database import under ``nova_clone/virt/`` (drivers reach data
  through the compute manager and conductor);
* N311 one virt driver package must not import another;
* N312 no use of the libvirt option group outside its driver and conf;
* N342 configuration options are defined only in ``nova_clone/conf/``
  (command-line arguments of ``nova_clone/cmd/`` programs excepted);
* N350 policy rules are defined only in ``nova_clone/policies/``;
* N340/N373/N374 spawning, threads and sleeps only through
  ``nova_clone/concurrency.py`` (and eventlet only in ``monkey_patch.py``);
* N399 no source file longer than 1,500 lines.
"""

import ast
import os
import re
import sys

MAX_LINES = 1500

# NOTE: the virt sub-packages that are drivers (shared modules such as
# virt/driver.py or virt/fake.py sit at the top level of virt/).
DRIVER_GROUPS = ('libvirt',)

_NOQA = re.compile(r'#\s*noqa(?::\s*(?P<codes>[\w, ]+))?', re.IGNORECASE)
_OPT_CLASSES = re.compile(r'^\w*Opt$')


def _module_parts(path, root):
    rel = os.path.relpath(path, root)
    return rel.replace(os.sep, '/')


def _is_test(rel):
    return '/tests/' in '/' + rel


def _noqa(line, code):
    m = _NOQA.search(line)
    if not m:
        return False
    codes = m.group('codes')
    if not codes:
        return True
    return code in [c.strip() for c in codes.split(',')]


class _Visitor(ast.NodeVisitor):
    """Collects (line, code, message) for one module."""

    def __init__(self, rel):
        self.rel = rel
        self.errors = []
        self.in_virt = rel.startswith('nova_clone/virt/')
        parts = rel.split('/')
        self.virt_pkg = (parts[2] if self.in_virt and len(parts) > 3
                         else None)
        self.is_test = _is_test(rel)
        self.in_conf = rel.startswith('nova_clone/conf/')
        # NOTE: command-line programs define their own CLI arguments.
        self.in_cmd = rel.startswith('nova_clone/cmd/')
        self.in_policies = rel.startswith('nova_clone/policies/')
        self.concurrency_ok = rel in ('nova_clone/concurrency.py',
                                      'nova_clone/monkey_patch.py')

    def _add(self, node, code, message):
        self.errors.append((node.lineno, code, message))

    def _check_import(self, node, module):
        if self.in_virt and (module == 'nova_clone.db'
                             or module.startswith('nova_clone.db.')):
            self._add(node, 'N307', 'nova_clone.db imported in the virt '
                      'layer; go through the compute manager/conductor')
        if self.virt_pkg and module.startswith('nova_clone.virt.'):
            other = module.split('.')[2]
            if other != self.virt_pkg and other in DRIVER_GROUPS:
                self._add(node, 'N311', 'virt driver %s imports driver %s'
                          % (self.virt_pkg, other))
        if (module == 'eventlet' or module.startswith('eventlet.')) and not (
                self.concurrency_ok or self.is_test):
            self._add(node, 'N340', 'eventlet imported outside '
                      'nova_clone/concurrency.py and monkey_patch.py')

    def visit_Import(self, node):
        for alias in node.names:
            self._check_import(node, alias.name)
        self.generic_visit(node)

    def visit_ImportFrom(self, node):
        module = node.module or ''
        if node.level == 0:
            self._check_import(node, module)
            # NOTE: `from nova_clone import db` names the package in alias.
            if module in ('nova_clone', 'nova_clone.virt'):
                for alias in node.names:
                    self._check_import(node, '%s.%s' % (module, alias.name))
        self.generic_visit(node)

    def visit_Attribute(self, node):
        if (isinstance(node.value, ast.Name) and node.value.id == 'CONF'
                and node.attr in DRIVER_GROUPS and not self.is_test
                and not self.in_conf
                and not self.rel.startswith(
                    'nova_clone/virt/%s/' % node.attr)):
            self._add(node, 'N312', 'CONF.%s used outside its driver'
                      % node.attr)
        self.generic_visit(node)

    def visit_Call(self, node):
        name = _call_name(node.func)
        if name:
            last = name.rsplit('.', 1)[-1]
            if (name.startswith('cfg.') and _OPT_CLASSES.match(last)
                    and not (self.in_conf or self.in_cmd or self.is_test)):
                self._add(node, 'N342', 'config option defined outside '
                          'nova_clone/conf/')
            if (last in ('RuleDefault', 'DocumentedRuleDefault')
                    and not (self.in_policies or self.is_test)):
                self._add(node, 'N350', 'policy rule defined outside '
                          'nova_clone/policies/')
            if not (self.concurrency_ok or self.is_test):
                if name in ('threading.Thread', 'time.sleep'):
                    self._add(node, 'N373', '%s(): use nova_clone.'
                              'concurrency instead' % name)
                elif name.startswith(('eventlet.spawn', 'greenthread.',
                                      'eventlet.sleep')):
                    self._add(node, 'N374', '%s(): use nova_clone.'
                              'concurrency instead' % name)
        self.generic_visit(node)


def _call_name(func):
    parts = []
    while isinstance(func, ast.Attribute):
        parts.append(func.attr)
        func = func.value
    if isinstance(func, ast.Name):
        parts.append(func.id)
        return '.'.join(reversed(parts))
    return None


def check_source(source, rel):
    """:returns: sorted ``(line, code, message)`` violations of one file.

    :param source: the file's text.
    :param rel: its path relative to the repository (``nova_clone/...``).
    """
    lines = source.splitlines()
    errors = []
    if len(lines) > MAX_LINES:
        errors.append((1, 'N399', 'file has %d lines (more than %d): split '
                       'it' % (len(lines), MAX_LINES)))
    try:
        tree = ast.parse(source)
    except SyntaxError as e:
        return [(e.lineno or 1, 'E999', 'syntax error: %s' % e.msg)]
    visitor = _Visitor(rel)
    visitor.visit(tree)
    errors.extend(visitor.errors)
    return sorted({(line, code, msg) for line, code, msg in errors
                   if not (line <= len(lines) and _noqa(lines[line - 1],
                                                        code))})


def check_tree(top):
    """:returns: ``[(path, line, code, message)]`` for every .py under top."""
    root = os.path.dirname(os.path.abspath(top))
    found = []
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames[:] = sorted(d for d in dirnames
                             if not d.startswith('.') and d != '__pycache__')
        for filename in sorted(filenames):
            if not filename.endswith('.py'):
                continue
            path = os.path.join(dirpath, filename)
            with open(path, encoding='utf-8') as f:
                source = f.read()
            rel = _module_parts(path, root)
            for line, code, msg in check_source(source, rel):
                found.append((path, line, code, msg))
    return found


def main(argv=None):
    """Check the trees named in ``argv``; :returns: the exit code."""
    argv = sys.argv[1:] if argv is None else argv
    found = []
    for top in argv or ['nova_clone']:
        found.extend(check_tree(top))
    for path, line, code, msg in found:
        print('%s:%d: %s %s' % (path, line, code, msg))
    return 1 if found else 0


if __name__ == '__main__':
    sys.exit(main())
