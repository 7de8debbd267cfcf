"""Matching a host value against an extra spec requirement.

A requirement is either a literal (exact string match) or an operator
followed by operands, as nova documents for flavor extra specs and
aggregate metadata:

* ``= N``: at least ``N`` (numbers); ``== N``, ``!= N``, ``>= N``,
  ``<= N``: numeric comparisons;
* ``s== S``, ``s!= S``, ``s< S``, ``s<= S``, ``s> S``, ``s>= S``: string
  comparisons;
* ``<in> S``: ``S`` is a substring of the value;
* ``<all-in> A B ...``: every operand is contained in the value;
* ``<or> A <or> B ...``: the value equals one of the operands.
"""

import operator


def _numeric(compare):
    def check(value, operand):
        try:
            return compare(float(value), float(operand))
        except (TypeError, ValueError):
            # NOTE: a value that is not a number cannot satisfy a numeric
            # requirement; the host simply does not match.
            return False
    return check


_BINARY_OPS = {
    '=': _numeric(operator.ge),
    '==': _numeric(operator.eq),
    '!=': _numeric(operator.ne),
    '>=': _numeric(operator.ge),
    '<=': _numeric(operator.le),
    's==': operator.eq,
    's!=': operator.ne,
    's<': operator.lt,
    's<=': operator.le,
    's>': operator.gt,
    's>=': operator.ge,
    '<in>': lambda value, operand: operand in value,
}

OR = '<or>'
ALL_IN = '<all-in>'


def _match_or(value, operands):
    # NOTE: "<or> a <or> b": the operands sit at every other position.
    return value in operands[::2]


def match(value, req):
    """:returns: whether the host ``value`` satisfies requirement ``req``.

    :param value: the host's value (a string, or None when unknown).
    :param req: the extra spec or aggregate requirement.
    """
    words = req.split()
    op = words[0] if words else None
    operands = words[1:]
    if op not in _BINARY_OPS and op not in (OR, ALL_IN):
        return value == req
    if value is None or not operands:
        return False
    if op == OR:
        return _match_or(value, operands)
    if op == ALL_IN:
        return all(operand in value for operand in operands)
    return bool(_BINARY_OPS[op](value, operands[0]))
