from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

# KvK numbers are exactly eight digits. The KvK gave up the elfproef when it began issuing
# numbers that fail it, so the digits are the whole check.
validate_kvk_nummer = RegexValidator(
    r"\A(?!0{8})[0-9]{8}\Z",
    _("Een KvK-nummer bestaat uit precies 8 cijfers, bijvoorbeeld 12345678."),
    code="kvk_nummer",
)

validate_gemeentecode = RegexValidator(
    r"\AGM[0-9]{4}\Z",
    _("Een CBS-gemeentecode is ‘GM’ met 4 cijfers, bijvoorbeeld GM0200."),
    code="gemeentecode",
)
