"""extra_specs_ops.match: every operator, matching and not."""

import testtools

from nova_clone.scheduler.filters import extra_specs_ops


class ExtraSpecsOpsTestCase(testtools.TestCase):

    def _check(self, value, req, expected):
        self.assertEqual(expected, extra_specs_ops.match(value, req),
                         '%r vs %r' % (value, req))

    def test_literal(self):
        self._check('1', '1', True)
        self._check('1', '2', False)
        self._check('x86_64', 'x86_64', True)

    def test_equals_is_at_least(self):
        self._check('123', '= 123', True)
        self._check('124', '= 123', True)
        self._check('122', '= 123', False)

    def test_numeric_comparisons(self):
        self._check('12', '== 12', True)
        self._check('12', '== 12.0', True)
        self._check('12', '== 13', False)
        self._check('12', '!= 13', True)
        self._check('12', '!= 12', False)
        self._check('12', '>= 11', True)
        self._check('10', '>= 11', False)
        self._check('10', '<= 11', True)
        self._check('12', '<= 11', False)

    def test_numeric_on_non_number_fails(self):
        self._check('abc', '>= 1', False)

    def test_string_comparisons(self):
        self._check('abc', 's== abc', True)
        self._check('abc', 's== abd', False)
        self._check('abc', 's!= abd', True)
        self._check('abc', 's!= abc', False)
        self._check('abc', 's< abd', True)
        self._check('abd', 's< abc', False)
        self._check('abc', 's<= abc', True)
        self._check('abd', 's<= abc', False)
        self._check('abd', 's> abc', True)
        self._check('abc', 's> abd', False)
        self._check('abc', 's>= abc', True)
        self._check('abb', 's>= abc', False)

    def test_in(self):
        self._check('12311321', '<in> 11', True)
        self._check('12311321', '<in> 55', False)

    def test_all_in(self):
        self._check('aes mmx sse', '<all-in> aes mmx', True)
        self._check('aes sse', '<all-in> aes mmx', False)

    def test_or(self):
        self._check('12', '<or> 11 <or> 12', True)
        self._check('13', '<or> 11 <or> 12', False)
        self._check('12', '<or> 11 <or> 12 <or>', True)

    def test_operator_without_operand(self):
        self._check('12', '>=', False)
        self._check('12', '<or>', False)

    def test_none_value(self):
        self._check(None, '>= 1', False)
        self._check(None, '<or> a <or> b', False)

    def test_empty_requirement(self):
        self._check('', '', True)
        self._check('x', '', False)
