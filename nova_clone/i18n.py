"""oslo.i18n integration: ``_`` marks user-facing strings for translation."""

import oslo_i18n

DOMAIN = 'nova_clone'

_translators = oslo_i18n.TranslatorFactory(domain=DOMAIN)

# The primary translation function using the well-known name "_"
_ = _translators.primary
