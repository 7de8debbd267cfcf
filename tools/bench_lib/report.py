"""Output: a table for people, one JSON line per scenario for machines."""

import json

_MS_KEYS = ('p50', 'p95', 'max')


def _flatten(result, prefix=''):
    flat = {}
    for key, value in result.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, '%s%s.' % (prefix, key)))
        else:
            flat[prefix + key] = value
    return flat


def _fmt(key, value):
    if value is None:
        return '-'
    if isinstance(value, float):
        if key.rsplit('.', 1)[-1] in _MS_KEYS:
            return '%.1f ms' % (value * 1000)
        return '%.2f' % value
    return str(value)


def table(result):
    """:returns: the result as aligned ``key  value`` lines."""
    flat = _flatten(result)
    width = max(len(k) for k in flat)
    return '\n'.join('%-*s  %s' % (width, k, _fmt(k, v))
                     for k, v in flat.items())


def json_line(result):
    return json.dumps(result, sort_keys=True, default=str)


def ratios(a, b):
    """:returns: {metric: b/a} for the numeric metrics both results have."""
    fa, fb = _flatten(a), _flatten(b)
    out = {}
    for key, va in fa.items():
        vb = fb.get(key)
        if isinstance(va, (int, float)) and isinstance(vb, (int, float)) \
                and not isinstance(va, bool) and va:
            out[key] = vb / va
    return out
