from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

# KvK numbers are exactly eight digits. The KvK gave up the elfproef when it began issuing
# numbers that fail it, so the digits are the whole check.
validate_kvk_nummer = RegexValidator(
    r"^(?!0{8})\d{8}$",
    _("Een KvK-nummer bestaat uit precies 8 cijfers, bijvoorbeeld 12345678."),
    code="kvk_nummer",
)

validate_gemeentecode = RegexValidator(
    r"^GM\d{4}$",
    _("Een CBS-gemeentecode is ‘GM’ met 4 cijfers, bijvoorbeeld GM0200."),
    code="gemeentecode",
)
